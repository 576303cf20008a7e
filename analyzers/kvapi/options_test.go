package kvapi_test

import (
	"fmt"
	"go/ast"
	"go/constant"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
	"golang.org/x/tools/go/ssa"

	"github.com/storewise/storewise/analyzers/internal/kvtest"
	"github.com/storewise/storewise/analyzers/internal/ssaflow"
	"github.com/storewise/storewise/analyzers/kvapi"
)

// Settings hands kvttl each option field a call sets: the value (cloudflare.F(x) looked
// through), and the store whose position is the colon of `Field: value` in the literal,
// from which kvttl finds the expression its message points at and its fix rewrites.
func TestSettings(t *testing.T) {
	results := analysistest.Run(t, kvtest.Dir(t), kvapi.Analyzer, "options")
	got := map[string]string{}
	found := false
	for _, r := range results {
		res, ok := r.Result.(*kvapi.Result)
		if !ok || r.Pass.Pkg.Path() != "options" {
			continue
		}
		found = true
		// The field keys of the package's composite literals, by the position of their colon.
		keys := map[string]string{}
		for _, f := range r.Pass.Files {
			ast.Inspect(f, func(n ast.Node) bool {
				if kv, ok := n.(*ast.KeyValueExpr); ok {
					if id, ok := kv.Key.(*ast.Ident); ok {
						keys[r.Pass.Fset.Position(kv.Colon).String()] = id.Name
					}
				}
				return true
			})
		}
		for _, f := range res.Funcs {
			for _, op := range f.Ops {
				for _, s := range kvapi.Settings(op) {
					at := r.Pass.Fset.Position(s.Store.Pos()).String()
					if keys[at] != s.Field {
						t.Errorf("%s %s: the store is at %s, where the literal sets %q, not the field", op.KeyDesc(), s.Field, at, keys[at])
					}
					got[op.KeyDesc()+" "+s.Field] = constOf(s.Value)
				}
			}
		}
	}
	if !found {
		t.Fatal("no result for package options")
	}
	want := map[string]string{
		`"a" CacheTTL`:      "30",
		`"b" ExpirationTTL`: "3600",
		`"c" Expiration`:    "1700000000",
		`"d" ExpirationTTL`: "120",
		`"e" ExpirationTTL`: "90",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("settings = %v, want %v", got, want)
	}
}

// constOf returns the constant a setting holds.
func constOf(v ssa.Value) string {
	if c, ok := ssaflow.Unwrap(v).(*ssa.Const); ok && c.Value != nil {
		if c.Value.Kind() == constant.Float {
			f, _ := constant.Float64Val(c.Value)
			return fmt.Sprint(f)
		}
		return c.Value.ExactString()
	}
	return "?" + v.String()
}
