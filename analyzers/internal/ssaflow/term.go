package ssaflow

import (
	"fmt"
	"go/constant"
	"go/token"
	"go/types"
	"slices"
	"strings"

	"golang.org/x/tools/go/ssa"

	"github.com/storewise/storewise/analyzers/internal/effects"
)

// TermKind says what a Term node stands for.
type TermKind uint8

const (
	// TermValue is an SSA value known only by its identity: it equals itself and nothing
	// else. Terms holding one cannot leave the function (they are never put in facts).
	TermValue TermKind = iota
	// TermConst is a constant; Name holds its kind and exact value.
	TermConst
	// TermParam is parameter Index of the function the term was built in (receiver first).
	TermParam
	// TermGlobal is the value loaded from a package-level variable; Name is pkgpath.name.
	TermGlobal
	// TermCall is a pure function of its Args: an operator ("+"), a pure function
	// (Name is its full name) or a KV binding lookup ("kv.binding").
	TermCall
	// TermField is field Name (number Index) of Args[0].
	TermField
)

// A Term is the canonical shape of a key or namespace: the way it was built from constants,
// parameters and values, after looking through copies and conversions. Two keys are the
// same entry when their terms are equal. Terms are gob-encodable so that wrapper facts can
// carry the key template of a wrapper (with TermParam leaves) to other packages.
type Term struct {
	Kind  TermKind
	Name  string
	Index int
	Args  []*Term

	val ssa.Value // TermValue only; deliberately not encoded
}

// Equal reports whether a and b denote the same value. A nil term is unknown and equals
// nothing, not even itself: unknown must stay silent.
func (a *Term) Equal(b *Term) bool {
	if a == nil || b == nil || a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case TermValue:
		return a.val != nil && a.val == b.val
	case TermConst, TermGlobal:
		return a.Name == b.Name
	case TermParam:
		return a.Index == b.Index
	}
	if a.Name != b.Name || a.Index != b.Index || len(a.Args) != len(b.Args) {
		return false
	}
	for i := range a.Args {
		if !a.Args[i].Equal(b.Args[i]) {
			return false
		}
	}
	return true
}

// Portable reports whether t can be stored in a fact: it mentions no function-local value.
func (t *Term) Portable() bool {
	if t == nil {
		return false
	}
	if t.Kind == TermValue {
		return false
	}
	for _, a := range t.Args {
		if !a.Portable() {
			return false
		}
	}
	return true
}

// size counts the nodes of t.
func (t *Term) size() int {
	if t == nil {
		return 0
	}
	n := 1
	for _, a := range t.Args {
		n += a.size()
	}
	return n
}

// UsesParam reports whether t mentions parameter i (HasParam: any parameter).
func (t *Term) UsesParam(i int) bool {
	if t == nil {
		return false
	}
	if t.Kind == TermParam {
		return t.Index == i
	}
	for _, a := range t.Args {
		if a.UsesParam(i) {
			return true
		}
	}
	return false
}

// Subst replaces the parameters of a wrapper's template by the terms of the call's
// arguments. It returns nil when an argument is unknown.
func (t *Term) Subst(args []*Term) *Term {
	if t == nil {
		return nil
	}
	switch t.Kind {
	case TermParam:
		if t.Index < 0 || t.Index >= len(args) {
			return nil
		}
		return args[t.Index]
	case TermCall, TermField:
		n := &Term{Kind: t.Kind, Name: t.Name, Index: t.Index, Args: make([]*Term, len(t.Args))}
		for i, a := range t.Args {
			if n.Args[i] = a.Subst(args); n.Args[i] == nil {
				return nil
			}
		}
		return n
	}
	return t
}

func (t *Term) String() string {
	if t == nil {
		return "?"
	}
	switch t.Kind {
	case TermValue:
		if t.val != nil {
			return t.val.Name()
		}
		return "v"
	case TermConst:
		_, v, _ := strings.Cut(t.Name, ":")
		return v
	case TermParam:
		return fmt.Sprintf("$%d", t.Index)
	case TermGlobal:
		return t.Name
	case TermField:
		return t.Args[0].String() + "." + t.Name
	}
	args := make([]string, len(t.Args))
	for i, a := range t.Args {
		args[i] = a.String()
	}
	if t.Name == "+" {
		return strings.Join(args, "+")
	}
	name := t.Name
	if i := strings.LastIndex(name, "/"); i >= 0 {
		name = name[i+1:]
	}
	return name + "(" + strings.Join(args, ",") + ")"
}

