package kvhotkey_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/storewise/storewise/analyzers/internal/kvtest"
	"github.com/storewise/storewise/analyzers/kvhotkey"
)

func TestKVHotKey(t *testing.T) {
	analysistest.Run(t, kvtest.Dir(t), kvhotkey.Analyzer, "hotkey")
}

// The fact "waits": which functions of a package wait, for the loops of the packages
// of the module that call them (hotkey calls hotkey/pace, and slowlib of another project).
func TestWaitFacts(t *testing.T) {
	analysistest.Run(t, kvtest.Dir(t), kvhotkey.Analyzer, "hotkey/pace", "slowlib")
}
