package rules

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/format"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/storewise/storewise/matrix"
)

// TestRegoPolicies runs the policy's own tests (policy/*_test.rego) through OPA's tester,
// with the same data document the engine uses, so `go test` runs every test.
func TestRegoPolicies(t *testing.T) {
	ctx := context.Background()
	srcs, err := builtinModules(true)
	if err != nil {
		t.Fatal(err)
	}
	mods := map[string]*ast.Module{}
	for name, src := range srcs {
		mod, err := ast.ParseModuleWithOpts(name, src, ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			t.Fatal(err)
		}
		mods[name] = mod
	}
	store, _, err := policyStore(matrix.MustLoad())
	if err != nil {
		t.Fatal(err)
	}
	txn := storage.NewTransactionOrDie(ctx, store)
	defer store.Abort(ctx, txn)
	ch, err := tester.NewRunner().SetStore(store).SetModules(mods).RaiseBuiltinErrors(true).RunTests(ctx, txn)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := range ch {
		n++
		t.Run(r.Package+"."+r.Name, func(t *testing.T) {
			if r.Error != nil {
				t.Fatalf("%s: %v", r.Location, r.Error)
			}
			if !r.Pass() {
				t.Fatalf("%s: failed\n%s", r.Location, r.String())
			}
		})
	}
	if n < 30 {
		t.Fatalf("only %d Rego tests ran; the policy's tests were not all found", n)
	}
}

// TestRegoIsFormatted holds the policy, its tests and the example policy to opa fmt's layout,
// so a reader of one module reads them all the same way.
func TestRegoIsFormatted(t *testing.T) {
	files, err := filepath.Glob("policy/*.rego")
	if err != nil {
		t.Fatal(err)
	}
	examples, _ := filepath.Glob("../examples/policies/*.rego")
	for _, f := range append(files, examples...) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out, err := format.Source(f, src)
		if err != nil {
			t.Fatal(err)
		}
		if string(out) != string(src) {
			t.Errorf("%s is not as opa fmt writes it", f)
		}
	}
}
