package kvapi

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/storewise/storewise/analyzers/internal/ssaflow"
)

// OutcomeKind is what a branch learns about a get: whether the key was found, and how
// the test it uses matches the client's not-found signal.
type OutcomeKind int

const (
	// MissingValueTest compares the value with the client's missing-key value
	// (syumai/workers "<null>", the exp layer's nil): the right not-found test.
	MissingValueTest OutcomeKind = iota
	// EmptyTest compares the value with "" where the client returns a missing-key value
	// instead: never true for a missing key.
	EmptyTest
	// ErrorTest tests the error: an error, which may be not-found.
	ErrorTest
	// NotFoundTest tests the client's not-found error (its type, its 404 status, its
	// sentinel).
	NotFoundTest
	// ValueTest is another test of the value read (of a wrapper's result, of the value
	// combined with an existence test): its polarity is unknown.
	ValueTest
)

// Outcome is what one conditional branch tests about a get.
type Outcome struct {
	Block       *ssa.BasicBlock // ends with the *ssa.If (the first of a combined condition)
	Kind        OutcomeKind
	MissingSide int // successor index taken when the key is missing; -1 unknown
	Pos         token.Pos

	// exits are the two ways out of a combined condition (err == nil && v == "done"),
	// nil for a single test, whose sides are its block's successors.
	exits [2]*ssa.BasicBlock
}

// Side is which way out of the test block x lies on: 0 or 1 when x runs only after the
// test went that way, -1 when after either.
func (o *Outcome) Side(x *ssa.BasicBlock) int {
	ways := o.Block.Succs
	if o.exits[0] == nil {
		if side := ssaflow.Side(o.Block, x); side >= 0 || len(ways) != 2 {
			return side
		}
	} else {
		for i, e := range o.exits {
			if e.Dominates(x) {
				return i
			}
		}
		ways = o.exits[:]
	}
	return correlatedSide(o.Block, ways, x)
}

// correlatedSide finds the side of a test that x depends on when x is not dominated by
// either way out of it, because both lie under the same condition tested twice:
//
//	if device != "" { v, err := get(k); if err == nil && v == "1" { return } }
//	...
//	if device != "" { put(k, "1") }
//
// Every path to x that skips the test took the other side of the first device != ""
// and the same side of the second: impossible, as the condition (a comparison of the same
// values) has not changed. So x runs only after the test, on the way out that reaches it,
// when the other way out cannot reach x. test is the test's block, ways its two ways out.
func correlatedSide(test *ssa.BasicBlock, ways []*ssa.BasicBlock, x *ssa.BasicBlock) int {
	// The test and the conditions it is nested in up to the guard: a combined condition
	// (err == nil && v == "1") is tested in more than one block.
	within := map[*ssa.BasicBlock]bool{test: true}
	for _, g := range guardsOf(test) {
		cond := ssaflow.BranchOf(g.block).Cond
		// Every path from the guard's way in to x must pass the test: one that skips it
		// (if device != "" { if ok { get } }; if device != "" { put }) is not decided by it.
		if ssaflow.ErrorFailure(g.block) >= 0 {
			// An error test around the test is part of the check (err == nil && v == "1",
			// err != nil meaning missing): its other way is the missing side.
			within[g.block] = true
			continue
		}
		if reachesBlock(g.block.Succs[g.side], x, within) {
			return -1
		}
		for c := x.Idom(); c != nil; c = c.Idom() {
			br := ssaflow.BranchOf(c)
			if br == nil || c == g.block || !g.block.Dominates(c) || !sameCondition(cond, br.Cond) {
				continue
			}
			if s := c.Succs[g.side]; len(s.Preds) != 1 || !s.Dominates(x) {
				continue
			}
			reach0, reach1 := reachesBlock(ways[0], x, only(test)), reachesBlock(ways[1], x, only(test))
			switch {
			case reach0 && !reach1:
				return 0
			case reach1 && !reach0:
				return 1
			}
			return -1
		}
	}
	return -1
}

type guarded struct {
	block *ssa.BasicBlock
	side  int
}

