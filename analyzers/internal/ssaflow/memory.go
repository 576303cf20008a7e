package ssaflow

import (
	"go/types"
	"slices"

	"golang.org/x/tools/go/ssa"

	"github.com/storewise/storewise/analyzers/internal/effects"
)

// Keys read from memory.
//
// A term reads e.ID through e itself, so that two reads of one field are the same key
// (TermField of the term of e). That holds only while the memory e points to keeps its
// value: between two reads, the code may fill e again (json.Unmarshal(line, &e),
// req.Key = k, c.Next()), and then the two reads are two keys although their terms are
// equal. A whole variable loaded twice is two TermValue leaves already (unless it is
// assigned once), so only fields, package variables and what pure functions read through
// their arguments (s.key(id) reads s.prefix) need this.
//
// Memory records, for every instruction of a function, the memory it may write, as the
// values it writes through: the variable of &x.f[i], a pointer parameter, a pointer loaded
// from a field, a package variable. kvhotkey asks whether a loop's body writes the memory
// a key is read from; the straight-line passes ask whether the code between two
// operations does (Memory.ChangedAfter). Aliases are not followed: a write through another
// pointer to the same struct is not seen, except through variables whose address is kept
// (see escapedVars).

// A Write is memory an instruction may change, reached from Root: only field number
// Field of it when Field is not -1 (req.Value = v leaves req.Key alone).
type Write struct {
	Root  ssa.Value
	Field int
	// Call is set for what a call may write: through the pointers it is handed (and the
	// variables whose address is kept), and the package variables the functions of the
	// package it calls store into. Unset for a store or map update of the function itself.
	Call bool

	term *Term // the term of Root, as TermOf builds it
}

// Changes reports whether term t is read from the memory w changes: t is built from
// Root as a leaf, from a sub-term equal to Root's term (c in c.id or keyOf(c)), or from
// the package variable Root. Reading another field of Root than the one stored (r.Key
// when r.Value was stored) does not count. A nil Root (a nil pointer constant) changes
// nothing.
func (w Write) Changes(t *Term) bool {
	if _, ok := w.Root.(*ssa.Const); ok {
		return false
	}
	return mentions(t, w.Root, w.term, w.Field)
}

// Memory is the memory each instruction of a function may write. It is built once per
// function (FuncOps.Memory) and only read afterwards, so the passes can share it.
type Memory struct {
	writes map[ssa.Instruction][]Write
	order  []ssa.Instruction // the instructions that write, in block order
}

// Writes returns the memory instr may change, nil when it writes nothing.
func (m *Memory) Writes(instr ssa.Instruction) []Write { return m.writes[instr] }

// NewMemory returns what each instruction of fn may write. Build it once per function.
func NewMemory(fn *ssa.Function, know Knowledge) *Memory {
	m := &Memory{writes: map[ssa.Instruction][]Write{}}
	ro := newReadOnly(know)
	escaped := escapedVars(fn, know)
	for _, b := range fn.Blocks { // in order: readOnly's memo must not depend on map order
		for _, instr := range b.Instrs {
			var ws []Write
			switch x := instr.(type) {
			case *ssa.Store:
				ws = append(ws, storeTarget(x.Addr))
				// A pointer stored outside the function's own variables escapes: a later
				// call may write through it (s.cur = &e, then s.advance()).
				if r := writeRoot(x.Val); !LocalAddr(x.Addr) && hasPointers(x.Val.Type()) && hasPointers(r.Type()) {
					ws = append(ws, Write{Root: r, Field: -1, Call: true})
				}
			case *ssa.MapUpdate:
				ws = append(ws, Write{Root: writeRoot(x.Map), Field: -1})
			case ssa.CallInstruction:
				if ro.call(x.Common(), 0) {
					continue
				}
				for _, a := range callOperands(x.Common()) {
					if r := writeRoot(a); hasPointers(r.Type()) {
						ws = append(ws, Write{Root: r, Field: -1, Call: true})
						ws = append(ws, elements(r)...)
					}
				}
				if callee := x.Common().StaticCallee(); callee != nil {
					ws = append(ws, ro.globalWrites(callee, 1)...)
				}
				// A call that may write can write the variables whose address is kept,
				// whether or not it is handed them.
				for _, v := range escaped {
					ws = append(ws, Write{Root: v, Field: -1, Call: true})
				}
			}
			for i := range ws {
				ws[i].term = TermOf(fn, ws[i].Root, know)
			}
			if len(ws) > 0 {
				m.writes[instr] = ws
				m.order = append(m.order, instr)
			}
		}
	}
	return m
}

