package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func e2eDir(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("testdata", "e2e"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// The text a user reads, as staticcheck writes it: on standard output each finding as
// file:line:col: message (analyzer), files relative to the working directory, sorted by
// file and line, each once although cfv0 has a test variant; its related place indented
// below; the summary on standard error.
func TestTextOutput(t *testing.T) {
	t.Parallel()
	bin := buildKVLint(t)
	dir := e2eDir(t)
	r := run(t, dir, nil, bin, "./cfv0/...", "./cfv6/...")
	if r.code != 3 {
		t.Fatalf("exit %d, want 3\n%s", r.code, r.stderr)
	}
	finding := regexp.MustCompile(`^([a-z0-9/]+\.go):(\d+):(\d+): (.+) \((kv[a-z]+)\)$`)
	related := regexp.MustCompile(`^\t[a-z0-9/]+\.go:\d+:\d+: [a-z ]+$`)
	var got []string
	for _, line := range strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n") {
		if related.MatchString(line) {
			continue
		}
		m := finding.FindStringSubmatch(line)
		if m == nil {
			t.Errorf("line not in the form file:line:col: message (analyzer): %q", line)
			continue
		}
		got = append(got, m[1]+":"+m[2]+" "+m[5])
		// What is wrong and what to do; the why is in kvlint help NAME.
		if len(m[4]) > 220 || strings.Contains(m[4], "because") {
			t.Errorf("%s:%s: a message of %d characters, or one that explains why: %s", m[1], m[2], len(m[4]), m[4])
		}
	}
	want := []string{
		"cfv0/admin.go:19 kvrmw", "cfv0/admin.go:32 kvexists",
		"cfv6/handler/handler.go:15 kvwriteread",
		"cfv6/limits.go:17 kvttl", "cfv6/limits.go:23 kvhotkey", "cfv6/limits.go:32 kvttl",
		"cfv6/store.go:44 kvrmw", "cfv6/store.go:51 kvwriteread", "cfv6/store.go:58 kvexists",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings, in this order:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !strings.Contains(r.stdout, "cfv0/admin.go:19:34: read-modify-write") || !strings.Contains(r.stdout, "\n\tcfv0/admin.go:14:28: the value is read here\n") {
		t.Errorf("the read-modify-write and the place of its read:\n%s", r.stdout)
	}
	if r.stderr != "9 findings: kvrmw 2, kvwriteread 2, kvexists 2, kvttl 2, kvhotkey 1\n" {
		t.Errorf("stderr %q, want the summary alone", r.stderr)
	}
}

// -json lists each finding once: cfv0's test variant compiles admin.go again.
func TestJSONOnce(t *testing.T) {
	t.Parallel()
	bin := buildKVLint(t)
	dir := e2eDir(t)
	r := run(t, dir, nil, bin, "-json", "./cfv0/...")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	got := jsonFindings(t, dir, r.stdout)
	if strings.Join(got, " ") != "cfv0/admin.go:19 kvrmw cfv0/admin.go:32 kvexists" {
		t.Errorf("findings %v, want each once", got)
	}
	var tree map[string]map[string][]struct{ Why, URL string }
	if err := json.Unmarshal([]byte(r.stdout), &tree); err != nil {
		t.Fatal(err)
	}
	for _, d := range tree["example.com/kvapp/cfv0"]["kvrmw"] {
		if !strings.Contains(d.Why, "Durable Object") || !strings.HasSuffix(d.URL, "#kvrmw") {
			t.Errorf("the why and the page of a kvrmw finding: %+v", d)
		}
	}
}

// Worker code loaded for the host: one line saying how to run it, not the cascade of
// syscall/js errors and failed prerequisites.
func TestWorkerCodeWithoutWasm(t *testing.T) {
	t.Parallel()
	bin := buildKVLint(t)
	r := run(t, e2eDir(t), []string{"GOOS=", "GOARCH="}, bin, "./syumai/...")
	want := "kvlint: this code is built for a Worker (it imports syscall/js, which exists only for GOOS=js): run it as GOOS=js GOARCH=wasm kvlint ./syumai/...\n"
	if r.code != 1 || r.stderr != want || r.stdout != "" {
		t.Errorf("exit %d, stdout %q, stderr:\n%s\nwant exit 1 and the one line:\n%s", r.code, r.stdout, r.stderr, want)
	}
}

// A package that does not compile: its error once, and none of the "failed
// prerequisites" it causes.
func TestLoadErrorWithoutCascade(t *testing.T) {
	t.Parallel()
	bin := buildKVLint(t)
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "go.mod"), []byte("module example.com/broken\n\ngo 1.22\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "lib"), 0o755)
	os.WriteFile(filepath.Join(dir, "lib", "lib.go"), []byte("package lib\n\nfunc F() int { return \"x\" }\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "main.go"), []byte("package main\n\nimport \"example.com/broken/lib\"\n\nfunc main() { lib.F() }\n"), 0o644)
	r := run(t, dir, nil, bin, "./...")
	if r.code != 1 || strings.Contains(r.stderr, "prerequisites") || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "lib.go:3:") {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and the type error alone", r.code, r.stderr)
	}
}

// kvlint's own usage, help and version.
func TestHelpAndVersion(t *testing.T) {
	t.Parallel()
	bin := buildKVLint(t)
	dir := e2eDir(t)
	r := run(t, dir, nil, bin, "-help")
	if r.code != 0 || !strings.Contains(r.stdout, "Exit status: 0 no findings, 3 findings") || !strings.Contains(r.stdout, "kvlint help [NAME]") ||
		strings.Contains(r.stdout, "cpuprofile") || strings.Contains(r.stdout, "deprecated") {
		t.Errorf("-help: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, dir, nil, bin, "help")
	if r.code != 0 || !strings.Contains(r.stdout, "kvhotkey") || strings.Contains(r.stdout, "Printf") {
		t.Errorf("help: exit %d\n%s", r.code, r.stdout)
	}
	r = run(t, dir, nil, bin, "help", "kvrmw")
	if r.code != 0 || !strings.Contains(r.stdout, "Durable Object") || !strings.Contains(r.stdout, "docs/checks.md#kvrmw") {
		t.Errorf("help kvrmw: exit %d\n%s", r.code, r.stdout)
	}
	if r := run(t, dir, nil, bin, "help", "kvnope"); r.code != 2 || !strings.Contains(r.stderr, "kvrmw") {
		t.Errorf("help of an unknown check: exit %d, stderr %q", r.code, r.stderr)
	}
	r = run(t, dir, nil, bin, "-version")
	if r.code != 0 || !regexp.MustCompile(`^kvlint \S+.* go1\.\d+`).MatchString(r.stdout) {
		t.Errorf("-version: exit %d, %q", r.code, r.stdout)
	}
	// go vet keys its cache on the buildID of this line.
	r = run(t, dir, nil, bin, "-V=full")
	if r.code != 0 || !regexp.MustCompile(`^kvlint version devel .* buildID=[0-9a-f]{64}\n$`).MatchString(r.stdout) || strings.Contains(r.stdout, "comments-go-here") {
		t.Errorf("-V=full: exit %d, %q", r.code, r.stdout)
	}
}