// guardsOf returns the branch blocks whose one way out (side), entered only from them,
// dominates b, nearest first.
func guardsOf(b *ssa.BasicBlock) []guarded {
	var out []guarded
	for c := b.Idom(); c != nil; c = c.Idom() {
		if ssaflow.BranchOf(c) == nil {
			continue
		}
		for i, s := range c.Succs {
			if len(s.Preds) == 1 && s.Dominates(b) {
				out = append(out, guarded{c, i})
			}
		}
	}
	return out
}

// sameCondition reports whether a and b are the same condition: the same value, or the
// same comparison of the same values (parameters and constants).
func sameCondition(a, b ssa.Value) bool {
	a, b = ssaflow.Unwrap(a), ssaflow.Unwrap(b)
	if a == b {
		return true
	}
	x, ok1 := a.(*ssa.BinOp)
	y, ok2 := b.(*ssa.BinOp)
	if !ok1 || !ok2 || x.Op != y.Op {
		return false
	}
	return stableEqual(x.X, y.X) && stableEqual(x.Y, y.Y)
}

// stableEqual reports whether a and b are one value that cannot change: the same
// parameter or other SSA value, or equal constants.
func stableEqual(a, b ssa.Value) bool {
	a, b = ssaflow.Unwrap(a), ssaflow.Unwrap(b)
	if a == b {
		_, isParam := a.(*ssa.Parameter)
		_, isConst := a.(*ssa.Const)
		return isParam || isConst
	}
	ca, ok1 := a.(*ssa.Const)
	cb, ok2 := b.(*ssa.Const)
	return ok1 && ok2 && ca.Value != nil && cb.Value != nil && constant.Compare(ca.Value, token.EQL, cb.Value)
}

// reachesBlock reports whether x is reachable from block from without passing a block of
// avoid.
func reachesBlock(from, x *ssa.BasicBlock, avoid map[*ssa.BasicBlock]bool) bool {
	return from == x || ssaflow.Walk([]*ssa.BasicBlock{from}, func(b, _ *ssa.BasicBlock) bool { return !avoid[b] })[x]
}

func only(b *ssa.BasicBlock) map[*ssa.BasicBlock]bool { return map[*ssa.BasicBlock]bool{b: true} }

// Outcomes returns the branches of fn that test get's outcome, in block order, then the
// combined conditions (err == nil && v == "processed", err == nil && len(v) > 0) that
// test it with a value test, each as one ValueTest whose sides are the condition's two
// ways out.
func Outcomes(fn *ssa.Function, get *Op) []*Outcome {
	errs := errValues(fn, get)
	var out []*Outcome
	byBlock := map[*ssa.BasicBlock]*Outcome{}
	for _, b := range fn.Blocks {
		br := ssaflow.BranchOf(b)
		if br == nil {
			continue
		}
		if o, ok := classify(br.Cond, get, errs); ok {
			o.Block = b
			out = append(out, &o)
			byBlock[b] = &o
		}
	}
	for _, o := range out[:len(out):len(out)] {
		if c := combined(o, byBlock); c != nil {
			out = append(out, c)
		}
	}
	return out
}

// combined returns the condition starting at head that goes on to test the get again in
// blocks doing nothing else (the && and || of one if), when it has exactly two ways out
// and one of its tests is a value test; nil otherwise.
func combined(head *Outcome, byBlock map[*ssa.BasicBlock]*Outcome) *Outcome {
	for _, p := range head.Block.Preds {
		if byBlock[p] != nil && len(head.Block.Preds) == 1 && onlyTests(head.Block) {
			return nil // not the first test of the condition
		}
	}
	in := map[*ssa.BasicBlock]bool{head.Block: true}
	chain := []*ssa.BasicBlock{head.Block}
	value := head.Kind == ValueTest
	for i := 0; i < len(chain); i++ {
		for _, s := range chain[i].Succs {
			o := byBlock[s]
			if in[s] || o == nil || !onlyTests(s) || !allIn(s.Preds, in) {
				continue
			}
			in[s] = true
			chain = append(chain, s)
			value = value || o.Kind == ValueTest
		}
	}
	if len(chain) == 1 || !value {
		return nil
	}
	var exits []*ssa.BasicBlock
	for _, b := range chain {
		for _, s := range b.Succs {
			if !in[s] && !containsBlock(exits, s) {
				exits = append(exits, s)
			}
		}
	}
	if len(exits) != 2 {
		return nil
	}
	for _, e := range exits {
		if !allIn(e.Preds, in) {
			return nil
		}
	}
	return &Outcome{Block: head.Block, Kind: ValueTest, MissingSide: -1, Pos: head.Pos, exits: [2]*ssa.BasicBlock{exits[0], exits[1]}}
}

