package kvhotkey

import (
	_ "embed"
	"go/constant"
	"slices"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/storewise/storewise/analyzers/internal/analysisutil"
	"github.com/storewise/storewise/analyzers/internal/effects"
	"github.com/storewise/storewise/analyzers/internal/ssaflow"
	"github.com/storewise/storewise/analyzers/kvapi"
)

//go:embed doc.go
var doc string

const name = "kvhotkey"

// Analyzer reports a KV key written in a loop or twice on one path.
var Analyzer = &analysis.Analyzer{
	Name:     name,
	Doc:      analysisutil.DocOf(doc, name),
	URL:      "https://github.com/storewise/storewise/blob/main/docs/checks.md#kvhotkey",
	Requires: []*analysis.Analyzer{kvapi.Analyzer, effects.Analyzer},
	Run:      run,
}

// run checks the functions with KV operations; which calls wait, internal/effects says.
func run(pass *analysis.Pass) (any, error) {
	p := &pacer{effects: pass.ResultOf[effects.Analyzer].(*effects.Facts), anon: map[*ssa.Function]bool{}}
	return kvapi.EachFunc(name, func(pass *analysis.Pass, rep *kvapi.Reporter, f *kvapi.FuncOps) {
		check(p, rep, f)
	})(pass)
}

func check(pacing *pacer, rep *kvapi.Reporter, f *kvapi.FuncOps) {
	var puts []*kvapi.Op
	for _, op := range f.Ops {
		// Tests overwrite keys on purpose, against fakes that have no rate limit.
		if op.Kind == kvapi.Put && op.Key != nil && op.Namespace != nil &&
			!rep.InTestFile(op.Pos()) {
			puts = append(puts, op)
		}
	}
	if len(puts) == 0 {
		return
	}
	loops := findLoops(f.Fn)
	if l := rangeFuncBody(f.Fn); l != nil {
		loops = append(loops, l) // the outermost: the loops of the body are inside it
	}
	for _, l := range loops {
		l.writes = loopWrites(f, l)
	}
	// The failure sides of the tests of the function's writes: a loop that goes round
	// only through them retries a failed write; it does not repeat one.
	var failed writeFailures
	reported := map[ssa.CallInstruction]bool{}
	for _, put := range puts {
		for _, l := range loops {
			// The key may change through memory the loop writes, calls included (c.Next()
			// advances c.id); the namespace only through stores in the loop: it is set up
			// once, and any method of a store called in the loop (s.process(v)) would
			// otherwise hide every write through s.ns.
			if !l.body[put.Block()] || l.varies(put.Key, true) || l.varies(put.Namespace, false) {
				continue
			}
			if !l.repeats(put.Block()) || retried(f, put, l) || pacing.pacedLoop(l, put.Call) {
				continue
			}
			if failed == nil {
				failed = failuresOfWrites(f)
			}
			// A put that runs only after a write failed (a rollback), or whose loop goes
			// round only after a write failed (a retry with a rollback in it), writes once
			// in the common case.
			if l.onlyAfter(put.Block(), failed) || !l.repeatsUnless(put.Block(), failed) {
				continue
			}
			every := "in every iteration of this loop"
			switch l.every(put.Block()) {
			case always:
			case unlessFailed:
				every = "in every iteration of this loop that does not fail before it"
			default:
				continue // under a condition kvhotkey cannot judge: how often it holds is unknown
			}
			reported[put.Call] = true
			rep.Report(analysis.Diagnostic{Pos: put.Pos(), Message: "hot KV key: " + put.KeyPhrase() + " is written by " +
				put.Describe() + " " + every + ", beyond KV's one write per second per key; " +
				"write the final value once after the loop, or use a key per item"})
			break
		}
	}
	// What the pairs below ask of each put, computed once per put: a function with many
	// puts of one key (each followed by what changes the key, so that no pair is reported)
	// would otherwise scan the function for every pair.
	tests := map[*kvapi.Op][]resultTest{}
	testsOf := func(op *kvapi.Op) []resultTest {
		t, ok := tests[op]
		if !ok {
			t = resultTests(f, op)
			tests[op] = t
		}
		return t
	}
	conds := map[*kvapi.Op]map[ssa.Value]int{}
	guardsOf := func(op *kvapi.Op) map[ssa.Value]int {
		g, ok := conds[op]
		if !ok {
			g = guards(f.Fn, op)
			conds[op] = g
		}
		return g
	}
	for _, second := range puts {
		if reported[second.Call] {
			continue
		}
		for _, first := range puts {
			if first.Call == second.Call || !kvapi.SameEntry(first, second) || !f.Flow().Reaches(first.Call, second.Call) {
				continue
			}
			if retriedAfter(f, testsOf(first), first, second) || exclusive(guardsOf(first), guardsOf(second)) {
				continue
			}
			// put(k, "pro"); if err := charge(); err != nil { put(k, old) } writes twice
			// only when the charge failed.
			if kvapi.Rollback(f, first, second) {
				continue
			}
			// put("event:"+e.ID); json.Unmarshal(next, &e); put("event:"+e.ID) writes two
			// keys: the memory the key is read from changes in between.
			if kvapi.KeyMemoryChanged(f, first, second) {
				continue
			}
			// put("job:"+id, "queued"); for !done() { time.Sleep(d); put("job:"+id, "polling") }
			// writes at the pace of the wait, as a loop that waits does.
			if pacing.pacedBetween(first.Call, second.Call) {
				continue
			}
			// put(k, "resetting"); for _, a := range accounts { reset(a); time.Sleep(d) };
			// put(k, "reset") writes as far apart as the loop between them is long: how
			// long that is cannot be judged, so it is not reported.
			if slowLoopBetween(f, loops, pacing, first, second) {
				continue
			}
			reported[second.Call] = true
			rep.Reportf(second.Pos(), first.Pos(), "the key is first written here",
				"hot KV key: %s is written again by %s after the %s above on the same path, beyond KV's one write per second per key; "+
					"write the final value once",
				second.KeyPhrase(), second.Describe(), first.Describe())
			break
		}
	}
}

