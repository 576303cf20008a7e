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
