package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/storewise/storewise/internal/cmdtest"
)

// kvlintBin is the command, built once for every test of this package.
var kvlintBin struct {
	once      sync.Once
	dir, path string
	err       error
	out       []byte
}

func TestMain(m *testing.M) {
	code := m.Run()
	if kvlintBin.dir != "" {
		os.RemoveAll(kvlintBin.dir)
	}
	os.Exit(code)
}

// buildKVLint builds the command once per test binary run.
func buildKVLint(t *testing.T) string {
	t.Helper()
	kvlintBin.once.Do(func() {
		kvlintBin.dir, kvlintBin.err = os.MkdirTemp("", "kvlint-test")
		if kvlintBin.err != nil {
			return
		}
		kvlintBin.path = filepath.Join(kvlintBin.dir, "kvlint")
		kvlintBin.out, kvlintBin.err = exec.Command("go", "build", "-o", kvlintBin.path, ".").CombinedOutput()
	})
	if kvlintBin.err != nil {
		t.Fatalf("go build: %v\n%s", kvlintBin.err, kvlintBin.out)
	}
	return kvlintBin.path
}

type result struct {
	stdout, stderr string
	code           int
}

// run runs kvlint (or go) in dir with extra environment; the e2e module pins the real
// clients in its own go.mod and go.sum, downloaded through the module proxy.
func run(t *testing.T, dir string, env []string, name string, args ...string) result {
	t.Helper()
	stdout, stderr, code := cmdtest.Run(t, dir, env, name, args...)
	return result{stdout, stderr, code}
}

// jsonFindings parses the go vet JSON tree and returns "file:line analyzer" entries with
// file relative to dir.
func jsonFindings(t *testing.T, dir, out string) []string {
	t.Helper()
	var got []string
	dec := json.NewDecoder(strings.NewReader(out))
	for dec.More() {
		var tree map[string]map[string]json.RawMessage
		if err := dec.Decode(&tree); err != nil {
			t.Fatalf("decoding -json output: %v\n%s", err, out)
		}
		for pkg, byAnalyzer := range tree {
			for analyzer, raw := range byAnalyzer {
				var diags []struct {
					Posn    string `json:"posn"`
					Message string `json:"message"`
				}
				if err := json.Unmarshal(raw, &diags); err != nil {
					t.Fatalf("%s: %s: analysis error: %s", pkg, analyzer, raw)
				}
				for _, d := range diags {
					if d.Message == "" {
						t.Errorf("%s: empty message", d.Posn)
					}
					// posn is file:line:col
					parts := strings.Split(d.Posn, ":")
					file, line := strings.Join(parts[:len(parts)-2], ":"), parts[len(parts)-2]
					rel, err := filepath.Rel(dir, file)
					if err != nil {
						rel = file
					}
					got = append(got, fmt.Sprintf("%s:%s %s", filepath.ToSlash(rel), line, analyzer))
				}
			}
		}
	}
	sort.Strings(got)
	return got
}

func readExpected(t *testing.T, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, l := range strings.Split(string(data), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			want = append(want, l)
		}
	}
	sort.Strings(want)
	return want
}