func allIn(bs []*ssa.BasicBlock, in map[*ssa.BasicBlock]bool) bool {
	for _, b := range bs {
		if !in[b] {
			return false
		}
	}
	return true
}

func containsBlock(bs []*ssa.BasicBlock, b *ssa.BasicBlock) bool {
	for _, x := range bs {
		if x == b {
			return true
		}
	}
	return false
}

// onlyTests reports whether a block only computes a condition: no call but len, no
// store, no receive.
func onlyTests(b *ssa.BasicBlock) bool {
	for _, instr := range b.Instrs {
		switch x := instr.(type) {
		case *ssa.BinOp, *ssa.If, *ssa.Field, *ssa.FieldAddr, *ssa.Index, *ssa.IndexAddr,
			*ssa.Extract, *ssa.TypeAssert, *ssa.Convert, *ssa.ChangeType, *ssa.DebugRef, *ssa.Phi:
		case *ssa.UnOp:
			if x.Op == token.ARROW {
				return false
			}
		case *ssa.Call:
			if !ssaflow.IsBuiltin(&x.Call, "len") {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// IsMissingConst reports whether a constant is one a program compares a read value with
// to learn whether the key exists: a client's missing-key value, or "".
func IsMissingConst(c constant.Value) bool {
	if c == nil || c.Kind() != constant.String {
		return false
	}
	s := constant.StringVal(c)
	return s == "" || isNullValue(s)
}

// testsMissingValue reports whether fn compares the result of a get with the client's
// missing-key value ("<null>") anywhere, in an if, a switch or an assignment.
func testsMissingValue(fn *ssa.Function, result ssa.Value) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(*ssa.BinOp)
			if !ok {
				continue
			}
			if s, ok := ssaflow.StringCompared(c, result); ok && isNullValue(s) {
				return true
			}
		}
	}
	return false
}

// TestsMissing reports whether fn tests the result of get against its client's
// missing-key value ("<null>", or nil for the exp layer) anywhere.
func TestsMissing(fn *ssa.Function, get *Op) bool {
	if get.Result == nil {
		return false
	}
	if get.Signal != signalNil {
		return testsMissingValue(fn, get.Result)
	}
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(*ssa.BinOp); ok {
				if k := ssaflow.ConstCompared(c, get.Result); k != nil && k.IsNil() {
					return true
				}
			}
		}
	}
	return false
}

// ObsoleteNull is a comparison of a get's result with the missing-key value of
// syumai/workers up to v0.33 where the get signals a missing key by an error.
type ObsoleteNull struct {
	Pos   token.Pos
	Value string // the value compared with: "<null>", "<undefined>"
}

// ObsoleteNullTests returns where fn compares the result of get with the missing-key
// value of syumai/workers up to v0.33 ("<null>") when get's client signals a missing
// key by its error sentinel (workers-go v0.35+, also through the old import path, now
// aliases): such a test is never true for a missing key. None when fn also tests the
// sentinel (migrated code keeping the old test beside it sees the missing key), and
// none for wrappers, whose result may be mapped.
func ObsoleteNullTests(fn *ssa.Function, get *Op) []ObsoleteNull {
	if get.Signal != signalErrSentinel || get.Wrapper || get.Result == nil {
		return nil
	}
	for _, o := range Outcomes(fn, get) {
		if o.Kind == NotFoundTest {
			return nil
		}
	}
	var out []ObsoleteNull
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			c, ok := instr.(*ssa.BinOp)
			if !ok {
				continue
			}
			if v, ok := ssaflow.StringCompared(c, get.Result); ok && isNullValue(v) {
				out = append(out, ObsoleteNull{Pos: c.Pos(), Value: v})
			}
		}
	}
	return out
}