// Changed is where the memory a key is read from may have changed since an instruction
// (Memory.ChangedAfter): the blocks reached from a write that runs after it, and, in the
// blocks holding such writes, the index of the first.
type Changed struct {
	flow   *Flow
	blocks map[*ssa.BasicBlock]bool
	first  map[*ssa.BasicBlock]int
}

// ChangedAfter returns where the memory key or ns is read from may have changed after
// self: an instruction that runs after one of starts (self, and where the key was
// computed), on some path without a loop's back edge, writes memory key is read from
// (through a store, or a call that may write what it is handed), or memory ns is read
// from through a store. Equal terms then need not be one value: put("k:"+c.Key);
// c.Next(); get("k:"+c.Key) reads another key.
//
// The namespace changes only through stores: it is set up once, and any method of a
// store called in between (s.audit(id)) would otherwise hide every use of s.ns. The
// writes of self itself are not counted: a wrapper locking its store (s.mu.Lock())
// would otherwise hide every wrapper reading its key from the store. Callers asking
// about many pairs build this once per first instruction: each pair then costs a
// lookup (Changed.Before), not a walk of the function.
func (m *Memory) ChangedAfter(flow *Flow, self ssa.Instruction, starts []ssa.Instruction, key, ns *Term) *Changed {
	c := &Changed{flow: flow, first: map[*ssa.BasicBlock]int{}}
	var from []*ssa.BasicBlock
	for _, instr := range m.order {
		if instr == self {
			continue
		}
		changes := false
		for _, w := range m.writes[instr] {
			if w.Changes(key) || !w.Call && w.Changes(ns) {
				changes = true
				break
			}
		}
		if !changes || !slices.ContainsFunc(starts, func(s ssa.Instruction) bool { return flow.Reaches(s, instr) }) {
			continue
		}
		blk := instr.Block()
		if _, seen := c.first[blk]; !seen {
			c.first[blk] = flow.index[instr] // m.order is in block order: the first
			from = append(from, blk)
		}
	}
	// Everything reached from those blocks without a loop's back edge, as Flow.Reaches.
	c.blocks = Walk(from, NoBackEdge)
	return c
}

// Before reports whether a change can run before instr.
func (c *Changed) Before(instr ssa.Instruction) bool {
	blk := instr.Block()
	if c.blocks[blk] {
		return true
	}
	i, ok := c.first[blk]
	return ok && i < c.flow.index[instr]
}

// escapedVars returns the variables of fn whose address is kept somewhere: stored in
// memory (s.cur = &e) or captured by a closure. Any call that may write can then write
// them, even one not handed the address. An address only passed to a call
// (json.Unmarshal(b, &e)) is taken to be used during the call and not kept.
func escapedVars(fn *ssa.Function, know Knowledge) []ssa.Value {
	var out []ssa.Value
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if alloc, ok := instr.(*ssa.Alloc); ok && kept(alloc, 0, know) {
				out = append(out, alloc)
			}
		}
	}
	return out
}

// kept reports whether the address v, or one derived from it, is stored as a value or
// bound into a closure.
func kept(v ssa.Value, depth int, know Knowledge) bool {
	if depth > 8 || v.Referrers() == nil {
		return depth > 8
	}
	for _, ref := range *v.Referrers() {
		switch r := ref.(type) {
		case *ssa.Store:
			// Into the function's own variables (the variadic array of a call) it is
			// not kept; elements follows those arrays into the calls they are passed to.
			if r.Val == v && !LocalAddr(r.Addr) {
				return true
			}
		case *ssa.MakeClosure:
			// A closure that only reads (go func() { log.Println(req.ID) }()) keeps the
			// address but never writes through it: the variable stays as it was, and the
			// closure does not silence the function it sits in.
			if !readOnlyClosure(r, know) {
				return true
			}
		case *ssa.FieldAddr, *ssa.IndexAddr, *ssa.Slice, *ssa.MakeInterface, *ssa.ChangeType, *ssa.Convert:
			if kept(r.(ssa.Value), depth+1, know) {
				return true
			}
		}
	}
	return false
}

