package findings

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const src = `package p

const ttl = 30

func f() {
	put("a", 10)
	put("b", 20)
}
`

// edit replaces the first occurrence of old in src.
func edit(file, old, new string) Edit {
	i := strings.Index(src, old)
	return Edit{Pos: Position{File: file, Offset: i}, End: Position{File: file, Offset: i + len(old)}, New: new}
}

// ApplyFixes applies each finding's fix once (the test variant's identical fix merges),
// leaves the one whose edit overlaps an applied one, and keeps the findings without a fix;
// -diff shows the change, and writing replaces the file.
func TestApplyFixes(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "p.go")
	if err := os.WriteFile(file, []byte(src), 0o640); err != nil {
		t.Fatal(err)
	}
	fixA := Fix{Message: "raise a", Edits: []Edit{edit(file, "10", "60")}}
	fs := []Finding{
		{Analyzer: "kvttl", Pos: Position{File: file, Line: 6}, Fixes: []Fix{fixA}},
		{Analyzer: "kvttl", Pos: Position{File: file, Line: 6}, Fixes: []Fix{fixA}}, // a variant's repeat
		{Analyzer: "kvttl", Pos: Position{File: file, Line: 6, Col: 2}, Fixes: []Fix{{Message: "other", Edits: []Edit{edit(file, `"a", 10`, `"a", 90`)}}}},
		{Analyzer: "kvttl", Pos: Position{File: file, Line: 7}, Fixes: []Fix{{Message: "raise b", Edits: []Edit{edit(file, "20", "60")}}}},
		{Analyzer: "kvrmw", Pos: Position{File: file, Line: 3}},
	}
	res, err := ApplyFixes(fs)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Applied) != 3 || len(res.Conflicted) != 1 || len(res.NoFix) != 1 {
		t.Fatalf("applied %d, conflicted %d, no fix %d; want 3, 1, 1", len(res.Applied), len(res.Conflicted), len(res.NoFix))
	}
	diff, err := res.Diff(dir)
	if err != nil {
		t.Fatal(err)
	}
	wantDiff := `--- a/p.go
+++ b/p.go
@@ -3,6 +3,6 @@
 const ttl = 30
 
 func f() {
-	put("a", 10)
-	put("b", 20)
+	put("a", 60)
+	put("b", 60)
 }
`
	if diff != wantDiff {
		t.Errorf("diff:\n%s\nwant:\n%s", diff, wantDiff)
	}
	if data, _ := os.ReadFile(file); string(data) != src {
		t.Errorf("Diff changed the file")
	}
	if err := res.WriteFiles(); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(file)
	if !strings.Contains(string(data), `put("a", 60)`) || !strings.Contains(string(data), `put("b", 60)`) {
		t.Errorf("after WriteFiles:\n%s", data)
	}
	if info, _ := os.Stat(file); info.Mode().Perm() != 0o640 {
		t.Errorf("mode %v, want 0640 kept", info.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left: %v", entries)
	}
}

// A fix whose result does not parse is refused, and nothing is written.
func TestApplyFixesRefusesBrokenGo(t *testing.T) {
	file := filepath.Join(t.TempDir(), "p.go")
	os.WriteFile(file, []byte(src), 0o644)
	_, err := ApplyFixes([]Finding{{Analyzer: "kvttl", Fixes: []Fix{{Edits: []Edit{edit(file, "func f() {", "func f( {")}}}}})
	if err == nil || !strings.Contains(err.Error(), "p.go") {
		t.Errorf("err = %v, want one naming the file", err)
	}
}