// errValues returns the values that carry the get's error: the error itself, its type
// assertions, the targets errors.As filled from it, and the errors.As and errors.Is
// calls asking about it.
func errValues(fn *ssa.Function, get *Op) map[ssa.Value]bool {
	errs := map[ssa.Value]bool{}
	if get.Err == nil {
		return errs
	}
	errs[get.Err] = true
	asTargets := map[ssa.Value]bool{}
	for i := 0; i < 3; i++ { // a few rounds: assertion of an assertion, As into a var
		for _, b := range fn.Blocks {
			for _, instr := range b.Instrs {
				switch x := instr.(type) {
				case *ssa.TypeAssert:
					if errs[ssaflow.Unwrap(x.X)] {
						errs[x] = true
					}
				case *ssa.Extract:
					if ta, ok := x.Tuple.(*ssa.TypeAssert); ok && x.Index == 0 && errs[ta] {
						errs[x] = true
					}
				case *ssa.Call:
					if len(x.Call.Args) != 2 || !errs[ssaflow.Unwrap(x.Call.Args[0])] {
						continue
					}
					switch errorsFunc(x.Call.StaticCallee()) {
					case "As":
						if alloc, ok := ssaflow.Unwrap(x.Call.Args[1]).(*ssa.Alloc); ok {
							asTargets[alloc] = true
							errs[x] = true
						}
					case "Is":
						errs[x] = true
					}
				case *ssa.UnOp:
					if x.Op == token.MUL && asTargets[x.X] {
						errs[x] = true
					}
				}
			}
		}
	}
	return errs
}

// errorsFunc is the name of a function of package errors, "" for other functions.
func errorsFunc(fn *ssa.Function) string {
	if fn == nil || fn.Pkg == nil || fn.Pkg.Pkg.Path() != "errors" {
		return ""
	}
	return fn.Name()
}

// classify says what the branch condition cond tests about get, if anything.
func classify(cond ssa.Value, get *Op, errs map[ssa.Value]bool) (Outcome, bool) {
	cond, flip := ssaflow.StripNot(cond)
	t, ok := classifyPlain(cond, get, errs)
	if ok && flip && t.MissingSide >= 0 {
		t.MissingSide = 1 - t.MissingSide
	}
	return t, ok
}

func sideOf(missingWhenTrue bool) int {
	if missingWhenTrue {
		return 0
	}
	return 1
}

