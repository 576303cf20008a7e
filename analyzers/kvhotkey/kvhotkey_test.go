package kvhotkey_test

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/storewise/storewise/analyzers/internal/kvtest"
	"github.com/storewise/storewise/analyzers/kvhotkey"
)

// diagnosticsOnly passes analysistest's complaints on, except those about the facts the
// testdata expects: hotkey's "// want" comments also hold the facts "waits" that
// internal/effects exports (checked by its own test), which kvhotkey does not export.
type diagnosticsOnly struct{ *testing.T }

func (t diagnosticsOnly) Errorf(format string, args ...any) {
	if msg := fmt.Sprintf(format, args...); !strings.Contains(msg, ": no fact was reported matching") {
		t.T.Errorf("%s", msg)
	}
}

func TestKVHotKey(t *testing.T) {
	analysistest.Run(diagnosticsOnly{t}, kvtest.Dir(t), kvhotkey.Analyzer, "hotkey")
}