// termBuilder turns SSA values into terms for one function.
type termBuilder struct {
	fn   *ssa.Function
	pure *Purity
	know Knowledge
}

const maxTermDepth = 12

func (b *termBuilder) term(v ssa.Value) *Term { return b.termDepth(v, 0) }

func (b *termBuilder) termDepth(v ssa.Value, depth int) *Term {
	if v == nil {
		return nil
	}
	v = Unwrap(v)
	leaf := &Term{Kind: TermValue, val: v}
	if depth > maxTermDepth {
		return leaf
	}
	switch v := v.(type) {
	case *ssa.Alloc:
		// A struct parameter or variable spilled to memory and only read afterwards
		// (e.NS where e is a parameter) is the value stored into it.
		if stored := singleValue(v, b.know); stored != nil {
			return b.termDepth(stored, depth+1)
		}
	case *ssa.Const:
		if v.Value == nil {
			return &Term{Kind: TermConst, Name: "nil:" + v.Type().String()}
		}
		return &Term{Kind: TermConst, Name: constKind(v.Value) + ":" + v.Value.ExactString()}
	case *ssa.Parameter:
		for i, p := range b.fn.Params {
			if p == v {
				return &Term{Kind: TermParam, Index: i}
			}
		}
	case *ssa.UnOp:
		if v.Op != token.MUL {
			break
		}
		switch addr := Unwrap(v.X).(type) {
		case *ssa.Global:
			return &Term{Kind: TermGlobal, Name: addr.Pkg.Pkg.Path() + "." + addr.Name()}
		case *ssa.FieldAddr:
			return b.field(addr.X, addr.Field, depth)
		case *ssa.FreeVar, *ssa.Alloc:
			// A struct parameter spilled to memory (s.key(id) and s.ns in one function:
			// each use loads s again) is the value stored into it, when that is its only
			// store.
			if a, ok := addr.(*ssa.Alloc); ok {
				if stored := singleValue(a, b.know); stored != nil {
					return b.termDepth(stored, depth+1)
				}
			}
			// A variable captured by a closure lives in memory and is loaded at each use;
			// loads of a variable assigned once are the same value.
			if assignedOnce(b.fn, addr, b.know) {
				return &Term{Kind: TermCall, Name: "load", Args: []*Term{{Kind: TermValue, val: addr}}}
			}
		}
	case *ssa.Field:
		return b.field(v.X, v.Field, depth)
	case *ssa.Slice:
		// A slice literal ([]string{a, b} for strings.Join) is its elements, when each
		// is stored once and never changed.
		if elems, ok := SliceLiteral(v); ok && v.Low == nil && v.High == nil {
			t := &Term{Kind: TermCall, Name: "[]", Args: make([]*Term, len(elems))}
			for i, e := range elems {
				t.Args[i] = b.termDepth(e, depth+1)
			}
			return t
		}
	case *ssa.BinOp:
		if v.Op == token.ADD && IsString(v.Type()) {
			var args []*Term
			for _, x := range []ssa.Value{v.X, v.Y} {
				t := b.termDepth(x, depth+1)
				if t.Kind == TermCall && t.Name == "+" {
					args = append(args, t.Args...) // a+(b+c) and (a+b)+c build the same key
				} else {
					args = append(args, t)
				}
			}
			return &Term{Kind: TermCall, Name: "+", Args: args}
		}
	case *ssa.Extract:
		if call, ok := v.Tuple.(*ssa.Call); ok {
			if t := b.call(call, depth); t != nil {
				t.Index = v.Index
				return t
			}
		}
	case *ssa.Call:
		if t := b.call(v, depth); t != nil {
			return t
		}
	}
	return leaf
}

func (b *termBuilder) field(x ssa.Value, index int, depth int) *Term {
	st, ok := Deref(x.Type()).Underlying().(*types.Struct)
	if !ok || index >= st.NumFields() {
		return nil
	}
	return &Term{Kind: TermField, Name: st.Field(index).Name(), Index: index, Args: []*Term{b.termDepth(x, depth+1)}}
}