// slowLoopBetween reports whether a loop that runs between first and second (neither
// inside it) waits or calls KV in its body: each iteration takes a wait or a round trip,
// and the number of iterations is unknown.
func slowLoopBetween(f *kvapi.FuncOps, loops []*loop, p *pacer, first, second *kvapi.Op) bool {
	for _, l := range loops {
		if l.yield || l.body[first.Block()] || l.body[second.Block()] {
			continue
		}
		head := l.header.Instrs[0]
		if !f.Flow().Reaches(first.Call, head) || !f.Flow().Reaches(head, second.Call) {
			continue
		}
		for _, op := range f.Ops {
			if l.body[op.Block()] {
				return true
			}
		}
		for b := range l.body {
			if slices.ContainsFunc(b.Instrs, p.waits) {
				return true
			}
		}
	}
	return false
}

// loop is a natural loop: its header and the blocks of the body (header included).
// The back edges are the edges of the body to the header.
type loop struct {
	header *ssa.BasicBlock
	body   map[*ssa.BasicBlock]bool
	writes []ssaflow.Write // the memory the body may change

	// The body of a range-over-func loop is a function of its own (rangefunc.go): it
	// goes round again by returning true to the iterator, and its parameters are the
	// iteration variables.
	continues map[*ssa.BasicBlock]bool // blocks that return true
	yield     bool
}

// findLoops returns the natural loops of fn, one per header.
func findLoops(fn *ssa.Function) []*loop {
	byHeader := map[*ssa.BasicBlock]*loop{}
	var loops []*loop
	for _, b := range fn.Blocks {
		for _, s := range b.Succs {
			if !s.Dominates(b) {
				continue
			}
			l := byHeader[s]
			if l == nil {
				l = &loop{header: s, body: map[*ssa.BasicBlock]bool{s: true}}
				byHeader[s] = l
				loops = append(loops, l)
			}
			// The body is what reaches the latch backwards without passing the header.
			stack := []*ssa.BasicBlock{b}
			for len(stack) > 0 {
				x := stack[len(stack)-1]
				stack = stack[:len(stack)-1]
				if l.body[x] {
					continue
				}
				l.body[x] = true
				stack = append(stack, x.Preds...)
			}
		}
	}
	return loops
}

// repeats reports whether the loop can go round again after block b: a back edge is
// reachable from b inside the body. A put followed by break or return is not repeated,
// nor one followed only by back edges that leave at once (done = true in for !done).
func (l *loop) repeats(b *ssa.BasicBlock) bool { return l.repeatsUnless(b, nil) }

// writeFailures maps the blocks that test the error of a KV write to the successor taken
// when the write failed.
type writeFailures map[*ssa.BasicBlock]int

