package kvts

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
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
