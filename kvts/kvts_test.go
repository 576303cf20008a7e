package kvts

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

// wantRE matches the expectations written in the corpus: `// want: kvrmw` (or several
// names) on the line a finding must be reported on. Every other line must stay silent.
var wantRE = regexp.MustCompile(`(?://|/\*)\s*want:\s*([a-z, ]+)`)

// TestCorpus lints each Worker project under testdata and compares the findings with the
// `want:` comments of its sources, line by line: a finding nobody wants fails, and so does
// a wanted one that is missing.
func TestCorpus(t *testing.T) {
	dirs, err := filepath.Glob("testdata/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, dir := range dirs {
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			continue
		}
		t.Run(filepath.Base(dir), func(t *testing.T) {
			res, err := Lint(context.Background(), dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			want := map[string][]string{} // file:line → analyzers
			filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() || !sourceExts[filepath.Ext(path)] {
					return err
				}
				src, err := os.ReadFile(path)
				if err != nil {
					return err
				}
				rel, _ := filepath.Rel(dir, path)
				for i, line := range strings.Split(string(src), "\n") {
					if m := wantRE.FindStringSubmatch(line); m != nil {
						for _, name := range strings.FieldsFunc(m[1], func(r rune) bool { return r == ',' || r == ' ' }) {
							k := fmt.Sprintf("%s:%d", filepath.ToSlash(rel), i+1)
							want[k] = append(want[k], name)
						}
					}
				}
				return nil
			})
			got := map[string][]string{}
			for _, f := range res.Findings {
				k := fmt.Sprintf("%s:%d", f.File, f.Line)
				got[k] = append(got[k], f.Analyzer)
				if !slices.Contains(want[k], f.Analyzer) {
					t.Errorf("%s:%d: unexpected %s finding: %s", f.File, f.Line, f.Analyzer, f.Message)
				}
				// As in Go: what is wrong and what to do; the why is in kvlint help NAME.
				if len(f.Message) > 220 || strings.Contains(f.Message, "because") {
					t.Errorf("%s:%d: a message of %d characters, or one that explains why: %s", f.File, f.Line, len(f.Message), f.Message)
				}
			}
			for k, names := range want {
				for _, n := range names {
					if !slices.Contains(got[k], n) {
						t.Errorf("%s: missing %s finding", k, n)
					}
				}
			}
		})
	}
}

func TestConfigErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "wrangler.toml"), []byte("name = \"x\"\n[[kv_namespaces]]\nbinding = \n"), 0o644)
	_, err := Lint(context.Background(), dir, Options{})
	var ce *ConfigError
	if !errors.As(err, &ce) || ce.Line != 3 || !strings.HasSuffix(ce.File, "wrangler.toml") {
		t.Fatalf("bad wrangler.toml: got %v, want a ConfigError on line 3", err)
	}
	os.WriteFile(filepath.Join(dir, "wrangler.toml"), []byte("[[kv_namespaces]]\nid = \"x\"\n"), 0o644)
	if _, err := Lint(context.Background(), dir, Options{}); !errors.As(err, &ce) || !strings.Contains(ce.Msg, "kv_namespaces[0].binding") {
		t.Fatalf("binding missing: got %v, want the field named", err)
	}
	os.Remove(filepath.Join(dir, "wrangler.toml"))
	os.WriteFile(filepath.Join(dir, "wrangler.jsonc"), []byte("{\n  // c\n  \"kv_namespaces\": [\n    {\"binding\": \"A\",},\n  ]\n  \"x\": 1\n}\n"), 0o644)
	if _, err := Lint(context.Background(), dir, Options{}); !errors.As(err, &ce) || ce.Line != 6 {
		t.Fatalf("bad wrangler.jsonc: got %v, want a ConfigError on line 6", err)
	}
}

func TestJSONC(t *testing.T) {
	in := "{ // a\n \"s\": \"http://x,]\", /* b, */ \"l\": [1, 2, /* c */ ],\n \"o\": {\"k\": \"v\",},\n}"
	var v map[string]any
	if err := json.Unmarshal(stripJSONC([]byte(in)), &v); err != nil {
		t.Fatalf("%v in %s", err, stripJSONC([]byte(in)))
	}
	if v["s"] != "http://x,]" || len(v["l"].([]any)) != 2 {
		t.Fatalf("got %v", v)
	}
}

