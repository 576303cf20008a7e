package kvhotkey

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

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
// separately whether the loop writes the memory a key is read from.

// memWrites is the memory a loop body may change, as the values it writes through
// (the variable of &x.f[i], a pointer parameter, a pointer loaded from a field).
type memWrites struct {
	stored []write // written by a store or map update in the body itself
	called []write // handed to a call in the body that may write through it
}

// A write changes memory reached from root: only its field number field when that is
// not -1 (req.Value = v leaves req.Key alone).
type write struct {
	root  ssa.Value
	field int
}

// loopWrites collects the memory the body of l may write.
func loopWrites(fn *ssa.Function, l *loop, ro *readOnly, escaped []ssa.Value) memWrites {
	var w memWrites
	calls := false
	for _, b := range fn.Blocks { // in order: readOnly's memo must not depend on map order
		if !l.body[b] {
			continue
		}
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Store:
				w.stored = append(w.stored, storeTarget(x.Addr))
				// A pointer stored outside the function's own variables escapes: a later
				// call may write through it (s.cur = &e, then s.advance()).
				if r := root(x.Val); !kvapi.LocalAddr(x.Addr) && hasPointers(x.Val.Type()) && hasPointers(r.Type()) {
					w.called = append(w.called, write{r, -1})
				}
			case *ssa.MapUpdate:
				w.stored = append(w.stored, write{root(x.Map), -1})
			case ssa.CallInstruction:
				if ro.call(x.Common(), 0) {
					continue
				}
				calls = true
				for _, a := range callOperands(x.Common()) {
					if r := root(a); hasPointers(r.Type()) {
						w.called = append(w.called, write{r, -1})
						w.called = append(w.called, elements(r)...)
					}
				}
				if callee := x.Common().StaticCallee(); callee != nil {
					w.called = append(w.called, ro.globalWrites(callee, 1)...)
				}
			}
		}
	}
	if calls {
		for _, v := range escaped {
			w.called = append(w.called, write{v, -1})
		}
	}
	return w
}

// escapedVars returns the variables of fn whose address is kept somewhere: stored in
// memory (s.cur = &e) or captured by a closure. Any call that may write can then write
// them, even one not handed the address. An address only passed to a call
// (json.Unmarshal(b, &e)) is taken to be used during the call and not kept.
func escapedVars(fn *ssa.Function) []ssa.Value {
	var out []ssa.Value
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			if alloc, ok := instr.(*ssa.Alloc); ok && kept(alloc, 0) {
				out = append(out, alloc)
			}
		}
	}
	return out
}

// kept reports whether the address v, or one derived from it, is stored as a value or
// bound into a closure.
func kept(v ssa.Value, depth int) bool {
	if depth > 8 || v.Referrers() == nil {
		return depth > 8
	}
	for _, ref := range *v.Referrers() {
		switch r := ref.(type) {
		case *ssa.Store:
			// Into the function's own variables (the variadic array of a call) it is
			// not kept; elements follows those arrays into the calls they are passed to.
			if r.Val == v && !kvapi.LocalAddr(r.Addr) {
				return true
			}
		case *ssa.MakeClosure:
			return true
		case *ssa.FieldAddr, *ssa.IndexAddr, *ssa.Slice, *ssa.MakeInterface, *ssa.ChangeType, *ssa.Convert:
			if kept(r.(ssa.Value), depth+1) {
				return true
			}
		}
	}
	return false
}

