package ssaflow

import (
	"go/constant"
	"go/token"

	"golang.org/x/tools/go/ssa"
)

// BranchOf returns the conditional branch that ends block b, or nil.
func BranchOf(b *ssa.BasicBlock) *ssa.If {
	if len(b.Instrs) == 0 {
		return nil
	}
	br, _ := b.Instrs[len(b.Instrs)-1].(*ssa.If)
	return br
}

// Side returns which successor of the branch block b the block x depends on: 0 or 1 when
// x runs only if that edge was taken (x is dominated by a successor entered only from b),
// -1 otherwise.
func Side(b *ssa.BasicBlock, x *ssa.BasicBlock) int {
	if len(b.Succs) != 2 {
		return -1
	}
	for i, s := range b.Succs {
		if len(s.Preds) == 1 && s.Dominates(x) {
			return i
		}
	}
	return -1
}

// OnErrorSide reports whether block x runs only when err is non-nil: x lies on the
// err != nil side of a branch if err != nil (or the else side of if err == nil). Passes
// use it with an operation's Err: what runs there runs only if the operation failed.
func OnErrorSide(err ssa.Value, x *ssa.BasicBlock) bool {
	if err == nil || err.Referrers() == nil {
		return false
	}
	for _, ref := range *err.Referrers() {
		cmp, ok := ref.(*ssa.BinOp)
		if !ok {
			continue
		}
		tested, failed, ok := NilTest(cmp)
		if !ok || tested != err {
			continue
		}
		for _, use := range *cmp.Referrers() {
			if br, ok := use.(*ssa.If); ok && br.Cond == cmp && Side(br.Block(), x) == failed {
				return true
			}
		}
	}
	return false
}

// NilTest says whether cmp is x != nil or x == nil (either way round): the value x
// compared with nil, and the successor of a branch on cmp taken when x is not nil (0,
// the true edge, for !=; 1 for ==).
func NilTest(cmp *ssa.BinOp) (x ssa.Value, notNil int, ok bool) {
	if !IsEquality(cmp.Op) {
		return nil, -1, false
	}
	for _, pair := range [2][2]ssa.Value{{cmp.X, cmp.Y}, {cmp.Y, cmp.X}} {
		if c, isConst := pair[1].(*ssa.Const); isConst && c.IsNil() {
			if cmp.Op == token.EQL {
				return pair[0], 1, true
			}
			return pair[0], 0, true
		}
	}
	return nil, -1, false
}

// ErrNilTest is NilTest for a value of type error: the test that ends most calls.
func ErrNilTest(cmp *ssa.BinOp) (err ssa.Value, failed int, ok bool) {
	x, failed, ok := NilTest(cmp)
	if !ok || !IsError(x.Type()) {
		return nil, -1, false
	}
	return x, failed, true
}

// ErrorFailure returns the successor of block b taken when the error its branch tests
// is not nil, or -1 when b does not end in if err != nil (or err == nil).
func ErrorFailure(b *ssa.BasicBlock) int {
	br := BranchOf(b)
	if br == nil {
		return -1
	}
	cmp, ok := Unwrap(br.Cond).(*ssa.BinOp)
	if !ok {
		return -1
	}
	if _, failed, ok := ErrNilTest(cmp); ok {
		return failed
	}
	return -1
}

// IsEquality reports whether op is == or !=.
func IsEquality(op token.Token) bool { return op == token.EQL || op == token.NEQ }

// IsOrdering reports whether op is <, <=, > or >=.
func IsOrdering(op token.Token) bool {
	switch op {
	case token.LSS, token.LEQ, token.GTR, token.GEQ:
		return true
	}
	return false
}

// IsComparison reports whether op compares (==, !=, <, <=, >, >=): a value only compared
// decides a branch, it does not flow into what is computed.
func IsComparison(op token.Token) bool { return IsEquality(op) || IsOrdering(op) }

// Returns returns the return instructions of fn, in block order.
func Returns(fn *ssa.Function) []*ssa.Return {
	var out []*ssa.Return
	for _, b := range fn.Blocks {
		if len(b.Instrs) == 0 {
			continue
		}
		if ret, ok := b.Instrs[len(b.Instrs)-1].(*ssa.Return); ok {
			out = append(out, ret)
		}
	}
	return out
}

// IsBuiltin reports whether call calls the builtin function name (len, append).
func IsBuiltin(call *ssa.CallCommon, name string) bool {
	b, ok := call.Value.(*ssa.Builtin)
	return ok && b.Name() == name
}

// StripNot looks through the negations of a condition (!c, !!c): the condition they
// negate, and whether they negate it.
func StripNot(cond ssa.Value) (ssa.Value, bool) {
	negated := false
	for {
		u, ok := cond.(*ssa.UnOp)
		if !ok || u.Op != token.NOT {
			return cond, negated
		}
		cond, negated = u.X, !negated
	}
}

// ConstCompared returns the constant cmp compares v (looked through Unwrap) with for
// equality, either way round, or nil.
func ConstCompared(cmp *ssa.BinOp, v ssa.Value) *ssa.Const {
	if !IsEquality(cmp.Op) {
		return nil
	}
	x, k := Unwrap(cmp.X), Unwrap(cmp.Y)
	if x != v {
		x, k = k, x
	}
	c, ok := k.(*ssa.Const)
	if x != v || !ok {
		return nil
	}
	return c
}

// StringCompared is ConstCompared for a string constant: its value, and whether cmp
// compares v with one.
func StringCompared(cmp *ssa.BinOp, v ssa.Value) (string, bool) {
	c := ConstCompared(cmp, v)
	if c == nil || c.Value == nil || c.Value.Kind() != constant.String {
		return "", false
	}
	return constant.StringVal(c.Value), true
}
