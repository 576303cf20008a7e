package kvapi

import (
	"fmt"
	"go/token"
	"go/types"
	"slices"
	"sync"

	"golang.org/x/tools/go/ssa"

	"github.com/storewise/storewise/analyzers/internal/ssaflow"
)

// FuncOps is a function of the package under analysis with the KV operations it calls.
// It is the kvapi pass's result, which the five passes read at the same time.
type FuncOps struct {
	Fn  *ssa.Function
	Ops []*Op

	flowOnce sync.Once
	flow     *ssaflow.Flow

	memOnce sync.Once
	mem     *ssaflow.Memory

	afterMu sync.Mutex // the passes share the cache of KeyMemoryChanged
	after   map[*Op]*ssaflow.Changed
}

// Flow returns the control- and data-flow helpers of the function, built once (by
// whichever pass asks first: the passes run concurrently on one package).
func (f *FuncOps) Flow() *ssaflow.Flow {
	f.flowOnce.Do(func() { f.flow = ssaflow.NewFlow(f.Fn) })
	return f.flow
}

// Memory returns what each instruction of the function may write, built once (by
// whichever pass asks first).
func (f *FuncOps) Memory() *ssaflow.Memory {
	f.memOnce.Do(func() { f.mem = ssaflow.NewMemory(f.Fn, knowledge{}) })
	return f.mem
}

// KeyMemoryChanged reports whether the key or namespace a and b share may be read from
// memory that changes between them (ssaflow's Memory.ChangedAfter): equal terms then
// need not be one entry: put("k:"+c.Key); c.Next(); get("k:"+c.Key) reads another key.
// The writes of a's own call are not counted, and the namespace changes only through
// stores.
func KeyMemoryChanged(f *FuncOps, a, b *Op) bool {
	if a.Key == nil && a.Namespace == nil {
		return false
	}
	return f.changedAfter(a).Before(b.Call)
}

// changedAfter is where the memory a's key or namespace is read from may have changed
// since a, built once per operation: the passes ask KeyMemoryChanged for every pair.
func (f *FuncOps) changedAfter(a *Op) *ssaflow.Changed {
	f.afterMu.Lock()
	defer f.afterMu.Unlock()
	if c, ok := f.after[a]; ok {
		return c
	}
	starts := []ssa.Instruction{a.Call}
	if kv, ok := a.KeyValue.(ssa.Instruction); ok && kv.Block() != nil {
		// k := "k:"+c.Key; c.Next(); put(k): the key was read before the write.
		starts = append(starts, kv)
	}
	c := f.Memory().ChangedAfter(f.Flow(), a.Call, starts, a.Key, a.Namespace)
	if f.after == nil {
		f.after = map[*Op]*ssaflow.Changed{}
	}
	f.after[a] = c
	return c
}

// model turns calls into operations for one package.
type model struct {
	// wrappers finds the fact of a wrapper call, and the receiver type's name when a SPEC
	// of the flag matched by it.
	wrappers func(fn *types.Func, call token.Pos) (*WrapperFact, string)
	pure     ssaflow.Purity
}

// opsOf returns the operations one call performs: none for most calls, one for a client
// API or a wrapper with one operation, several for bulk literals or composite wrappers.
func (m *model) opsOf(fn *ssa.Function, call ssa.CallInstruction) []*Op {
	common := call.Common()
	obj := callee(common)
	if obj == nil {
		return nil
	}
	term := ssaflow.Terms(fn, &m.pure, knowledge{})
	if api, ok := lookupAPI(obj); ok {
		return m.clientOps(term, call, obj, api)
	}
	if w, recv := m.wrappers(obj, call.Pos()); w != nil {
		return m.wrapperOps(term, call, obj, recv, w)
	}
	return nil
}

