package kvapi

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
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
	arg := argAt(callArgs(op.Call.Common()))
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
		collect(func(f string) []*ssa.Store { return ElementFieldStores(elems, f) })
	case api.opts >= 0:
		collect(func(f string) []*ssa.Store {
			if st := FieldStore(arg(api.opts), f); st != nil {
				return []*ssa.Store{st}
			}
			return nil
		})
	}
	return out
}

// FieldStore returns the store of field name in a struct built as a literal (a local
// alloc, or a load of one, whose field is stored exactly once), or nil.
func FieldStore(v ssa.Value, name string) *ssa.Store {
	if v == nil {
		return nil
	}
	var base ssa.Value
	switch x := Unwrap(v).(type) {
	case *ssa.Alloc:
		base = x
	case *ssa.UnOp:
		// Only a local literal: options in a package variable, a struct field or behind
		// a pointer may be set anywhere, so their fields are not known here. (Assigning
		// the type assertion's result to base directly would make a nil *ssa.Alloc a
		// non-nil ssa.Value.)
		if a, ok := x.X.(*ssa.Alloc); ok && x.Op == token.MUL {
			base = a
		}
	}
	if base == nil {
		return nil
	}
	return fieldStoreAt(base, name)
}

// fieldStoreAt returns the single store of field name through the address base (an
// alloc, or the element address of an array literal), or nil.
func fieldStoreAt(base ssa.Value, name string) *ssa.Store {
	st, ok := Deref(base.Type()).Underlying().(*types.Struct)
	if !ok {
		return nil
	}
	idx := -1
	for i := 0; i < st.NumFields(); i++ {
		if st.Field(i).Name() == name {
			idx = i
		}
	}
	if idx < 0 || base.Referrers() == nil {
		return nil
	}
	var found *ssa.Store
	for _, ref := range *base.Referrers() {
		fa, ok := ref.(*ssa.FieldAddr)
		if !ok || fa.Field != idx {
			continue
		}
		for _, r := range *fa.Referrers() {
			if s, ok := r.(*ssa.Store); ok && s.Addr == fa {
				if found != nil {
					return nil // assigned twice: which one reaches the call is not obvious
				}
				found = s
			}
		}
	}
	return found
}

// ElementFieldStores returns, for a slice built from literals, the store of field name
// in each element that sets it: elements that are struct literals ([]T{{...}}) or
// pointers to struct literals ([]*T{{...}}), in a slice literal or appended one by one,
// as a bulk write is usually built in a loop (kvs = append(kvs, &Pair{...})).
func ElementFieldStores(slice ssa.Value, name string) []*ssa.Store {
	var out []*ssa.Store
	seen := map[ssa.Value]bool{}
	var visit func(ssa.Value)
	visit = func(v ssa.Value) {
		if v == nil || seen[v] {
			return
		}
		seen[v] = true
		switch x := Unwrap(v).(type) {
		case *ssa.Phi: // the slice so far, around a loop or after branches
			for _, e := range x.Edges {
				visit(e)
			}
		case *ssa.Call: // append(kvs, &Pair{...}): the slice so far and the new elements
			if b, ok := x.Call.Value.(*ssa.Builtin); ok && b.Name() == "append" {
				for _, a := range x.Call.Args {
					visit(a)
				}
			}
		case *ssa.Slice:
			out = append(out, literalElementStores(x, name)...)
		}
	}
	visit(slice)
	return out
}

// literalElementStores is ElementFieldStores for one slice literal (or the literal
// of an append's new elements).
func literalElementStores(s *ssa.Slice, name string) []*ssa.Store {
	alloc, ok := s.X.(*ssa.Alloc)
	if !ok || alloc.Referrers() == nil {
		return nil
	}
	var out []*ssa.Store
	for _, ref := range *alloc.Referrers() {
		ia, ok := ref.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		if _, isStruct := Deref(ia.Type()).Underlying().(*types.Struct); isStruct {
			// []T{{...}} built in place: the fields are stored through the element address.
			if st := fieldStoreAt(ia, name); st != nil {
				out = append(out, st)
				continue
			}
		}
		// []*T{{...}}, or []T{{...}} copied from a local literal: the element stored is
		// (a load of) the literal.
		for _, r := range *ia.Referrers() {
			if el, ok := r.(*ssa.Store); ok && el.Addr == ia {
				if st := FieldStore(el.Val, name); st != nil {
					out = append(out, st)
				}
			}
		}
	}
	return out
}

// ParamFieldValue looks through the cloudflare-go v2–v6 field constructors
// (cloudflare.F(x), Float(x), Int(x), String(x)) to the value x; other values are
// returned as they are.
func ParamFieldValue(v ssa.Value) ssa.Value {
	call, ok := Unwrap(v).(*ssa.Call)
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