func failuresOfWrites(f *kvapi.FuncOps) writeFailures {
	m := writeFailures{}
	for _, op := range f.Ops {
		if !op.Kind.IsWrite() {
			continue
		}
		for _, t := range resultTests(f, op) {
			if t.failure >= 0 {
				m[t.block] = t.failure
			}
		}
	}
	return m
}

// repeatsUnless reports whether the loop can go round again after block b without
// taking the failure side of a test in failed (nil: any side).
func (l *loop) repeatsUnless(b *ssa.BasicBlock, failed writeFailures) bool {
	seen := map[*ssa.BasicBlock]bool{b: true}
	stack := []*ssa.BasicBlock{b}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if l.continues[x] {
			return true
		}
		fail, tested := failed[x]
		for i, s := range x.Succs {
			if tested && i == fail {
				continue
			}
			if s == l.header {
				if !l.leavesAfter(x) {
					return true
				}
				continue
			}
			if !l.body[s] || seen[s] {
				continue
			}
			seen[s] = true
			stack = append(stack, s)
		}
	}
	return false
}

// onlyAfter reports whether block b of the body runs only after a write failed: it is
// not reachable from the header without taking the failure side of a test in failed.
func (l *loop) onlyAfter(b *ssa.BasicBlock, failed writeFailures) bool {
	if b == l.header || len(failed) == 0 {
		return false
	}
	seen := map[*ssa.BasicBlock]bool{l.header: true}
	stack := []*ssa.BasicBlock{l.header}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		fail, tested := failed[x]
		for i, s := range x.Succs {
			if tested && i == fail {
				continue
			}
			if s == b {
				return false
			}
			if !l.body[s] || seen[s] || s == l.header {
				continue
			}
			seen[s] = true
			stack = append(stack, s)
		}
	}
	return true
}

// leavesAfter reports whether the back edge from latch to the header brings a value
// that makes the loop's test leave the loop: the test reads a phi of the header (for
// !done), and the phi's value on that edge is a constant that exits (done = true). The
// body does not run again after such an edge: for !done { put(); done = true } writes
// once.
func (l *loop) leavesAfter(latch *ssa.BasicBlock) bool {
	br := ssaflow.BranchOf(l.header)
	if br == nil {
		return false
	}
	cond, negated := ssaflow.StripNot(br.Cond)
	phi, ok := cond.(*ssa.Phi)
	if !ok || phi.Block() != l.header {
		return false
	}
	found := false
	for i, pred := range l.header.Preds {
		if pred != latch {
			continue
		}
		c, ok := phi.Edges[i].(*ssa.Const)
		if !ok || c.Value == nil || c.Value.Kind() != constant.Bool {
			return false
		}
		next := l.header.Succs[1] // the test is false
		if constant.BoolVal(c.Value) != negated {
			next = l.header.Succs[0]
		}
		if l.body[next] {
			return false
		}
		found = true
	}
	return found
}

// How often a put runs in its loop.
const (
	sometimes    = iota // under a condition kvhotkey cannot judge
	always              // in every iteration
	unlessFailed        // in every iteration but those that skip it after an error
)

// every says whether block b runs in every iteration of l: no path from the header
// back to the header avoids it. A path that avoids it only by leaving on the failure
// side of an error test (if err != nil { continue }) is an exception: failures are
// not the common case, so the write still runs about once per item. Any other
// condition (a time since the last write, every hundredth item, a filter) is one
// kvhotkey cannot judge: how often it holds decides how hot the key is.
func (l *loop) every(b *ssa.BasicBlock) int {
	if !l.bypassed(b, false) {
		return always
	}
	if !l.bypassed(b, true) {
		return unlessFailed
	}
	return sometimes
}

// bypassed reports whether a back edge of l is reachable from its header without
// passing through b (and, when skipFailures is set, without taking the failure side of
// an error test: continue after err != nil jumps back from the test itself).
func (l *loop) bypassed(b *ssa.BasicBlock, skipFailures bool) bool {
	if b == l.header {
		return false
	}
	seen := map[*ssa.BasicBlock]bool{l.header: true}
	stack := []*ssa.BasicBlock{l.header}
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if l.continues[x] {
			return true // the next iteration, without running b
		}
		failure := -1
		if skipFailures {
			failure = ssaflow.ErrorFailure(x)
		}
		for i, s := range x.Succs {
			if i == failure || s == b || !l.body[s] {
				continue
			}
			if s == l.header {
				return true // a back edge taken without running b
			}
			if seen[s] {
				continue
			}
			seen[s] = true
			stack = append(stack, s)
		}
	}
	return false
}

