package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestVetToolNewChecks: kvttl and kvhotkey report through go vet -vettool too (the
// unitchecker protocol is untouched by -format), and go vet does not accept -format,
// which kvlint keeps out of its -flags answer.
func TestVetToolNewChecks(t *testing.T) {
	t.Parallel()
	bin := buildKVLint(t)
	dir, err := filepath.Abs(filepath.Join("testdata", "e2e"))
	if err != nil {
		t.Fatal(err)
	}
	r := run(t, dir, nil, "go", "vet", "-vettool="+bin, "./cfv6/...")
	for _, want := range []string{
		"limits.go:17:15: expiration is now + 10 s",
		"limits.go:23:47: hot KV key",
		"limits.go:32:70: expirationTtl of 45 s",
	} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("go vet -vettool output lacks %q:\n%s", want, r.stderr)
		}
	}
	if r := run(t, dir, nil, "go", "vet", "-vettool="+bin, "-format=sarif", "./cfv6/..."); r.code == 0 || !strings.Contains(r.stderr, "format") {
		t.Errorf("go vet -format=sarif: exit %d, stderr %q; want go vet to reject the flag", r.code, r.stderr)
	}
}
