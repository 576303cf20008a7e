package all

import (
	"flag"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

	"github.com/storewise/storewise/analyzers/internal/effects"
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

// The facts-only analyzers (internal/effects) run because checks require them, and are no
// check themselves: never listed (so never in kvlint help, -json, SARIF or the
// golangci-lint plugin's settings), no flags, no findings to silence.
func TestFactAnalyzersAreNoChecks(t *testing.T) {
	var required []*analysis.Analyzer
	for _, a := range Analyzers() {
		required = append(required, a.Requires...)
	}
	if !slices.Contains(required, effects.Analyzer) {
		t.Fatalf("no check requires %s: the wait facts would not be computed", effects.Analyzer.Name)
	}
	if slices.Contains(Analyzers(), effects.Analyzer) || slices.Contains(kvapi.Names, effects.Analyzer.Name) {
		t.Errorf("%s is listed as a check", effects.Analyzer.Name)
	}
	effects.Analyzer.Flags.VisitAll(func(f *flag.Flag) {
		t.Errorf("%s has flag -%s: a facts-only analyzer takes none (the drivers would not show it)", effects.Analyzer.Name, f.Name)
	})
	if len(effects.Analyzer.FactTypes) == 0 || effects.Analyzer.ResultType == nil {
		t.Errorf("%s exports no facts or returns no result", effects.Analyzer.Name)
	}
}
