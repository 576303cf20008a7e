package kvrmw_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/storewise/storewise/analyzers/internal/kvtest"
	"github.com/storewise/storewise/analyzers/kvrmw"
)

// TestClients runs kvrmw on code using syumai/workers-go v0.35+ (its generated layer,
// the old path aliasing the new) and syumai/workers up to v0.27 (a context-first
// constructor).
func TestClients(t *testing.T) {
	analysistest.Run(t, filepath.Join(kvtest.Dir(t), "v035"), kvrmw.Analyzer, "wgrmw")
	analysistest.Run(t, filepath.Join(kvtest.Dir(t), "v027"), kvrmw.Analyzer, "oldworkers")
}