// call returns the term of a call of a pure function, or nil.
func (b *termBuilder) call(call *ssa.Call, depth int) *Term {
	common := call.Common()
	callee := common.StaticCallee()
	if callee == nil || common.IsInvoke() {
		return nil
	}
	if obj, _ := callee.Object().(*types.Func); obj != nil && b.know != nil {
		if t, known := b.know.CallTerm(obj, common.Args, func(v ssa.Value) *Term { return b.termDepth(v, depth+1) }); known {
			return t
		}
	}
	if !b.pure.isPure(callee) {
		return nil
	}
	args := expandArgs(common)
	t := &Term{Kind: TermCall, Name: callee.String(), Args: make([]*Term, len(args))}
	for i, a := range args {
		t.Args[i] = b.termDepth(a, depth+1)
	}
	// The package variables the callee reads are part of the key it builds: poolKey()
	// reading prefix is the same key at two calls only while prefix keeps its value, and
	// KeyMemoryChanged and kvhotkey's loops see a write to prefix through these leaves.
	for _, g := range b.pure.globals[callee] {
		t.Args = append(t.Args, &Term{Kind: TermGlobal, Name: g})
	}
	return t
}

// expandArgs returns the arguments of a call with a variadic slice built in place
// (fmt.Sprintf("%s:%s", a, b)) spread out, so that two such calls compare element-wise.
func expandArgs(common *ssa.CallCommon) []ssa.Value {
	args := common.Args
	sig := common.Signature()
	if !sig.Variadic() || len(args) == 0 {
		return args
	}
	last := args[len(args)-1]
	elems, ok := SliceLiteral(last)
	if !ok {
		return args
	}
	return append(append([]ssa.Value(nil), args[:len(args)-1]...), elems...)
}

// Unwrap looks through copies that do not change a value: conversions, interface
// boxing, and phi nodes whose incoming values are all the same.
func Unwrap(v ssa.Value) ssa.Value {
	for i := 0; i < 16; i++ {
		switch x := v.(type) {
		case *ssa.ChangeType:
			v = x.X
		case *ssa.Convert:
			v = x.X
		case *ssa.MakeInterface:
			v = x.X
		case *ssa.Phi:
			var same ssa.Value
			for _, e := range x.Edges {
				if e == x {
					continue
				}
				if same != nil && same != e {
					return v
				}
				same = e
			}
			if same == nil {
				return v
			}
			v = same
		default:
			return v
		}
	}
	return v
}

func constKind(v constant.Value) string {
	switch v.Kind() {
	case constant.String:
		return "s"
	case constant.Bool:
		return "b"
	}
	return "n"
}

// Purity decides which callees build keys without side effects, so that two calls with
// equal arguments return the same key. Its zero value is ready; share one per package
// (it remembers what it decided).
type Purity struct {
	memo map[*ssa.Function]bool
	// globals holds, for a pure function, the package variables (pkgpath.name) it reads,
	// itself or through the pure functions it calls, in a fixed order.
	globals map[*ssa.Function][]string
}

func (p *Purity) isPure(fn *ssa.Function) bool {
	if p.memo == nil {
		p.memo = map[*ssa.Function]bool{}
	}
	if v, ok := p.memo[fn]; ok {
		return v
	}
	p.memo[fn] = false // recursion is not pure enough to reason about
	v, globals := p.compute(fn)
	p.memo[fn] = v
	if v && len(globals) > 0 {
		if p.globals == nil {
			p.globals = map[*ssa.Function][]string{}
		}
		slices.Sort(globals)
		p.globals[fn] = slices.Compact(globals)
	}
	return v
}

