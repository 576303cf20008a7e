package effects_test

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/storewise/storewise/analyzers/internal/effects"
	"github.com/storewise/storewise/analyzers/internal/kvtest"
)

// factsOnly passes analysistest's complaints on, except those about diagnostics the
// testdata expects: hotkey's "// want" comments hold kvhotkey's findings beside the facts
// "waits" this analyzer exports. A diagnostic of this analyzer is still a failure (see
// TestWaitFacts).
type factsOnly struct{ *testing.T }

func (t factsOnly) Errorf(format string, args ...any) {
	if msg := fmt.Sprintf(format, args...); !strings.Contains(msg, ": no diagnostic was reported matching") {
		t.T.Errorf("%s", msg)
	}
}

// The fact "waits": which functions of a package wait in the common case, for the loops
// of the packages of the module that call them (hotkey calls hotkey/pace; slowlib is of
// another project, and exports the fact for its own loops only). The analyzer reports
// nothing.
func TestWaitFacts(t *testing.T) {
	results := analysistest.Run(factsOnly{t}, kvtest.Dir(t), effects.Analyzer, "hotkey", "hotkey/pace", "slowlib")
	if len(results) != 3 {
		t.Fatalf("got %d results, want 3", len(results))
	}
	for _, r := range results {
		if len(r.Diagnostics) > 0 {
			t.Errorf("%s: %d diagnostics, want none: a facts-only analyzer reports nothing", r.Pass.Pkg.Path(), len(r.Diagnostics))
		}
		if len(r.Facts) == 0 {
			t.Errorf("%s: no facts", r.Pass.Pkg.Path())
		}
	}
}
