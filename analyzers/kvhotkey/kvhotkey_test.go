package kvhotkey_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/storewise/storewise/analyzers/internal/kvtest"
	"github.com/storewise/storewise/analyzers/kvhotkey"
)

// hotkey's "// want" comments also hold the facts "waits" that internal/effects exports
// (checked by its own test), which kvhotkey does not export.
func TestKVHotKey(t *testing.T) {
	analysistest.Run(kvtest.Except(t, ": no fact was reported matching"), kvtest.Dir(t), kvhotkey.Analyzer, "hotkey")
}