func classifyPlain(cond ssa.Value, get *Op, errs map[ssa.Value]bool) (Outcome, bool) {
	switch c := cond.(type) {
	case *ssa.BinOp:
		x, k := c.X, c.Y
		if _, ok := ssaflow.Unwrap(x).(*ssa.Const); ok {
			x, k = k, x
		}
		if !ssaflow.IsEquality(c.Op) {
			// len(v) > 0, v < "m": a test of the value read.
			if get.Result != nil && isValueOrLen(x, get.Result) && ssaflow.IsOrdering(c.Op) {
				return Outcome{Kind: ValueTest, MissingSide: -1, Pos: c.Pos()}, true
			}
			return Outcome{}, false
		}
		eq := c.Op == token.EQL
		konst, _ := ssaflow.Unwrap(k).(*ssa.Const)
		if get.Result != nil && ssaflow.Unwrap(x) == get.Result {
			if get.Signal == signalNil && konst != nil && konst.IsNil() {
				return Outcome{Kind: MissingValueTest, MissingSide: sideOf(eq), Pos: c.Pos()}, true
			}
			if get.Signal == SignalNull && konst != nil && konst.Value != nil && konst.Value.Kind() == constant.String {
				switch s := constant.StringVal(konst.Value); {
				case isNullValue(s):
					return Outcome{Kind: MissingValueTest, MissingSide: sideOf(eq), Pos: c.Pos()}, true
				case s == "":
					return Outcome{Kind: EmptyTest, MissingSide: sideOf(eq), Pos: c.Pos()}, true
				}
			}
			return Outcome{Kind: ValueTest, MissingSide: -1, Pos: c.Pos()}, true
		}
		if get.Result != nil && isValueOrLen(x, get.Result) {
			return Outcome{Kind: ValueTest, MissingSide: -1, Pos: c.Pos()}, true
		}
		if konst != nil && konst.IsNil() && errs[ssaflow.Unwrap(x)] && ssaflow.Unwrap(x) == get.Err {
			return Outcome{Kind: ErrorTest, MissingSide: sideOf(!eq), Pos: c.Pos()}, true
		}
		if ssaflow.Unwrap(x) == get.Err && isSentinel(k) {
			return Outcome{Kind: NotFoundTest, MissingSide: sideOf(eq), Pos: c.Pos()}, true
		}
		if ssaflow.Unwrap(k) == get.Err && isSentinel(x) {
			return Outcome{Kind: NotFoundTest, MissingSide: sideOf(eq), Pos: c.Pos()}, true
		}
		if konst != nil && konst.Value != nil && konst.Value.Kind() == constant.Int && konst.Value.ExactString() == "404" && isStatusField(x, errs) {
			return Outcome{Kind: NotFoundTest, MissingSide: sideOf(eq), Pos: c.Pos()}, true
		}
	case *ssa.Extract:
		if ta, ok := c.Tuple.(*ssa.TypeAssert); ok && c.Index == 1 && errs[ssaflow.Unwrap(ta.X)] {
			if isNotFoundType(ta.AssertedType) {
				return Outcome{Kind: NotFoundTest, MissingSide: 0, Pos: ta.Pos()}, true
			}
			return Outcome{Kind: ErrorTest, MissingSide: 0, Pos: ta.Pos()}, true
		}
		if c.Tuple == get.Call.Value() && ssaflow.IsBool(c.Type()) {
			return Outcome{Kind: ValueTest, MissingSide: -1, Pos: c.Pos()}, true
		}
	case *ssa.Call:
		if errs[c] {
			if errorsFunc(c.Call.StaticCallee()) == "Is" {
				if isSentinel(c.Call.Args[1]) {
					return Outcome{Kind: NotFoundTest, MissingSide: 0, Pos: c.Pos()}, true
				}
				// errors.Is(err, context.Canceled): which error, not whether found.
				return Outcome{}, false
			}
			target := ssaflow.Unwrap(c.Call.Args[1])
			if isNotFoundType(ssaflow.Deref(target.Type())) {
				return Outcome{Kind: NotFoundTest, MissingSide: 0, Pos: c.Pos()}, true
			}
			return Outcome{Kind: ErrorTest, MissingSide: 0, Pos: c.Pos()}, true
		}
	}
	if get.Result != nil && cond == get.Result && ssaflow.IsBool(cond.Type()) {
		return Outcome{Kind: ValueTest, MissingSide: -1, Pos: cond.Pos()}, true
	}
	return Outcome{}, false
}

// isValueOrLen reports whether v is len(result).
func isValueOrLen(v, result ssa.Value) bool {
	v = ssaflow.Unwrap(v)
	if v == result {
		return true
	}
	c, ok := v.(*ssa.Call)
	return ok && ssaflow.IsBuiltin(&c.Call, "len") && len(c.Call.Args) == 1 && ssaflow.Unwrap(c.Call.Args[0]) == result
}

// isSentinel reports whether v is the value of a client's not-found error variable.
func isSentinel(v ssa.Value) bool {
	load, ok := ssaflow.Unwrap(v).(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	g, ok := load.X.(*ssa.Global)
	return ok && g.Object() != nil && isNotFoundSentinel(g.Object())
}

// isStatusField reports whether v is the HTTP status field of an error that carries the
// get's error (cloudflare-go v2+ *apierror.Error).
func isStatusField(v ssa.Value, errs map[ssa.Value]bool) bool {
	load, ok := ssaflow.Unwrap(v).(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return false
	}
	fa, ok := load.X.(*ssa.FieldAddr)
	if !ok || !errs[ssaflow.Unwrap(fa.X)] {
		return false
	}
	st, ok := ssaflow.Deref(fa.X.Type()).Underlying().(*types.Struct)
	return ok && isStatusFieldName(st.Field(fa.Field).Name())
}
