package all

import (
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/storewise/storewise/analyzers/kvapi"
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

// A //kvlint:ignore directive may name every pass and nothing else: a pass missing from
// kvapi.Names would have its directives reported as naming an unknown analyzer.
func TestDirectivesKnowEveryPass(t *testing.T) {
	var passes []string
	for _, a := range Analyzers() {
		if a != kvapi.Analyzer { // the model's own findings (malformed directives) cannot be silenced
			passes = append(passes, a.Name)
		}
	}
	if !slices.Equal(kvapi.Names, passes) {
		t.Errorf("kvapi.Names = %v, want the passes of Analyzers(): %v", kvapi.Names, passes)
	}
}