// elements returns the pointers stored into a local array or struct handed to a call:
// rows.Scan(&e.ID, &e.Body) passes its variadic array, which holds &e.ID and &e.Body.
func elements(v ssa.Value) []Write {
	alloc, ok := v.(*ssa.Alloc)
	if !ok {
		return nil
	}
	var out []Write
	for _, ref := range *alloc.Referrers() {
		var addr ssa.Value
		switch r := ref.(type) {
		case *ssa.IndexAddr:
			addr = r
		case *ssa.FieldAddr:
			addr = r
		default:
			continue
		}
		for _, use := range *addr.Referrers() {
			if st, ok := use.(*ssa.Store); ok && st.Addr == addr && hasPointers(st.Val.Type()) {
				if r := writeRoot(st.Val); hasPointers(r.Type()) {
					out = append(out, Write{Root: r, Field: -1, Call: true})
				}
			}
		}
	}
	return out
}

// callOperands returns the values a call hands to its callee: the arguments, the
// receiver of an interface method, and the variables a closure captures.
func callOperands(c *ssa.CallCommon) []ssa.Value {
	ops := append([]ssa.Value(nil), c.Args...)
	if c.IsInvoke() {
		ops = append(ops, c.Value)
	}
	if mc, ok := c.Value.(*ssa.MakeClosure); ok {
		ops = append(ops, mc.Bindings...)
	}
	return ops
}

// writeRoot returns the value an address or reference is derived from: the variable of
// &x.f[i], the array of a slice expression, the pointer boxed in an interface. Unlike
// memRoot it keeps package variables: a key can be read from one.
func writeRoot(v ssa.Value) ssa.Value {
	for i := 0; i < 16; i++ {
		next := addrBase(v)
		if next == nil {
			return v
		}
		v = next
	}
	return v
}

// storeTarget returns what a store to addr changes: the root of the address, and the
// field of the root it stores into (x.f and x.f.g change field f of x), or -1.
func storeTarget(addr ssa.Value) Write {
	w := Write{Root: writeRoot(addr), Field: -1}
	for v := addr; v != w.Root; {
		next := addrBase(v)
		if next == nil {
			return Write{Root: w.Root, Field: -1}
		}
		if fa, ok := v.(*ssa.FieldAddr); ok && fa.X == w.Root {
			w.Field = fa.Field
		}
		v = next
	}
	return w
}

// mentions reports whether term t is built from the value r (whose term is rt): r as a
// leaf, a sub-term equal to rt, or the package variable r. When field is not -1, only
// that field of r changed.
func mentions(t *Term, r ssa.Value, rt *Term, field int) bool {
	if t == nil {
		return false
	}
	if field >= 0 && t.Kind == TermField && t.Index != field && len(t.Args) == 1 && isRoot(t.Args[0], r, rt) {
		return false
	}
	if isRoot(t, r, rt) {
		return true
	}
	for _, a := range t.Args {
		if mentions(a, r, rt, field) {
			return true
		}
	}
	return false
}

// isRoot reports whether term t stands for the value r whose term is rt.
func isRoot(t *Term, r ssa.Value, rt *Term) bool {
	if t.Value() == r || t.Equal(rt) {
		return true
	}
	g, ok := r.(*ssa.Global)
	return ok && t.Kind == TermGlobal && g.Pkg != nil && t.Name == g.Pkg.Pkg.Path()+"."+g.Name()
}

// readOnly decides which calls cannot write through what they are handed: calls of
// functions of the package whose bodies store only into their own variables and call
// only such functions (a getter such as c.Name()), KV client calls, and builtins that
// write nothing. Any other call, an imported function or an interface method, may write.
type readOnly struct {
	memo    map[callDepth]bool
	globals map[callDepth][]Write
	know    Knowledge
}