func (m *model) clientOps(term func(ssa.Value) *ssaflow.Term, call ssa.CallInstruction, obj *types.Func, api apiMethod) []*Op {
	common := call.Common()
	arg := argAt(ssaflow.CallArgs(common))
	op := &Op{Kind: api.kind, Call: call, Callee: obj, Signal: api.signal}
	var nsVal ssa.Value
	if api.params >= 0 && api.nsField != "" {
		nsVal = structField(arg(api.params), api.nsField)
		if api.keyField != "" {
			op.KeyValue = structField(arg(api.params), api.keyField)
		}
	} else {
		nsVal = arg(api.ns)
		op.KeyValue = arg(api.key)
	}
	if api.valueField != "" {
		op.Value = structField(arg(api.params), api.valueField)
	} else {
		op.Value = arg(api.value)
	}
	if nsVal != nil {
		op.Namespace = term(nsVal)
	}
	if op.KeyValue != nil {
		op.Key = term(op.KeyValue)
	}
	if api.kind == Get {
		op.Result = ssaflow.Result(call, 0)
	}
	if api.kind == Get || api.kind.IsWrite() {
		op.Err = ssaflow.Result(call, ssaflow.ErrResult(common.Signature()))
	}
	if api.bulk == "" {
		return []*Op{op}
	}
	// Bulk calls with a literal slice are one operation per element; otherwise the keys
	// are unknown and the single op stays keyless (silent for key-based checks).
	elems := bulkElems(structField(arg(api.params), api.bulk))
	if elems == nil {
		return []*Op{op}
	}
	var ops []*Op
	for _, e := range elems {
		o := *op
		if api.pairs {
			o.KeyValue = structField(e, api.elemKey)
			o.Value = structField(e, api.elemValue)
		} else {
			o.KeyValue = e
		}
		o.Key = nil
		if o.KeyValue != nil {
			o.Key = term(o.KeyValue)
		}
		ops = append(ops, &o)
	}
	return ops
}

func (m *model) wrapperOps(term func(ssa.Value) *ssaflow.Term, call ssa.CallInstruction, obj *types.Func, recv string, w *WrapperFact) []*Op {
	common := call.Common()
	args := ssaflow.CallArgs(common)
	argTerms := make([]*ssaflow.Term, len(args))
	for i, a := range args {
		argTerms[i] = term(a)
	}
	var ops []*Op
	for _, wop := range w.Ops {
		op := &Op{Kind: wop.Kind, Call: call, Callee: obj, Wrapper: true, Signal: wop.Signal, recv: recv}
		op.Key = literalFields(wop.Key.Subst(argTerms), call, term)
		op.Namespace = wop.Namespace.Subst(argTerms)
		if wop.Key != nil && wop.Key.Kind == ssaflow.TermParam && wop.Key.Index < len(args) {
			op.KeyValue = args[wop.Key.Index]
		}
		if wop.Value >= 0 && wop.Value < len(args) {
			op.Value = args[wop.Value]
		}
		if wop.Kind == Get {
			op.Result = ssaflow.Result(call, wop.Result)
			e := wop.Err
			if e < 0 {
				e = ssaflow.ErrResult(common.Signature())
			}
			op.Err = ssaflow.Result(call, e)
		}
		if wop.Kind.IsWrite() {
			// No fallback to the last error result, as for gets: a write wrapper's error
			// may come from something else after the write succeeded.
			op.Err = ssaflow.Result(call, wop.Err)
		}
		ops = append(ops, op)
	}
	return ops
}