// TestFixes applies kvlint's suggested fixes to a copy of a project and checks the text:
// TTLs raised to the minimum, a re-read replaced by the value written; a TTL held in a
// variable and a re-read of a computed value are left alone.
func TestFixes(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "wrangler.toml"), []byte("[[kv_namespaces]]\nbinding = \"KV\"\nid = \"x\"\n"), 0o644)
	src := `const TTL = 30;
export async function f(env: Env, id: string, body: string) {
	await env.KV.put("a", "x", { expirationTtl: 30 });
	await env.KV.put("b", "x", { expirationTtl: TTL });
	await env.KV.put("c", "x", { expiration: Math.floor(Date.now() / 1000) + 10 });
	const flags = await env.KV.get("flags", { cacheTtl: 10 });
	await env.KV.put("banner", "hello");
	const banner = await env.KV.get("banner");
	const saved = JSON.stringify({ body });
	await env.KV.put("doc:" + id, saved);
	const doc = await env.KV.get("doc:" + id);
	await env.KV.put("raw:" + id, body.trim());
	const raw = await env.KV.get("raw:" + id);
	return [flags, banner, doc, raw];
}
`
	want := `const TTL = 30;
export async function f(env: Env, id: string, body: string) {
	await env.KV.put("a", "x", { expirationTtl: 60 });
	await env.KV.put("b", "x", { expirationTtl: TTL });
	await env.KV.put("c", "x", { expiration: Math.floor(Date.now() / 1000) + 60 });
	const flags = await env.KV.get("flags", { cacheTtl: 30 });
	await env.KV.put("banner", "hello");
	const banner = "hello";
	const saved = JSON.stringify({ body });
	await env.KV.put("doc:" + id, saved);
	const doc = saved;
	await env.KV.put("raw:" + id, body.trim());
	const raw = await env.KV.get("raw:" + id);
	return [flags, banner, doc, raw];
}
`
	path := filepath.Join(dir, "index.ts")
	os.WriteFile(path, []byte(src), 0o644)
	res, err := Lint(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 7 {
		for _, f := range res.Findings {
			t.Logf("%s:%d: %s: %s", f.File, f.Line, f.Analyzer, f.Message)
		}
		t.Fatalf("got %d findings, want 7: four TTLs, three re-reads", len(res.Findings))
	}
	// Apply the edits as kvlint -fix does (internal/findings, tested with the command):
	// back to front, so that offsets stay right.
	var edits []Edit
	for _, f := range res.Findings {
		if len(f.Fixes) > 0 {
			edits = append(edits, f.Fixes[0].Edits...)
		}
	}
	slices.SortFunc(edits, func(a, b Edit) int { return b.Start - a.Start })
	got := src
	for _, e := range edits {
		if e.File != "index.ts" || e.Start > e.End || e.End > len(src) {
			t.Fatalf("edit %+v", e)
		}
		got = got[:e.Start] + e.New + got[e.End:]
	}
	if got != want {
		t.Fatalf("after the fixes:\n%s\nwant:\n%s", got, want)
	}
}

// TestSplitPatterns: a Worker project is recognised without a flag, alone or inside a Go
// tree; Go patterns are left to the Go loader.
func TestSplitPatterns(t *testing.T) {
	root := t.TempDir()
	os.WriteFile(filepath.Join(root, "go.mod"), []byte("module m\n"), 0o644)
	for _, d := range []string{"worker", "app/node_modules/pkg", "pages"} {
		os.MkdirAll(filepath.Join(root, d), 0o755)
	}
	os.WriteFile(filepath.Join(root, "worker", "wrangler.toml"), []byte("name = \"w\"\n"), 0o644)
	os.WriteFile(filepath.Join(root, "app", "node_modules", "pkg", "wrangler.toml"), []byte(""), 0o644)
	os.WriteFile(filepath.Join(root, "pages", "package.json"), []byte("{}"), 0o644)
	t.Chdir(root)
	goPats, workers, err := SplitPatterns([]string{"./...", "./pages", "example.com/x"})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(goPats, []string{"./...", "example.com/x"}) || !slices.Equal(workers, []string{"worker", "pages"}) {
		t.Fatalf("go %q, workers %q", goPats, workers)
	}
	goPats, workers, _ = SplitPatterns([]string{"./worker"})
	if len(goPats) != 0 || !slices.Equal(workers, []string{"worker"}) {
		t.Fatalf("go %q, workers %q", goPats, workers)
	}
}

// TestHostileInput: deep nesting, a huge expression, a function with thousands of KV
// calls and a file of garbage are analysed without a crash and in bounded time.
func TestHostileInput(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "wrangler.toml"), []byte("[[kv_namespaces]]\nbinding = \"KV\"\nid = \"x\"\n"), 0o644)
	var b strings.Builder
	b.WriteString("export async function many(env: Env) {\n")
	for i := 0; i < 2000; i++ {
		b.WriteString("\tconst v" + fmt.Sprint(i) + " = await env.KV.get(\"k\");\n\tawait env.KV.put(\"k\", v" + fmt.Sprint(i) + " + 1);\n")
	}
	b.WriteString("}\nexport const deep = " + strings.Repeat("(", 5000) + "1" + strings.Repeat(")", 5000) + ";\n")
	b.WriteString("export const long = \"a\"" + strings.Repeat(" + \"a\"", 20000) + ";\n")
	os.WriteFile(filepath.Join(dir, "hostile.ts"), []byte(b.String()), 0o644)
	os.WriteFile(filepath.Join(dir, "garbage.js"), []byte(strings.Repeat("}{)(][ env.KV.put( `${", 5000)), 0o644)
	done := make(chan error, 1)
	go func() {
		_, err := Lint(context.Background(), dir, Options{})
		done <- err
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("Lint ran for more than 60 s on hostile input")
	}
}
