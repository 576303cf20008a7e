package ssaflow

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Deref returns the element type of a pointer type, and any other type as it is.
func Deref(t types.Type) types.Type {
	if p, ok := t.Underlying().(*types.Pointer); ok {
		return p.Elem()
	}
	return t
}

// IsBool reports whether t is a boolean type.
func IsBool(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Kind() == types.Bool
}

// IsString reports whether t is a string type.
func IsString(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsString != 0
}

var errorType = types.Universe.Lookup("error").Type()

// IsError reports whether t is the type error.
func IsError(t types.Type) bool { return types.Identical(t, errorType) }

func isPointerLike(t types.Type) bool {
	switch t.Underlying().(type) {
	case *types.Pointer, *types.Interface, *types.Slice, *types.Map:
		return true
	}
	return false
}

// hasPointers reports whether a value of type t refers to memory a callee could change:
// a pointer, slice, map or interface, or a struct or array holding one. A string or a
// struct of strings passed by value is a copy.
func hasPointers(t types.Type) bool {
	return hasPointersDepth(t, 0)
}

func hasPointersDepth(t types.Type, depth int) bool {
	if depth > 8 {
		return true
	}
	switch u := t.Underlying().(type) {
	case *types.Pointer, *types.Slice, *types.Map, *types.Interface:
		return true
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if hasPointersDepth(u.Field(i).Type(), depth+1) {
				return true
			}
		}
	case *types.Array:
		return hasPointersDepth(u.Elem(), depth+1)
	}
	return false
}

// Result returns the value of result i of a call: the call itself for single results,
// the Extract that reads it otherwise (nil when no one reads it, or i is -1).
func Result(call ssa.CallInstruction, i int) ssa.Value {
	v := call.Value()
	if v == nil || i < 0 {
		return nil
	}
	tuple, ok := v.Type().(*types.Tuple)
	if !ok {
		if i == 0 {
			return v
		}
		return nil
	}
	if i >= tuple.Len() {
		return nil
	}
	for _, ref := range *v.Referrers() {
		if ex, ok := ref.(*ssa.Extract); ok && ex.Index == i {
			return ex
		}
	}
	return nil
}

// ErrResult returns the index of the last result of sig when it is an error, or -1.
func ErrResult(sig *types.Signature) int {
	n := sig.Results().Len()
	if n == 0 {
		return -1
	}
	if IsError(sig.Results().At(n - 1).Type()) {
		return n - 1
	}
	return -1
}

// CallArgs returns a call's arguments with the receiver first, for static and
// interface calls alike.
func CallArgs(c *ssa.CallCommon) []ssa.Value {
	if c.IsInvoke() {
		return append([]ssa.Value{c.Value}, c.Args...)
	}
	return c.Args
}
