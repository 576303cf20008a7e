package ssaflow

import (
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"testing"

	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/ssa/ssautil"
)

// build compiles src (package p, no imports) to SSA and returns its function name.
func build(t *testing.T, src, name string) *ssa.Function {
	t.Helper()
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "p.go", src, 0)
	if err != nil {
		t.Fatal(err)
	}
	pkg, _, err := ssautil.BuildPackage(&types.Config{Importer: importer.Default()}, fset,
		types.NewPackage("p", "p"), []*ast.File{f}, ssa.SanityCheckFunctions)
	if err != nil {
		t.Fatal(err)
	}
	fn := pkg.Func(name)
	if fn == nil {
		t.Fatalf("no function %s", name)
	}
	return fn
}

// calls returns the calls of fn to the function named callee, in block order.
func calls(fn *ssa.Function, callee string) []*ssa.Call {
	var out []*ssa.Call
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if c, ok := instr.(*ssa.Call); ok {
				if f := c.Call.StaticCallee(); f != nil && f.Name() == callee {
					out = append(out, c)
				}
			}
		}
	}
	return out
}

const flowSrc = `package p

func get() (string, error) { return "", nil }
func put(v string) error { return nil }
func mark(int)                {}

func f(n int) error {
	v, err := get()
	if err != nil {
		mark(1)
		return err
	}
	for i := 0; i < n; i++ {
		mark(2)
	}
	if !(v == "x") {
		mark(3)
	}
	w := v + "!"
	if len(w) > 3 {
		return put(w)
	}
	return put("c")
}
`

// The flow questions the checks ask: does one call run after another in one pass
// through the body (a loop's back edge is not a path), does it run before on every path,
// and on which side of an error test it lies.
func TestReachesDominatesAndErrorSide(t *testing.T) {
	fn := build(t, flowSrc, "f")
	flow := NewFlow(fn)
	get, puts, marks := calls(fn, "get")[0], calls(fn, "put"), calls(fn, "mark")
	if !flow.Reaches(get, puts[0]) || !flow.Reaches(get, marks[1]) {
		t.Error("get reaches the puts and the loop body")
	}
	if flow.Reaches(puts[0], get) || flow.Reaches(marks[0], puts[0]) {
		t.Error("no path back to get, nor from the failure return to a put")
	}
	if flow.Reaches(marks[1], marks[1]) {
		t.Error("the loop body reaches itself only through a back edge")
	}
	if !Reachable(marks[1].Block())[marks[1].Block()] {
		t.Error("with back edges, the loop body reaches itself")
	}
	if !flow.Dominates(get, puts[1]) || flow.Dominates(marks[2], puts[1]) {
		t.Error("get runs before every put; mark(3) does not")
	}
	err := Result(get, ErrResult(get.Call.Signature()))
	if err == nil {
		t.Fatal("no error result of get")
	}
	if !OnErrorSide(err, marks[0].Block()) || OnErrorSide(err, puts[0].Block()) {
		t.Error("mark(1) alone runs on the err != nil side")
	}
}

// Every way a branch tests a value is answered by one function each: err != nil, err ==
// nil (either way round), a negated condition, a comparison with a constant.
func TestBranchConditions(t *testing.T) {
	fn := build(t, `package p

func g() error { return nil }
func h() string { return "" }

func f() int {
	err := g()
	if nil == err {
		return 1
	}
	if err != nil {
		return 2
	}
	s := h()
	neg := !!!(s == "<null>")
	if neg {
		return 3
	}
	return 0
}
`, "f")
	var conds []ssa.Value
	for _, b := range fn.Blocks {
		if br := BranchOf(b); br != nil {
			conds = append(conds, br.Cond)
		}
	}
	if len(conds) != 3 {
		t.Fatalf("got %d branches, want 3", len(conds))
	}
	for i, want := range []int{1, 0} {
		cmp := conds[i].(*ssa.BinOp)
		err, failed, ok := ErrNilTest(cmp)
		if !ok || failed != want || err.Name() == "" {
			t.Errorf("branch %d: ErrNilTest = %v, %d, %v; want the error, %d", i, err, failed, ok, want)
		}
		if ErrorFailure(cmp.Block()) != want {
			t.Errorf("branch %d: ErrorFailure = %d, want %d", i, ErrorFailure(cmp.Block()), want)
		}
	}
	cond, negated := StripNot(conds[2])
	cmp, ok := cond.(*ssa.BinOp)
	if !ok || !negated {
		t.Fatalf("StripNot(!!!(s == c)) = %v, %v; want the comparison, negated", cond, negated)
	}
	if _, _, ok := ErrNilTest(cmp); ok {
		t.Error("a string comparison is no error test")
	}
	if s, ok := StringCompared(cmp, cmp.X); !ok || s != "<null>" {
		t.Errorf("StringCompared = %q, %v", s, ok)
	}
	if _, ok := StringCompared(cmp, cmp.Y); ok {
		t.Error("the constant is not compared with a constant")
	}
	if !IsComparison(token.LSS) || IsEquality(token.LSS) || !IsOrdering(token.GEQ) || IsComparison(token.ADD) {
		t.Error("comparison classes")
	}
}