// literalFields resolves, in a key substituted at a call of a wrapper keyed on a field of
// its struct argument (save(ctx, &Account{ID: id}) writes "acct:"+a.ID), each field of a
// struct literal built here and only handed to this call: the field is the value stored
// into it once, so the save writes "acct:"+id. A literal also passed elsewhere, or whose
// field is set twice, keeps the unknown term.
func literalFields(t *ssaflow.Term, call ssa.CallInstruction, term func(ssa.Value) *ssaflow.Term) *ssaflow.Term {
	if t == nil {
		return nil
	}
	if t.Kind == ssaflow.TermField && len(t.Args) == 1 {
		if alloc, ok := t.Args[0].Value().(*ssa.Alloc); ok && onlyFilledAndPassed(alloc, call) {
			if st := ssaflow.FieldStore(alloc, t.Name); st != nil {
				return term(st.Val)
			}
		}
	}
	if len(t.Args) == 0 {
		return t
	}
	n := *t
	n.Args = make([]*ssaflow.Term, len(t.Args))
	for i, a := range t.Args {
		n.Args[i] = literalFields(a, call, term)
	}
	return &n
}

// onlyFilledAndPassed reports whether, before call, alloc is used only to store and read
// its fields: any other use (a call that could change a field) cannot reach call. Uses
// after it (saving the record again once changed) do not change what call writes.
func onlyFilledAndPassed(alloc *ssa.Alloc, call ssa.CallInstruction) bool {
	refs := alloc.Referrers()
	if refs == nil {
		return false
	}
	for _, r := range *refs {
		if fa, ok := r.(*ssa.FieldAddr); ok {
			for _, u := range *fa.Referrers() {
				switch u := u.(type) {
				case *ssa.Store:
					if u.Addr == fa {
						continue
					}
				case *ssa.UnOp:
					if u.Op == token.MUL {
						continue
					}
				}
				if reachesInstr(u, call) {
					return false
				}
			}
			continue
		}
		if r != call && reachesInstr(r, call) {
			return false
		}
	}
	return true
}

// reachesInstr reports whether control can go from a to b (a before b in one block, or
// b's block reachable from a's).
func reachesInstr(a, b ssa.Instruction) bool {
	if instrs := a.Block().Instrs; a.Block() == b.Block() && slices.Index(instrs, a) < slices.Index(instrs, b) {
		return true
	}
	return ssaflow.Reachable(a.Block())[b.Block()]
}

// summarise computes the wrapper fact of a function from its operations: each operation
// whose key is a template over the parameters (no function-local value) becomes an
// operation of the function.
func summarise(fn *ssa.Function, ops []*Op) *WrapperFact {
	var fact WrapperFact
	seen := map[string]bool{}
	flow := ssaflow.NewFlow(fn)
	for _, op := range ops {
		if !op.Key.Portable() && op.Kind != List {
			continue
		}
		if op.Callee != nil && op.Callee == fn.Object() {
			continue // recursion adds nothing but growth
		}
		if op.Key.Size() > maxTemplateSize || op.Namespace.Size() > maxTemplateSize {
			continue
		}
		if !op.Namespace.Portable() {
			continue // an operation on an unknown namespace matches nothing at call sites
		}
		wop := wrapperOp{Kind: op.Kind, Key: op.Key, Namespace: op.Namespace, Value: -1, Result: -1, Err: -1}
		if op.Value != nil {
			for i, p := range fn.Params {
				if ssaflow.Unwrap(op.Value) == p {
					wop.Value = i
				}
			}
			if wop.Value < 0 {
				// The value is built from a parameter (strconv.Itoa(n)): the parameter's
				// value still reaches the write, which is what kvrmw follows. A save
				// wrapper that stamps its key parameters into the record it is given
				// (r.ID = id; json.Marshal(r)) has them reach the value too: the record,
				// the parameter the key does not name, is the value written.
				wop.Value = valueParam(fn, flow, op)
			}
		}
		if op.Kind == Get {
			rets := returnsOf(fn)
			if op.Result != nil {
				t := flow.Taint(op.Result)
			results:
				for i, vals := range rets {
					for _, r := range vals {
						if t.Has(r) {
							wop.Result = i
							if ssaflow.Unwrap(r) == op.Result && !mapsNull(fn, flow, op, i) {
								wop.Signal = op.Signal
							}
							break results
						}
					}
				}
			}
			if wop.Result < 0 && op.Result != nil {
				// An existence wrapper (return v != "<null>") returns a test of the value:
				// its callers' branches on that result are outcome tests.
				if i := comparedResult(rets, op.Result); i >= 0 {
					wop.Result = i
				}
			}
			if op.Err != nil {
				for i, vals := range rets {
					for _, r := range vals {
						if ssaflow.Unwrap(r) == op.Err {
							wop.Err = i
						}
					}
				}
			}
		}
		if op.Kind.IsWrite() && op.Err != nil {
			wop.Err = writeErrResult(fn, op)
		}
		id := fmt.Sprintf("%s %s %s %d %d %d", wop.Kind, wop.Key, wop.Namespace, wop.Value, wop.Result, wop.Err)
		if seen[id] {
			continue
		}
		seen[id] = true
		fact.Ops = append(fact.Ops, wop)
	}
	// A wrapper is a small function around one or a few operations; a function with many
	// is a handler, and repeating all its operations at every call site would multiply
	// them along call chains. Such functions are not exported as wrappers.
	if len(fact.Ops) == 0 || len(fact.Ops) > maxWrapperOps {
		return nil
	}
	return &fact
}