// retried reports whether the put is retried rather than repeated: a branch after it
// in the loop tests its error, and the loop goes round again only on the failure side.
func retried(f *kvapi.FuncOps, put *kvapi.Op, l *loop) bool {
	for _, t := range resultTests(f, put) {
		b := t.block
		if !l.body[b] || !(b == put.Block() || f.Flow().Reaches(put.Call, b.Instrs[0])) {
			continue
		}
		if t.failure < 0 {
			return true // a test of the result whose meaning is unknown: stay silent
		}
		fail, ok := b.Succs[t.failure], b.Succs[1-t.failure]
		if l.repeats(fail) && !l.repeats(ok) {
			return true
		}
	}
	return false
}

// retriedAfter reports whether second runs only when first failed:
// if err := put(); err != nil { put() } is a retry, not a second write. tests are the
// resultTests of first.
func retriedAfter(f *kvapi.FuncOps, tests []resultTest, first, second *kvapi.Op) bool {
	reaches := func(b *ssa.BasicBlock) bool {
		return b == second.Block() || f.Flow().Reaches(b.Instrs[0], second.Call)
	}
	for _, t := range tests {
		b := t.block
		if !(b == first.Block() || f.Flow().Reaches(first.Call, b.Instrs[0])) || !reaches(b) {
			continue
		}
		if t.failure < 0 {
			return true
		}
		if reaches(b.Succs[t.failure]) && !reaches(b.Succs[1-t.failure]) {
			return true
		}
	}
	return false
}

// exclusive reports whether two puts, guarded by ga and gb (their guards), run on
// opposite outcomes of one condition: if ok { put() }; if !ok { put() } writes once on
// every path.
func exclusive(ga, gb map[ssa.Value]int) bool {
	if len(gb) > len(ga) {
		ga, gb = gb, ga // look up the conditions of the one with fewer
	}
	for cond, side := range gb {
		if s, ok := ga[cond]; ok && s >= 0 && side >= 0 && s != side {
			return true
		}
	}
	return false
}

// guards returns the conditions op runs under, each with the side of its branch op lies
// on (-1 when on both). A condition is one SSA value, so it holds the same truth at
// every branch on it; its negation (!c) is read as c with the sides swapped.
func guards(fn *ssa.Function, op *kvapi.Op) map[ssa.Value]int {
	out := map[ssa.Value]int{}
	for _, blk := range fn.Blocks {
		br := ssaflow.BranchOf(blk)
		if br == nil {
			continue
		}
		side := ssaflow.Side(blk, op.Block())
		if side < 0 {
			continue
		}
		cond, negated := ssaflow.StripNot(br.Cond)
		if negated {
			side = 1 - side
		}
		if prev, seen := out[cond]; seen && prev != side {
			side = -1 // guarded by both outcomes: contradictory, so not used
		}
		out[cond] = side
	}
	return out
}

// resultTest is an if that branches on a value computed from an operation's results.
type resultTest struct {
	block   *ssa.BasicBlock
	failure int // the successor taken when the operation failed (err != nil), -1 unknown
}

// resultTests returns the ifs of the function that test op's results.
func resultTests(f *kvapi.FuncOps, op *kvapi.Op) []resultTest {
	v := op.Call.Value()
	if v == nil || v.Referrers() == nil || len(*v.Referrers()) == 0 {
		return nil
	}
	taint := f.Flow().Taint(v)
	var out []resultTest
	for _, b := range f.Fn.Blocks {
		ifs := ssaflow.BranchOf(b)
		if ifs == nil {
			continue
		}
		// Taint stops at comparisons; err != nil and err == nil are the usual tests.
		if cmp, ok := ssaflow.Unwrap(ifs.Cond).(*ssa.BinOp); ok && ssaflow.IsComparison(cmp.Op) {
			if !taint.Has(cmp.X) && !taint.Has(cmp.Y) {
				continue
			}
			t := resultTest{block: b, failure: -1}
			if _, failed, ok := ssaflow.ErrNilTest(cmp); ok {
				t.failure = failed // err != nil: the then branch; err == nil: the else
			}
			out = append(out, t)
			continue
		}
		if taint.Has(ifs.Cond) {
			out = append(out, resultTest{block: b, failure: -1})
		}
	}
	return out
}
