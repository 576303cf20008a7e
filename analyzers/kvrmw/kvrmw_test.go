package kvrmw_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/storewise/storewise/analyzers/internal/kvtest"
	"github.com/storewise/storewise/analyzers/kvrmw"
)

func TestKVRMW(t *testing.T) {
	analysistest.Run(t, kvtest.Dir(t), kvrmw.Analyzer, "rmw")
}
