package effects_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/storewise/storewise/analyzers/internal/effects"
	"github.com/storewise/storewise/analyzers/internal/kvtest"
)

// The fact "waits": which functions of a package wait in the common case, for the loops
// of the packages of the module that call them (hotkey calls hotkey/pace; slowlib is of
// another project, and exports the fact for its own loops only). The analyzer reports
// nothing.
func TestWaitFacts(t *testing.T) {
	results := analysistest.Run(kvtest.Except(t, ": no diagnostic was reported matching"), kvtest.Dir(t), effects.Analyzer, "hotkey", "hotkey/pace", "slowlib")
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
