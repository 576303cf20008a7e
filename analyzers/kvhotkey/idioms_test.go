package kvhotkey_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/storewise/storewise/analyzers/internal/kvtest"
	"github.com/storewise/storewise/analyzers/kvhotkey"
)

// TestIdioms: retries of a failed write stay silent; a goroutine or a closure elsewhere
// in the function does not hide a hot key; rollbacks on a failure path are silent.
func TestIdioms(t *testing.T) {
	analysistest.Run(t, kvtest.Dir(t), kvhotkey.Analyzer, "idioms/hotkey", "idioms/silent")
}
