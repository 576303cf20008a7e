package kvapi

import (
	"golang.org/x/tools/go/ssa"

	"github.com/storewise/storewise/analyzers/internal/ssaflow"
)

// Rollback reports whether second undoes first: both write one entry, first reaches
// second, and second runs only when a step after first failed (it lies on the err != nil
// side of the error of a call that first reaches and that reaches second). A rollback
// writes only on a failure path: it is no second write per request (kvhotkey) and,
// writing back the value read before the change, no read-modify-write of the common case
// (kvrmw). The first write is judged on its own.
func Rollback(f *FuncOps, first, second *Op) bool {
	if first.Call == second.Call || !SameEntry(first, second) || !f.Flow().Reaches(first.Call, second.Call) {
		return false
	}
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			call, ok := instr.(ssa.CallInstruction)
			if !ok || call == first.Call || call == second.Call || call.Value() == nil {
				continue
			}
			err := ssaflow.Result(call, ssaflow.ErrResult(call.Common().Signature()))
			if err == nil || !f.Flow().Reaches(first.Call, call) || !f.Flow().Reaches(call, second.Call) {
				continue
			}
			if ssaflow.OnErrorSide(err, second.Block()) {
				return true
			}
		}
	}
	return false
}