func newReadOnly(know Knowledge) *readOnly {
	return &readOnly{memo: map[callDepth]bool{}, globals: map[callDepth][]Write{}, know: know}
}

// callDepth is a function seen at a depth of calls: what it does within the remaining
// depth depends on both.
type callDepth struct {
	fn    *ssa.Function
	depth int
}

const maxReadOnlyDepth = 3

func (ro *readOnly) call(c *ssa.CallCommon, depth int) bool {
	if b, ok := c.Value.(*ssa.Builtin); ok {
		switch b.Name() {
		case "len", "cap", "append", "min", "max", "print", "println", "real", "imag", "complex", "ssa:wrapnilchk":
			return true // append writes only past the length of the slice it is given
		}
		return false
	}
	if c.IsInvoke() {
		return false
	}
	fn := c.StaticCallee()
	if fn == nil {
		return false
	}
	if ro.know != nil && ro.know.ReadsOnly(fn) {
		// A KV client call sends what it is given and changes nothing of the caller's:
		// j.setStatus(s), a wrapper reading its key from j, leaves j as it was.
		return true
	}
	if obj, ok := fn.Object().(*types.Func); ok && fn.Signature.Recv() == nil && effects.Of(obj)&effects.OnlyReads != 0 {
		return true // logging a request (log.Printf("%v", req)) leaves req.Key as it was
	}
	return ro.fn(fn, depth+1)
}

func (ro *readOnly) fn(fn *ssa.Function, depth int) bool {
	if len(fn.Blocks) == 0 || depth > maxReadOnlyDepth {
		return false // no body to read (imported), or too deep to follow
	}
	key := callDepth{fn, depth}
	if v, ok := ro.memo[key]; ok {
		return v
	}
	ro.memo[key] = false // recursion: assume the worst while deciding
	v := ro.compute(fn, depth)
	ro.memo[key] = v
	return v
}

func (ro *readOnly) compute(fn *ssa.Function, depth int) bool {
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Store:
				if !LocalAddr(x.Addr) {
					return false
				}
			case *ssa.MapUpdate, *ssa.Send, *ssa.Go, *ssa.Defer:
				return false
			case *ssa.Call:
				if !ro.call(x.Common(), depth) {
					return false
				}
			}
		}
	}
	return true
}

// globalWrites returns the package variables fn stores into, itself or through the
// functions of the package it calls (maxReadOnlyDepth calls deep): advance() may set the
// package variable a key is read from. Functions without a body (imported ones) cannot
// name the package's variables.
func (ro *readOnly) globalWrites(fn *ssa.Function, depth int) []Write {
	key := callDepth{fn, depth}
	if ws, ok := ro.globals[key]; ok || depth > maxReadOnlyDepth {
		return ws
	}
	ro.globals[key] = nil // recursion: the cycle's stores are collected once
	var ws []Write
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Store:
				if w := storeTarget(x.Addr); isGlobal(w.Root) {
					w.Call = true
					ws = append(ws, w)
				}
			case *ssa.MapUpdate:
				if r := writeRoot(x.Map); isGlobal(r) {
					ws = append(ws, Write{Root: r, Field: -1, Call: true})
				}
			case ssa.CallInstruction:
				if callee := x.Common().StaticCallee(); callee != nil {
					ws = append(ws, ro.globalWrites(callee, depth+1)...)
				}
			}
		}
	}
	ro.globals[key] = ws
	return ws
}

func isGlobal(v ssa.Value) bool {
	_, ok := v.(*ssa.Global)
	return ok
}

// readOnlyClosure reports whether a closure stores nothing outside its own variables and
// calls only functions that do the same (as a function of the package is judged for a
// key read from memory): what it captures keeps its value whenever it runs.
func readOnlyClosure(mc *ssa.MakeClosure, know Knowledge) bool {
	fn, ok := mc.Fn.(*ssa.Function)
	if !ok {
		return false
	}
	return newReadOnly(know).fn(fn, 0)
}
