package kvttl_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/storewise/storewise/analyzers/internal/kvtest"
	"github.com/storewise/storewise/analyzers/kvttl"
)

func TestKVTTL(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, kvtest.Dir(t), kvttl.Analyzer, "ttl")
}