// compute decides whether fn is pure and returns the package variables it reads. A
// function without parameters may read package variables (a key helper reading the
// package's configuration: func poolKey() string { return prefix + ":pool" }); any
// function may read a field of a package variable of struct type (cfg.Prefix). Either
// way the variables read become leaves of the key's term.
func (p *Purity) compute(fn *ssa.Function) (bool, []string) {
	if fn.Parent() != nil {
		return false, nil
	}
	if effects.OfSSA(fn)&effects.BuildsKey != 0 {
		return true, nil
	}
	if fn.Origin() != nil {
		fn = fn.Origin()
	}
	if len(fn.Blocks) == 0 || fn.Signature.Results().Len() == 0 {
		return false, nil // no body (imported) or no result: not a key builder we understand
	}
	noParams := len(fn.Params) == 0 && len(fn.FreeVars) == 0
	var globals []string
	// A function of the package under analysis is pure when it has no effect beyond its
	// result: no stores outside its own allocations, no channel, no goroutine, and only
	// pure callees. Methods too (func (s *Store) key(id string) string): reading through a
	// pointer is allowed as for any parameter, and kvhotkey checks that a loop does not
	// change the memory a key is read from (for c.Next() { put(c.Current()) }).
	for _, bb := range fn.Blocks {
		for _, instr := range bb.Instrs {
			switch instr := instr.(type) {
			case *ssa.Store:
				if !LocalAddr(instr.Addr) {
					return false, nil
				}
			case *ssa.Go, *ssa.Defer, *ssa.Send, *ssa.Select, *ssa.MapUpdate, *ssa.Panic:
				return false, nil
			case *ssa.UnOp:
				if instr.Op == token.ARROW {
					return false, nil
				}
				if instr.Op != token.MUL {
					continue
				}
				if g, ok := instr.X.(*ssa.Global); ok {
					if !noParams {
						return false, nil // reads mutable state
					}
					globals = append(globals, globalName(g))
				} else if g, ok := writeRoot(instr.X).(*ssa.Global); ok {
					globals = append(globals, globalName(g))
				}
			case *ssa.Call:
				c := instr.Common()
				if c.IsInvoke() {
					return false, nil
				}
				if _, ok := c.Value.(*ssa.Builtin); ok {
					continue
				}
				callee := c.StaticCallee()
				if callee == nil || !p.isPure(callee) {
					return false, nil
				}
				globals = append(globals, p.globals[callee]...)
			}
		}
	}
	return true, globals
}

func globalName(g *ssa.Global) string { return g.Pkg.Pkg.Path() + "." + g.Name() }

// LocalAddr reports whether an address points into memory the function allocated (a
// local variable, a varargs array, a field or element of one): storing there hands
// nothing to the caller by itself.
func LocalAddr(v ssa.Value) bool {
	for i := 0; i < 16; i++ {
		switch x := v.(type) {
		case *ssa.Alloc:
			return true
		case *ssa.FieldAddr:
			v = x.X
		case *ssa.IndexAddr:
			v = x.X
		default:
			return false
		}
	}
	return false
}

// assignedOnce reports whether the variable at addr is stored at most once in fn (for a
// captured variable, never in the closure), so that every load sees one value.
func assignedOnce(fn *ssa.Function, addr ssa.Value, know Knowledge) bool {
	stores := 0
	for _, ref := range *addr.Referrers() {
		switch r := ref.(type) {
		case *ssa.Store:
			if r.Addr == addr {
				stores++
			}
		case *ssa.UnOp:
		case *ssa.MakeClosure:
			if !readOnlyClosure(r, know) {
				return false // captured by a closure that may change it
			}
		default:
			return false // address escapes (passed, captured again): it may change anywhere
		}
	}
	if _, ok := addr.(*ssa.FreeVar); ok {
		return stores == 0
	}
	return stores <= 1
}

// singleValue returns the value a local variable holds when it is stored once, as a
// whole, and then only read (directly or field by field); nil otherwise.
func singleValue(alloc *ssa.Alloc, know Knowledge) ssa.Value {
	var stored ssa.Value
	for _, ref := range *alloc.Referrers() {
		switch r := ref.(type) {
		case *ssa.Store:
			if r.Addr != alloc || stored != nil {
				return nil
			}
			stored = r.Val
		case *ssa.UnOp:
			if r.Op != token.MUL {
				return nil
			}
		case *ssa.FieldAddr:
			for _, fr := range *r.Referrers() {
				if u, ok := fr.(*ssa.UnOp); !ok || u.Op != token.MUL {
					return nil
				}
			}
		case *ssa.MakeClosure:
			// A parameter captured by a closure is spilled to memory: one that only
			// reads it leaves it the value stored.
			if !readOnlyClosure(r, know) {
				return nil
			}
		default:
			return nil
		}
	}
	return stored
}
