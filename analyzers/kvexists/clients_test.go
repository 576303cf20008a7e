package kvexists_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/storewise/storewise/analyzers/internal/kvtest"
	"github.com/storewise/storewise/analyzers/kvexists"
)

// TestClients runs kvexists on code using syumai/workers-go v0.35+ (kv.ErrNotFound, the
// old path aliasing the new) and syumai/workers up to v0.27 (cloudflare.KVNamespace).
func TestClients(t *testing.T) {
	analysistest.Run(t, filepath.Join(kvtest.Dir(t), "v035"), kvexists.Analyzer, "wgexists")
	analysistest.Run(t, filepath.Join(kvtest.Dir(t), "v027"), kvexists.Analyzer, "oldexists")
}