// valueParam returns the parameter of fn whose value reaches op's value, preferring one
// that op's key does not name, or -1.
func valueParam(fn *ssa.Function, flow *ssaflow.Flow, op *Op) int {
	first := -1
	for i, p := range fn.Params {
		if !flow.Taint(p).Has(op.Value) {
			continue
		}
		if !op.Key.UsesParam(i) {
			return i
		}
		if first < 0 {
			first = i
		}
	}
	return first
}

// Limits that keep facts small: operations per wrapper, nodes per key template.
const (
	maxWrapperOps   = 4
	maxTemplateSize = 24
)

// mapsNull reports whether fn, a wrapper of the syumai get op, returns something other
// than the value read in result i when the value is "<null>": a wrapper that tests for it
// and returns "" (if v == "<null>" { return "", nil }) has its own not-found signal, and
// its callers' tests of "" are right. Returns on the "<null>" side are found by forward
// reachability, which also counts later returns of that path (an over-approximation: a
// doubtful wrapper loses the signal, and its callers' tests are then not judged).
func mapsNull(fn *ssa.Function, flow *ssaflow.Flow, op *Op, i int) bool {
	if op.Signal != SignalNull {
		return false
	}
	for _, b := range fn.Blocks {
		br := ssaflow.BranchOf(b)
		if br == nil {
			continue
		}
		c, ok := br.Cond.(*ssa.BinOp)
		if !ok {
			continue
		}
		if s, ok := ssaflow.StringCompared(c, op.Result); !ok || !isNullValue(s) {
			continue
		}
		null := b.Succs[0]
		if c.Op == token.NEQ {
			null = b.Succs[1]
		}
		blocks := map[*ssa.BasicBlock]bool{null: true}
		for blk := range flow.Forward(null) {
			blocks[blk] = true
		}
		for _, ret := range ssaflow.Returns(fn) {
			if blocks[ret.Block()] && i < len(ret.Results) && ssaflow.Unwrap(ret.Results[i]) != op.Result {
				return true
			}
		}
	}
	return false
}

