package kvhotkey

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/storewise/storewise/analyzers/internal/effects"
	"github.com/storewise/storewise/analyzers/internal/ssaflow"
)

// rangeFuncBody returns the body of a range-over-func loop (for k := range
// maps.Keys(m)) as a loop, or nil. SSA builds the body as a synthetic yield function that
// the iterator calls once per element: one call is one iteration, returning true goes
// round again (the end of the body, continue), returning false stops (break, return).
// A put there with a key that does not depend on the yield's parameters is written in
// every iteration like one in a for loop.
//
// The iterator decides the pace, and an unknown one may wait between elements (a
// subscription, a paginated listing). Only iterators of the standard library that walk a
// value in memory are known not to, so other range-over-func loops stay silent.
func rangeFuncBody(fn *ssa.Function) *loop {
	if fn.Synthetic != "range-over-func yield" || len(fn.Blocks) == 0 || !memoryIterator(fn) {
		return nil
	}
	l := &loop{
		header:    fn.Blocks[0],
		body:      map[*ssa.BasicBlock]bool{},
		continues: map[*ssa.BasicBlock]bool{},
		yield:     true,
	}
	for _, b := range fn.Blocks {
		l.body[b] = true
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok && len(ret.Results) == 1 {
			if c, ok := ret.Results[0].(*ssa.Const); ok && c.Value != nil && c.Value.String() == "true" {
				l.continues[b] = true
			}
		}
	}
	return l
}

// memoryIterator reports whether the yield function fn is called by one of the
// memoryIterators: its parent calls the result of such a function with fn's closure.
func memoryIterator(fn *ssa.Function) bool {
	parent := fn.Parent()
	if parent == nil {
		return false
	}
	for _, b := range parent.Blocks {
		for _, instr := range b.Instrs {
			mc, ok := instr.(*ssa.MakeClosure)
			if !ok || mc.Fn != fn {
				continue
			}
			for _, ref := range *mc.Referrers() {
				call, ok := ref.(*ssa.Call)
				if !ok || call.Call.IsInvoke() {
					continue
				}
				seq, ok := ssaflow.Unwrap(call.Call.Value).(*ssa.Call)
				if !ok {
					continue
				}
				if callee := seq.Call.StaticCallee(); callee != nil {
					if obj, ok := callee.Object().(*types.Func); ok && effects.Of(obj)&effects.IteratesMemory != 0 {
						return true
					}
				}
			}
		}
	}
	return false
}