// A value read flows into what is computed from it and stored; a comparison stops it.
func TestTaintStopsAtComparisons(t *testing.T) {
	fn := build(t, flowSrc, "f")
	flow := NewFlow(fn)
	get, puts := calls(fn, "get")[0], calls(fn, "put")
	v := Result(get, 0)
	taint := flow.Taint(v)
	if !taint.Has(puts[0].Call.Args[0]) {
		t.Error(`put(v + "!") depends on v`)
	}
	if taint.Has(puts[1].Call.Args[0]) {
		t.Error(`put("c") does not depend on v, although v decided the branch`)
	}
}

// Two keys built the same way from the same values are one term; built from another
// value, or through a call that is not pure, they are not.
func TestTerms(t *testing.T) {
	fn := build(t, `package p

var counter int

func key(id string) string { return "k:" + id }
func next(id string) string { counter++; return id }
func use(...string)        {}

func f(a, b string) {
	use(key(a), "k:"+a, key(a), key(b), next(a), next(a))
}
`, "f")
	args := calls(fn, "use")[0].Call.Args[0]
	elems, ok := SliceLiteral(args)
	if !ok || len(elems) != 6 {
		t.Fatalf("SliceLiteral = %d elements, %v", len(elems), ok)
	}
	var pure Purity
	term := Terms(fn, &pure, nil)
	ts := make([]*Term, len(elems))
	for i, e := range elems {
		ts[i] = term(e)
	}
	if !ts[0].Equal(ts[2]) {
		t.Errorf("key(a) twice: %s != %s", ts[0], ts[2])
	}
	if ts[0].Equal(ts[1]) || ts[0].Equal(ts[3]) || ts[4].Equal(ts[5]) {
		t.Errorf("distinct keys compared equal: %s %s %s %s %s", ts[0], ts[1], ts[3], ts[4], ts[5])
	}
	if !ts[1].UsesParam(0) || ts[1].UsesParam(1) || !ts[3].UsesParam(1) {
		t.Errorf(`"k:"+a names parameter 0, key(b) parameter 1: %s, %s`, ts[1], ts[3])
	}
	if !ts[1].HasParam() || !ts[1].Portable() {
		t.Errorf(`"k:"+a is a template over a parameter: %s`, ts[1])
	}
	if got := ts[1].Subst([]*Term{{Kind: TermConst, Name: "s:\"x\""}}); got == nil || got.String() != `"k:"+"x"` {
		t.Errorf("Subst = %s", got)
	}
}

// Memory: a store into a field changes that field's reads, not the other fields'; a call
// handed a pointer may change everything behind it, unless it only reads.
func TestMemoryWrites(t *testing.T) {
	fn := build(t, `package p

type req struct{ Key, Value string }

func fill(r *req)      { r.Key = "x" }
func show(r *req) int  { return len(r.Key) }
func use(...string)    {}

func f(r *req) {
	use(r.Key, r.Value)
	r.Value = "v"
	show(r)
	fill(r)
	use(r.Key)
}
`, "f")
	mem := NewMemory(fn, nil)
	uses := calls(fn, "use")
	elems, _ := SliceLiteral(uses[0].Call.Args[0])
	key, value := TermOf(fn, elems[0], nil), TermOf(fn, elems[1], nil)
	var store *ssa.Store
	for _, instr := range fn.Blocks[0].Instrs {
		if s, ok := instr.(*ssa.Store); ok {
			if fa, ok := s.Addr.(*ssa.FieldAddr); ok && fa.Field == 1 {
				store = s
			}
		}
	}
	if store == nil {
		t.Fatal("no store of r.Value")
	}
	changes := func(instr ssa.Instruction, term *Term) bool {
		for _, w := range mem.Writes(instr) {
			if w.Changes(term) {
				return true
			}
		}
		return false
	}
	if !changes(store, value) || changes(store, key) {
		t.Error("r.Value = v changes r.Value, not r.Key")
	}
	if show := calls(fn, "show")[0]; mem.Writes(show) != nil {
		t.Error("show only reads r")
	}
	if fill := calls(fn, "fill")[0]; !changes(fill, key) {
		t.Error("fill(r) may change r.Key")
	}
	flow := NewFlow(fn)
	after := mem.ChangedAfter(flow, uses[0], []ssa.Instruction{uses[0]}, key, nil)
	if !after.Before(uses[1]) {
		t.Error("r.Key changes between the two uses")
	}
	if !LocalAddr(uses[0].Call.Args[0].(*ssa.Slice).X) || LocalAddr(fn.Params[0]) {
		t.Error("the varargs array is local; the parameter is not")
	}
}
