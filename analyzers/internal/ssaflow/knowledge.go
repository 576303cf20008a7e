package ssaflow

import (
	"go/types"

	"golang.org/x/tools/go/ssa"
)

// Knowledge is what a caller of ssaflow knows of the code a function calls that ssaflow
// cannot see for itself (the effects of the standard library's functions it asks
// internal/effects). kvapi gives the KV clients' part: their calls write nothing of the
// caller's, and a namespace opened by binding name is one term whichever constructor
// opened it. A nil Knowledge knows nothing more.
type Knowledge interface {
	// ReadsOnly reports whether a call of fn writes nothing through what it is handed.
	ReadsOnly(fn *ssa.Function) bool
	// CallTerm returns the term of a call of fn with args, and whether the caller knows
	// it (a known call may still have no term: nil, true). term builds an argument's.
	CallTerm(fn *types.Func, args []ssa.Value, term func(ssa.Value) *Term) (t *Term, known bool)
}
