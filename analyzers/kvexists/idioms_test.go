package kvexists_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/storewise/storewise/analyzers/internal/kvtest"
	"github.com/storewise/storewise/analyzers/kvexists"
)

func TestIdioms(t *testing.T) {
	analysistest.Run(t, kvtest.Dir(t), kvexists.Analyzer, "idioms")
}
