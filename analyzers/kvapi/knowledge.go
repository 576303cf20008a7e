package kvapi

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/storewise/storewise/analyzers/internal/ssaflow"
)

// knowledge is what the KV model adds to ssaflow's reasoning about calls: a client call
// writes nothing of the caller's, and a namespace opened by binding name is one term
// whichever constructor (kv.NewNamespace, cloudflare.NewKVNamespace) opened it.
type knowledge struct{}

func (knowledge) ReadsOnly(fn *ssa.Function) bool {
	return fn.Pkg != nil && IsClientPackage(fn.Pkg.Pkg.Path())
}

func (knowledge) CallTerm(fn *types.Func, args []ssa.Value, term func(ssa.Value) *ssaflow.Term) (*ssaflow.Term, bool) {
	if !isBindingConstructor(fn) {
		return nil, false
	}
	if len(args) == 0 {
		return nil, true
	}
	name := term(args[len(args)-1])
	// A binding named by a constant, or by a parameter (a wrapper taking the binding's
	// name: getD(key, "RES") opens kv.NewNamespace(namespace) itself).
	if name.Kind != ssaflow.TermConst && name.Kind != ssaflow.TermParam {
		return nil, true
	}
	return &ssaflow.Term{Kind: ssaflow.TermCall, Name: "kv.binding", Args: []*ssaflow.Term{name}}, true
}
