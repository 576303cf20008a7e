package kvhotkey

import (
	"golang.org/x/tools/go/ssa"

	"github.com/storewise/storewise/analyzers/internal/ssaflow"
	"github.com/storewise/storewise/analyzers/kvapi"
)

// A key is the same in every iteration when it is built from values computed before the
// loop (Term.DependsOn). A key read from memory is a second case: e.ID, where e is a
// variable declared before the loop, is one term for every iteration, but the loop may
// fill e again each time round (json.Unmarshal(line, &e), req.Key = k, c.Next()). The
// key then differs per iteration although no SSA value of the loop appears in its term.
//
// A whole variable loaded in the loop is already a value of the loop (its load is the
// term, unless the variable is assigned once), which is why rows.Scan(&name) in a loop
// keeps "user:"+name silent. Fields are not: a term reads e.ID through e itself, so that
// two reads of one field are the same key for the other passes. kvhotkey therefore asks
// separately whether the loop writes the memory a key is read from; what each
// instruction may write is ssaflow's Memory, which the straight-line passes use too
// (kvapi.KeyMemoryChanged, through Memory.ChangedAfter).

// loopWrites collects the memory the body of l may write.
func loopWrites(f *kvapi.FuncOps, l *loop) []ssaflow.Write {
	var ws []ssaflow.Write
	mem := f.Memory()
	for _, b := range f.Fn.Blocks {
		if !l.body[b] {
			continue
		}
		for _, instr := range b.Instrs {
			ws = append(ws, mem.Writes(instr)...)
		}
	}
	return ws
}

// varies reports whether term t may differ between iterations of l: it is built from a
// value computed in the body, or it is read through memory the body writes (through
// calls too, when calls is set).
func (l *loop) varies(t *ssaflow.Term, calls bool) bool {
	if t.DependsOn(l.body) || l.yield && t.HasParam() {
		return true
	}
	for _, w := range l.writes {
		if w.Call && !calls {
			continue
		}
		if instr, ok := w.Root.(ssa.Instruction); ok && l.body[instr.Block()] {
			continue // a value of the body: a key built from it varies anyway
		}
		if w.Changes(t) {
			return true
		}
	}
	return false
}
