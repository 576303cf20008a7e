package main

import (
	"github.com/storewise/storewise/internal/cmdtest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// copyDir copies testdata/worker (or another tree) into a temporary directory, so that
// -fix and the mixed-repository test can change and extend it.
func copyDir(t *testing.T, from string) string {
	t.Helper()
	to := t.TempDir()
	err := filepath.WalkDir(from, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, path)
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), 0o755)
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return to
}

// wantWorker is what testdata/worker holds: one finding per check; the re-read under a
// //kvlint:ignore comment is not reported.
var wantWorker = []string{
	"src/index.ts:14 kvwriteread",
	"src/index.ts:23 kvexists",
	"src/index.ts:23 kvttl",
	"src/index.ts:31 kvhotkey",
	"src/index.ts:7 kvrmw",
}

// TestWorkerProject: `kvlint DIR` on a TypeScript Worker project, in every output format,
// with the same exit statuses as for Go.
func TestWorkerProject(t *testing.T) {
	kvlint := buildKVLint(t)
	dir, err := filepath.Abs(filepath.Join("testdata", "worker"))
	if err != nil {
		t.Fatal(err)
	}

	r := run(t, dir, nil, kvlint, ".")
	if r.code != 3 {
		t.Fatalf("text: exit %d, want 3 (findings)\n%s%s", r.code, r.stdout, r.stderr)
	}
	for _, line := range []string{
		`src/index.ts:7:8: read-modify-write of KV key "visits": the value written by c.env.KV.put comes from the c.env.KV.get above`,
		`(kvrmw)`, "\tsrc/index.ts:6:26: the value is read here",
		`src/index.ts:23:60: expirationTtl of 30 s is below the 60 s minimum`,
	} {
		if !strings.Contains(r.stdout, line) {
			t.Errorf("text output lacks %q:\n%s", line, r.stdout)
		}
	}
	if !strings.Contains(r.stderr, "5 findings: kvrmw 1, kvwriteread 1, kvexists 1, kvttl 1, kvhotkey 1") {
		t.Errorf("summary: %q", r.stderr)
	}

	r = run(t, dir, nil, kvlint, "-json", ".")
	if r.code != 0 {
		t.Fatalf("-json: exit %d\n%s", r.code, r.stderr)
	}
	if got := jsonFindings(t, dir, r.stdout); !slices.Equal(got, wantWorker) {
		t.Errorf("-json findings %q, want %q", got, wantWorker)
	}
	if !strings.HasPrefix(strings.TrimSpace(r.stdout), "{\n\t\".\": {") {
		t.Errorf("-json tree not keyed by the project directory:\n%.200s", r.stdout)
	}

	r = run(t, dir, nil, kvlint, "-format", "sarif", ".")
	if r.code != 0 {
		t.Fatalf("-format sarif: exit %d\n%s", r.code, r.stderr)
	}
	validateSARIF(t, cmdtest.SARIFSchema(t), r.stdout)
	if got := sarifFindings(t, r.stdout); len(got) != len(wantWorker) {
		t.Errorf("SARIF results %q, want %d", got, len(wantWorker))
	}

	// -kvttl runs only kvttl, as for Go.
	r = run(t, dir, nil, kvlint, "-json", "-kvttl", ".")
	if got := jsonFindings(t, dir, r.stdout); !slices.Equal(got, []string{"src/index.ts:23 kvttl"}) {
		t.Errorf("-kvttl: %q", got)
	}
}

// TestWorkerFix: -fix raises the TTL to the minimum and replaces the re-read by the value
// written, atomically, and lists what is left.
func TestWorkerFix(t *testing.T) {
	kvlint := buildKVLint(t)
	dir := copyDir(t, filepath.Join("testdata", "worker"))
	r := run(t, dir, nil, kvlint, "-fix", ".")
	if r.code != 0 {
		t.Fatalf("-fix: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	src, err := os.ReadFile(filepath.Join(dir, "src", "index.ts"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`{ expirationTtl: 60 }`, "const saved = \"dark\";"} {
		if !strings.Contains(string(src), s) {
			t.Errorf("after -fix the source lacks %q:\n%s", s, src)
		}
	}
	if !strings.Contains(r.stderr, "fixed 2 findings in 1 file") || !strings.Contains(r.stderr, "3 findings left") {
		t.Errorf("-fix summary: %s", r.stderr)
	}
	r = run(t, dir, nil, kvlint, "-json", ".")
	if got := jsonFindings(t, dir, r.stdout); len(got) != 3 {
		t.Errorf("after -fix: %q, want the 3 findings without a fix", got)
	}
}

// TestMixedRepository: a Go module with a Worker project inside; `kvlint ./...` lints both
// without a flag, and a broken Wrangler configuration is bad input (exit 2, nothing on
// standard output).
func TestMixedRepository(t *testing.T) {
	kvlint := buildKVLint(t)
	root := t.TempDir()
	worker := filepath.Join(root, "worker")
	os.MkdirAll(worker, 0o755)
	for _, name := range []string{"wrangler.jsonc", "package.json"} {
		data, _ := os.ReadFile(filepath.Join("testdata", "worker", name))
		os.WriteFile(filepath.Join(worker, name), data, 0o644)
	}
	os.MkdirAll(filepath.Join(worker, "src"), 0o755)
	data, _ := os.ReadFile(filepath.Join("testdata", "worker", "src", "index.ts"))
	os.WriteFile(filepath.Join(worker, "src", "index.ts"), data, 0o644)
	os.WriteFile(filepath.Join(root, "go.mod"), []byte("module example.com/mixed\n\ngo 1.22\n"), 0o644)
	os.MkdirAll(filepath.Join(root, "tool"), 0o755)
	os.WriteFile(filepath.Join(root, "tool", "tool.go"), []byte("package tool\n\nfunc Double(n int) int { return 2 * n }\n"), 0o644)

	r := run(t, root, nil, kvlint, "-json", "./...")
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	var want []string
	for _, w := range wantWorker {
		want = append(want, "worker/"+w)
	}
	if got := jsonFindings(t, root, r.stdout); !slices.Equal(got, want) {
		t.Errorf("mixed repository: %q, want %q", got, want)
	}

	os.WriteFile(filepath.Join(worker, "wrangler.jsonc"), []byte("{\n  \"kv_namespaces\": [\n    { \"binding\": 3 }\n  ]\n}\n"), 0o644)
	r = run(t, root, nil, kvlint, "./...")
	if r.code != 2 || r.stdout != "" || !strings.Contains(r.stderr, "wrangler.jsonc") || !strings.Contains(r.stderr, "kv_namespaces[0].binding") {
		t.Errorf("bad wrangler.jsonc: exit %d, stdout %q, stderr %q; want exit 2 naming the file and field", r.code, r.stdout, r.stderr)
	}
}
