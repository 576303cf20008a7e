package ssaflow

import "golang.org/x/tools/go/ssa"

// DependsOn reports whether the term is built from a function-local value computed in
// one of blocks: a key that depends on a value computed inside a loop (the range or
// induction variable, anything derived from it) may differ between iterations.
// Constants, parameters and package variables do not depend on any block. An unknown
// (nil) term depends on everything.
func (t *Term) DependsOn(blocks map[*ssa.BasicBlock]bool) bool {
	if t == nil {
		return true
	}
	if t.Kind == TermValue {
		instr, ok := t.val.(ssa.Instruction)
		return ok && blocks[instr.Block()]
	}
	for _, a := range t.Args {
		if a.DependsOn(blocks) {
			return true
		}
	}
	return false
}

// Value returns the SSA value a TermValue term stands for, and nil for other kinds.
func (t *Term) Value() ssa.Value {
	if t == nil || t.Kind != TermValue {
		return nil
	}
	return t.val
}

// TermOf returns the term of v in fn, built as the keys of operations are: kvhotkey
// looks for the memory a loop writes among the values a key is read from.
func TermOf(fn *ssa.Function, v ssa.Value, know Knowledge) *Term {
	return (&termBuilder{fn: fn, pure: &Purity{}, know: know}).term(v)
}

// Terms builds the terms of one function's values with a Purity shared by the
// functions of a package.
func Terms(fn *ssa.Function, pure *Purity, know Knowledge) func(ssa.Value) *Term {
	return (&termBuilder{fn: fn, pure: pure, know: know}).term
}

// HasParam reports whether t is built from a parameter of its function.
func (t *Term) HasParam() bool {
	if t == nil {
		return false
	}
	if t.Kind == TermParam {
		return true
	}
	for _, a := range t.Args {
		if a.HasParam() {
			return true
		}
	}
	return false
}

// Size counts the nodes of t: facts bound the size of the terms they carry.
func (t *Term) Size() int { return t.size() }
