package all

import (
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
)

// The analyzer names, docs and URLs are a contract (contracts.md §3): drivers and
// golangci-lint configs refer to them.
func TestAnalyzersAreValidAndDocumented(t *testing.T) {
	as := Analyzers()
	if err := analysis.Validate(as); err != nil {
		t.Fatal(err)
	}
	want := []string{"kvlint", "kvrmw", "kvwriteread", "kvexists", "kvttl", "kvhotkey"}
	for i, a := range as {
		if a.Name != want[i] {
			t.Errorf("analyzer %d is %q, want %q", i, a.Name, want[i])
		}
		if a.Doc == "" || strings.HasPrefix(a.Doc, "//") {
			t.Errorf("%s: Doc not extracted from doc.go: %q", a.Name, a.Doc)
		}
		if !strings.HasPrefix(a.URL, "https://github.com/storewise/storewise/blob/main/docs/checks.md#") {
			t.Errorf("%s: URL %q does not point to docs/checks.md", a.Name, a.URL)
		}
	}
}
