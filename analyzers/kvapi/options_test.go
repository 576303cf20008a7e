package kvapi_test

import (
	"fmt"
	"go/constant"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/ssa"

	"github.com/storewise/storewise/analyzers/internal/kvtest"
	"github.com/storewise/storewise/analyzers/kvapi"
)

// The model hands each option's SSA value to the passes (kvttl reads them).
func TestOptionsAreExtracted(t *testing.T) {
	results := analysistest.Run(t, kvtest.Dir(t), kvapi.Analyzer, "options")
	got := map[string]string{}
	for _, r := range results {
		res, ok := r.Result.(*kvapi.Result)
		if !ok || r.Pass.Pkg.Path() != "options" {
			continue
		}
		for _, f := range res.Funcs {
			for _, op := range f.Ops {
				key := op.KeyDesc()
				for name, v := range map[string]ssa.Value{
					"CacheTTL": op.Options.CacheTTL, "ExpirationTTL": op.Options.ExpirationTTL, "Expiration": op.Options.Expiration,
				} {
					if v != nil {
						got[key+" "+name] = constOf(v)
					}
				}
			}
		}
	}
	want := map[string]string{
		`"a" CacheTTL`:      "30",
		`"b" ExpirationTTL`: "3600",
		`"c" Expiration`:    "1700000000",
		`"d" ExpirationTTL`: "120",
		`"e" ExpirationTTL`: "90",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("options = %v, want %v", got, want)
	}
}

// constOf returns the constant an option holds, looking into cloudflare.F(x) calls.
func constOf(v ssa.Value) string {
	if call, ok := v.(*ssa.Call); ok && len(call.Call.Args) == 1 {
		v = call.Call.Args[0]
	}
	if c, ok := v.(*ssa.Const); ok && c.Value != nil {
		if c.Value.Kind() == constant.Float {
			f, _ := constant.Float64Val(c.Value)
			return fmt.Sprint(f)
		}
		return c.Value.ExactString()
	}
	return "?" + v.String()
}