// writeErrResult returns the index of the error result of fn that is non-nil only when
// the write op did not happen, or -1: at every return the put or delete has not run
// (return err before it), or the result is nil, the write's own error, or anything
// returned on its failure side (if err != nil { return fmt.Errorf("save: %w", err) }).
// A caller that branches on this result knows, on its error side, that the entry was
// not written. An error that can come from a later step (return audit(k)) does not say
// that, and gives -1; so does a write in a loop, where an earlier round may have written.
func writeErrResult(fn *ssa.Function, op *Op) int {
	after := ssaflow.Reachable(op.Block()) // loops included
	if after[op.Block()] {
		return -1
	}
	results := fn.Signature.Results()
	for i := 0; i < results.Len(); i++ {
		if !types.Identical(results.At(i).Type(), op.Err.Type()) {
			continue
		}
		ok := true
		for _, ret := range ssaflow.Returns(fn) {
			b := ret.Block()
			if i >= len(ret.Results) {
				continue
			}
			r := ret.Results[i]
			c, isConst := r.(*ssa.Const)
			switch {
			case b != op.Block() && !after[b]: // the write has not run
			case isConst && c.IsNil():
			case ssaflow.Unwrap(r) == op.Err:
			case ssaflow.OnErrorSide(op.Err, b):
			default:
				ok = false
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

// comparedResult returns the index of a boolean result that compares read directly, or -1.
func comparedResult(rets [][]ssa.Value, read ssa.Value) int {
	for i, vals := range rets {
		for _, r := range vals {
			cmp, ok := r.(*ssa.BinOp)
			if ok && ssaflow.IsEquality(cmp.Op) && (ssaflow.Unwrap(cmp.X) == read || ssaflow.Unwrap(cmp.Y) == read) {
				return i
			}
		}
	}
	return -1
}

// returnsOf returns, for each result of fn, the values its return statements return.
func returnsOf(fn *ssa.Function) [][]ssa.Value {
	out := make([][]ssa.Value, fn.Signature.Results().Len())
	for _, ret := range ssaflow.Returns(fn) {
		for i, r := range ret.Results {
			out[i] = append(out[i], r)
		}
	}
	return out
}

// Equal compares two facts for the fixed point of wrapper discovery.
func (f *WrapperFact) equal(g *WrapperFact) bool {
	if f == nil || g == nil {
		return f == g
	}
	if len(f.Ops) != len(g.Ops) {
		return false
	}
	for i := range f.Ops {
		a, b := f.Ops[i], g.Ops[i]
		if a.Kind != b.Kind || a.Value != b.Value || a.Result != b.Result || a.Err != b.Err || a.Signal != b.Signal {
			return false
		}
		if a.Key.String() != b.Key.String() || a.Namespace.String() != b.Namespace.String() {
			return false
		}
	}
	return true
}

// recordKeys gives a write keyed on a field of a record read by a get of the function the
// get's key, when the two keys differ only there: acct := Load(id); acct.Balance++;
// Save(acct) writes "acct:"+acct.ID, the entry Load read as "acct:"+id. A record is
// stored under its own id; that is what the save wrapper's key says.
func recordKeys(ops []*Op) {
	for _, g := range ops {
		if g.Kind != Get || g.Result == nil || g.Key == nil {
			continue
		}
		for _, w := range ops {
			if w.Kind.IsWrite() && w.Key != nil && !w.Key.Equal(g.Key) && g.Namespace.Equal(w.Namespace) && sameRecordKey(g.Key, w.Key, g.Result) {
				w.Key = g.Key
			}
		}
	}
}

// sameRecordKey reports whether w is g with at least one subterm replaced by a field of
// the value result.
func sameRecordKey(g, w *ssaflow.Term, result ssa.Value) bool {
	found := false
	var match func(g, w *ssaflow.Term) bool
	match = func(g, w *ssaflow.Term) bool {
		if g == nil || w == nil {
			return false
		}
		if w.Kind == ssaflow.TermField && len(w.Args) == 1 && w.Args[0].Kind == ssaflow.TermValue && w.Args[0].Value() != nil && ssaflow.Unwrap(w.Args[0].Value()) == result {
			found = true
			return g.Kind != ssaflow.TermConst // the id, not a fixed key
		}
		if g.Kind != w.Kind || g.Name != w.Name || g.Index != w.Index || len(g.Args) != len(w.Args) {
			return g.Equal(w)
		}
		if len(g.Args) == 0 {
			return g.Equal(w)
		}
		for i := range g.Args {
			if !match(g.Args[i], w.Args[i]) {
				return false
			}
		}
		return true
	}
	return match(g, w) && found
}
