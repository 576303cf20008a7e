package ssaflow

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// SliceLiteral returns the elements of a slice built from a local array literal.
func SliceLiteral(v ssa.Value) ([]ssa.Value, bool) {
	if c, ok := v.(*ssa.Const); ok && c.IsNil() {
		return nil, true
	}
	s, ok := v.(*ssa.Slice)
	if !ok {
		return nil, false
	}
	alloc, ok := s.X.(*ssa.Alloc)
	if !ok {
		return nil, false
	}
	arr, ok := Deref(alloc.Type()).Underlying().(*types.Array)
	if !ok {
		return nil, false
	}
	elems := make([]ssa.Value, arr.Len())
	for _, ref := range *alloc.Referrers() {
		ia, ok := ref.(*ssa.IndexAddr)
		if !ok {
			continue
		}
		idx, ok := ia.Index.(*ssa.Const)
		if !ok {
			return nil, false
		}
		i, _ := constant.Int64Val(constant.ToInt(idx.Value))
		for _, r := range *ia.Referrers() {
			if st, ok := r.(*ssa.Store); ok && st.Addr == ia && int(i) < len(elems) {
				if elems[i] != nil {
					return nil, false // stored twice: not a plain literal
				}
				elems[i] = st.Val
			}
		}
	}
	for _, e := range elems {
		if e == nil {
			return nil, false
		}
	}
	return elems, true
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
			if IsBuiltin(&x.Call, "append") {
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
