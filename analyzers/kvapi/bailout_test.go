package kvapi_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/storewise/storewise/analyzers/internal/kvtest"
	"github.com/storewise/storewise/analyzers/kvapi"
)

// Speed: SSA is built only where a KV operation can be called. Each bail-out is a case.
func TestBailOuts(t *testing.T) {
	for _, tc := range []struct {
		pkg       string
		wantSSA   bool
		wantFuncs int
	}{
		{"bailout/noclient", false, 0},                        // imports no client, directly or indirectly
		{"bailout/typesonly", false, 0},                       // imports a client, calls none
		{"bailout/viaimport", true, 1},                        // reaches the client through an import's types
		{"github.com/syumai/workers/cloudflare/kv", false, 0}, // the client itself
	} {
		t.Run(tc.pkg, func(t *testing.T) {
			results := analysistest.Run(t, kvtest.Dir(t), kvapi.Analyzer, tc.pkg)
			found := false
			for _, r := range results {
				if r.Pass.Pkg.Path() != tc.pkg {
					continue
				}
				found = true
				res := r.Result.(*kvapi.Result)
				if res.SSABuilt != tc.wantSSA || len(res.Funcs) != tc.wantFuncs {
					t.Errorf("SSA built %v with %d functions, want %v and %d", res.SSABuilt, len(res.Funcs), tc.wantSSA, tc.wantFuncs)
				}
			}
			if !found {
				t.Fatalf("no result for package %s", tc.pkg)
			}
		})
	}
}