// TestEndToEnd checks a module that uses the real clients at pinned versions
// (syumai/workers v0.32.0 built for js/wasm, cloudflare-go v0.116.0, v6.6.0 and v7.9.0).
func TestEndToEnd(t *testing.T) {
	t.Parallel()
	bin := buildKVLint(t)
	dir, err := filepath.Abs(filepath.Join("testdata", "e2e"))
	if err != nil {
		t.Fatal(err)
	}

	native := run(t, dir, nil, bin, "-json", "./cfv0/...", "./cfv6/...", "./cfv7/...", "./clean/...")
	if native.code != 0 {
		t.Fatalf("kvlint -json exited %d: %s", native.code, native.stderr)
	}
	wasm := run(t, dir, []string{"GOOS=js", "GOARCH=wasm"}, bin, "-json", "./syumai/...")
	if wasm.code != 0 {
		t.Fatalf("GOOS=js GOARCH=wasm kvlint -json exited %d: %s", wasm.code, wasm.stderr)
	}
	got := append(jsonFindings(t, dir, native.stdout), jsonFindings(t, dir, wasm.stdout)...)
	sort.Strings(got)
	want := readExpected(t, filepath.Join(dir, "expected.txt"))
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings differ from testdata/e2e/expected.txt\ngot:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	t.Run("exit status", func(t *testing.T) {
		if r := run(t, dir, nil, bin, "./clean/..."); r.code != 0 || r.stdout != "" {
			t.Errorf("clean package: exit %d, output %q %q", r.code, r.stdout, r.stderr)
		}
		if r := run(t, dir, nil, bin, "./cfv0/..."); r.code != 3 || !strings.Contains(r.stdout, "admin.go:19") {
			t.Errorf("findings: exit %d (want 3), stdout %q", r.code, r.stdout)
		}
		if r := run(t, dir, nil, bin); r.code != 2 {
			t.Errorf("no packages: exit %d, want 2", r.code)
		}
		if r := run(t, dir, nil, bin, "-nosuchflag", "./..."); r.code != 2 {
			t.Errorf("unknown flag: exit %d, want 2", r.code)
		}
		if r := run(t, dir, nil, bin, "-kvlint.wrappers=pkg.F:fetch", "./clean/..."); r.code != 2 || !strings.Contains(r.stderr, "unknown kind") {
			t.Errorf("bad wrappers flag: exit %d, want 2; stderr %q", r.code, r.stderr)
		}
	})

	t.Run("go vet -vettool", func(t *testing.T) {
		r := run(t, dir, nil, "go", "vet", "-vettool="+bin, "./cfv0/...", "./cfv6/...", "./cfv7/...", "./clean/...")
		for _, want := range []string{
			"admin.go:19:34: read-modify-write",
			"admin.go:32:34: check-then-act",
			"handler.go:15:15: read after write", // needs the wrapper facts of package cfv6
		} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("go vet -vettool output lacks %q", want)
			}
		}
		if r.code == 0 {
			t.Errorf("go vet -vettool: exit %d\n%s", r.code, r.stderr)
		}
		if strings.Contains(r.stderr, "clean.go") {
			t.Errorf("go vet -vettool reported the clean package:\n%s", r.stderr)
		}
	})
}

// TestOldClients checks code on real client modules older than the end-to-end module's:
// Workers on syumai/workers before package cloudflare/kv, v0.27.0 (the methods of
// cloudflare.KVNamespace) and v0.18.0 (whose NewKVNamespace takes a context first), built
// for js/wasm; and a command-line tool on cloudflare-go v0.20.0, the positional API
// (ReadWorkersKV, WriteWorkersKV, ListWorkersKVsWithOptions, ListWorkersKVNamespaces),
// built natively. Each is pinned by its own go.mod and go.sum.
func TestOldClients(t *testing.T) {
	t.Parallel()
	bin := buildKVLint(t)
	wasm := []string{"GOOS=js", "GOARCH=wasm"}
	for _, m := range []struct {
		mod string
		env []string
	}{{"e2e027", wasm}, {"e2e018", wasm}, {"e2ecf020", nil}} {
		mod := m.mod
		t.Run(mod, func(t *testing.T) {
			dir, err := filepath.Abs(filepath.Join("testdata", mod))
			if err != nil {
				t.Fatal(err)
			}
			r := run(t, dir, m.env, bin, "-json", "./...")
			if r.code != 0 {
				t.Fatalf("%s kvlint -json exited %d: %s", strings.Join(m.env, " "), r.code, r.stderr)
			}
			got := jsonFindings(t, dir, r.stdout)
			want := readExpected(t, filepath.Join(dir, "expected.txt"))
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("findings differ from testdata/%s/expected.txt\ngot:\n%s\nwant:\n%s", mod, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}

// TestStandardLibrary runs kvlint over std: nothing imports a KV client there, so it
// must report nothing, fail nowhere, and bail out early in every package.
func TestStandardLibrary(t *testing.T) {
	t.Parallel()
	if testing.Short() && os.Getenv("CI") == "" {
		t.Skip("kvlint std takes about 30s; run without -short (CI always runs it)")
	}
	bin := buildKVLint(t)
	r := run(t, t.TempDir(), nil, bin, "std")
	if r.code != 0 || r.stdout != "" || r.stderr != "" {
		t.Fatalf("kvlint std: exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
}
