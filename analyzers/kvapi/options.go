package kvapi

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/storewise/storewise/analyzers/internal/ssaflow"
)

// Option fields, as the clients name them.
const (
	FieldExpirationTTL = "ExpirationTTL"
	FieldExpiration    = "Expiration"
	FieldCacheTTL      = "CacheTTL"
)

// Setting is one option field set on a client call: kvttl needs the store, not only
// the value, because the store's position leads back to the source expression a
// suggested fix rewrites.
type Setting struct {
	Field string     // FieldExpirationTTL, FieldExpiration or FieldCacheTTL
	Store *ssa.Store // the store of the field in the options (or bulk element) literal
	Value ssa.Value  // the value set, cloudflare.F / Float / Int wrappers removed
}

// Settings returns the option fields a client call sets in a literal the analysis can
// see: the options struct of syumai's get and put, the params of the v2–v6 value
// update, and every element of a bulk write (v0 WorkersKVPair, v2–v6 bulk bodies).
// Wrapper calls have none: their options are checked inside the wrapper.
func Settings(op *Op) []Setting {
	if op.Wrapper || op.Callee == nil {
		return nil
	}
	api, ok := lookupAPI(op.Callee)
	if !ok {
		return nil
	}
	arg := argAt(ssaflow.CallArgs(op.Call.Common()))
	fields := []string{FieldExpirationTTL, FieldExpiration}
	if op.Kind == Get {
		fields = []string{FieldCacheTTL}
	}
	var out []Setting
	collect := func(stores func(string) []*ssa.Store) {
		for _, f := range fields {
			for _, st := range stores(f) {
				out = append(out, Setting{Field: f, Store: st, Value: ParamFieldValue(st.Val)})
			}
		}
	}
	switch {
	case op.Kind == List:
		return nil
	case api.optElemsArg >= 0: // bulk writes: v0 WorkersKVPair, v2–v7 bodies
		elems := arg(api.optElemsArg)
		if api.optElemsField != "" {
			elems = structField(elems, api.optElemsField)
		}
		collect(func(f string) []*ssa.Store { return ssaflow.ElementFieldStores(elems, f) })
	case api.opts >= 0:
		collect(func(f string) []*ssa.Store {
			if st := ssaflow.FieldStore(arg(api.opts), f); st != nil {
				return []*ssa.Store{st}
			}
			return nil
		})
	}
	return out
}

// ParamFieldValue looks through the cloudflare-go v2–v6 field constructors
// (cloudflare.F(x), Float(x), Int(x), String(x)) to the value x; other values are
// returned as they are.
func ParamFieldValue(v ssa.Value) ssa.Value {
	call, ok := ssaflow.Unwrap(v).(*ssa.Call)
	if !ok || len(call.Call.Args) != 1 {
		return v
	}
	f := call.Call.StaticCallee()
	if f == nil {
		return v
	}
	if f.Origin() != nil {
		f = f.Origin()
	}
	obj, ok := f.Object().(*types.Func)
	if !ok || !isFieldConstructor(obj) {
		return v
	}
	return call.Call.Args[0]
}