// elements returns the pointers stored into a local array or struct handed to a call:
// rows.Scan(&e.ID, &e.Body) passes its variadic array, which holds &e.ID and &e.Body.
func elements(v ssa.Value) []write {
	alloc, ok := v.(*ssa.Alloc)
	if !ok {
		return nil
	}
	var out []write
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
				if r := root(st.Val); hasPointers(r.Type()) {
					out = append(out, write{r, -1})
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

// root returns the value an address or reference is derived from: the variable of
// &x.f[i], the array of a slice expression, the pointer boxed in an interface.
func root(v ssa.Value) ssa.Value {
	for i := 0; i < 16; i++ {
		switch x := v.(type) {
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.IndexAddr:
			v = x.X
		case *ssa.Slice:
			v = x.X
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.Convert:
			v = x.X
		default:
			return v
		}
	}
	return v
}

// storeTarget returns what a store to addr changes: the root of the address, and the
// field of the root it stores into (x.f and x.f.g change field f of x), or -1.
func storeTarget(addr ssa.Value) write {
	w := write{root(addr), -1}
	for v := addr; v != w.root; {
		switch x := v.(type) {
		case *ssa.FieldAddr:
			if x.X == w.root {
				w.field = x.Field
			}
			v = x.X
		case *ssa.IndexAddr:
			v = x.X
		case *ssa.Slice:
			v = x.X
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.ChangeType:
			v = x.X
		case *ssa.Convert:
			v = x.X
		default:
			return write{w.root, -1}
		}
	}
	return w
}

// hasPointers reports whether a value of type t refers to memory a callee could change:
// a pointer, slice, map or interface, or a struct or array holding one. A string or a
// struct of strings passed by value is a copy.
func hasPointers(t types.Type) bool {
	return hasPointersDepth(t, 0)
}

func hasPointersDepth(t types.Type, depth int) bool {
	if depth > 8 {
		return true
	}
	switch u := t.Underlying().(type) {
	case *types.Pointer, *types.Slice, *types.Map, *types.Interface:
		return true
	case *types.Basic:
		return u.Kind() == types.UnsafePointer
	case *types.Struct:
		for i := 0; i < u.NumFields(); i++ {
			if hasPointersDepth(u.Field(i).Type(), depth+1) {
				return true
			}
		}
	case *types.Array:
		return hasPointersDepth(u.Elem(), depth+1)
	}
	return false
}

// varies reports whether term t may differ between iterations of l: it is built from a
// value computed in the body, or it is read through memory the body writes (through
// calls too, when calls is set).
func (l *loop) varies(fn *ssa.Function, t *kvapi.Term, calls bool) bool {
	if t.DependsOn(l.body) || l.yield && hasParam(t) {
		return true
	}
	roots := l.writes.stored
	if calls {
		roots = append(roots[:len(roots):len(roots)], l.writes.called...)
	}
	for _, w := range roots {
		r := w.root
		if _, ok := r.(*ssa.Const); ok {
			continue // a nil pointer: nothing is written through it
		}
		if instr, ok := r.(ssa.Instruction); ok && l.body[instr.Block()] {
			continue // a value of the body: a key built from it varies anyway
		}
		if mentions(t, r, kvapi.TermOf(fn, r), w.field) {
			return true
		}
	}
	return false
}

// mentions reports whether term t is built from the value r (whose term is rt): r as a
// leaf, a sub-term equal to rt (c in c.id or keyOf(c)), or the package variable r.
// When field is not -1, only that field of r changed: reading another field of r
// (r.Key when r.Value was stored) does not count.
func mentions(t *kvapi.Term, r ssa.Value, rt *kvapi.Term, field int) bool {
	if t == nil {
		return false
	}
	if field >= 0 && t.Kind == kvapi.TermField && t.Index != field && len(t.Args) == 1 && isRoot(t.Args[0], r, rt) {
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
func isRoot(t *kvapi.Term, r ssa.Value, rt *kvapi.Term) bool {
	if t.Value() == r || t.Equal(rt) {
		return true
	}
	g, ok := r.(*ssa.Global)
	return ok && t.Kind == kvapi.TermGlobal && g.Pkg != nil && t.Name == g.Pkg.Pkg.Path()+"."+g.Name()
}

// readOnly decides which calls cannot write through what they are handed: calls of
// functions of the package whose bodies store only into their own variables and call
// only such functions (a getter such as c.Name()), KV client calls, and builtins that
// write nothing. Any other call, an imported function or an interface method, may write.
type readOnly struct {
	memo    map[callDepth]bool
	globals map[callDepth][]write
}

const maxReadOnlyDepth = 3

// readOnlyFuncs are imported functions that only read what they are handed: logging a
// request (log.Printf("%v", req)) leaves req.Key as it was.
var readOnlyFuncs = map[string]bool{
	"fmt.Print": true, "fmt.Printf": true, "fmt.Println": true,
	"fmt.Sprint": true, "fmt.Sprintf": true, "fmt.Sprintln": true, "fmt.Errorf": true,
	"log.Print": true, "log.Printf": true, "log.Println": true,
}

// readOnlyPackages are packages whose functions (not methods) compute from their
// arguments without writing through them.
var readOnlyPackages = map[string]bool{"strings": true, "strconv": true}

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
	if fn.Pkg != nil && kvapi.IsClientPackage(fn.Pkg.Pkg.Path()) {
		// A KV client call sends what it is given and changes nothing of the caller's:
		// j.setStatus(s), a wrapper reading its key from j, leaves j as it was.
		return true
	}
	if obj, ok := fn.Object().(*types.Func); ok && obj.Pkg() != nil && fn.Signature.Recv() == nil {
		if path := obj.Pkg().Path(); readOnlyPackages[path] || readOnlyFuncs[path+"."+obj.Name()] {
			return true
		}
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
				if !kvapi.LocalAddr(x.Addr) {
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
func (ro *readOnly) globalWrites(fn *ssa.Function, depth int) []write {
	key := callDepth{fn, depth}
	if ws, ok := ro.globals[key]; ok || depth > maxReadOnlyDepth {
		return ws
	}
	ro.globals[key] = nil // recursion: the cycle's stores are collected once
	var ws []write
	for _, b := range fn.Blocks {
		for _, instr := range b.Instrs {
			switch x := instr.(type) {
			case *ssa.Store:
				if w := storeTarget(x.Addr); isGlobal(w.root) {
					ws = append(ws, w)
				}
			case *ssa.MapUpdate:
				if r := root(x.Map); isGlobal(r) {
					ws = append(ws, write{r, -1})
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
