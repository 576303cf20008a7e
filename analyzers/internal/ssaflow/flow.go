package ssaflow

import (
	"go/token"
	"slices"
	"sync"

	"golang.org/x/tools/go/ssa"

	"github.com/storewise/storewise/analyzers/internal/effects"
)

// Tainted is the set of values that depend on some seed values through data flow.
type Tainted map[ssa.Value]bool

// Has reports whether v (or what it unwraps to) is tainted.
func (t Tainted) Has(v ssa.Value) bool {
	if v == nil {
		return false
	}
	return t[v] || t[Unwrap(v)]
}

// Taint follows def-use chains from the seeds within f's function: through arithmetic,
// conversions, concatenation, append, field and element access, calls (strconv.Atoi,
// json.Marshal), values stored into local variables or structs and loaded back, and
// pointers passed to calls that fill them (json.Unmarshal(data, &v)). A comparison stops
// the flow: a value only compared decides a branch, it does not flow into what is
// written. Memory is followed flow-sensitively: a load sees a tainted store only if it
// can run after it, so a value cached into a struct on one branch does not taint what
// the other branch stores there, and only if no store of a whole new value to the same
// variable runs on every path in between (see overwritten), so a struct decoded from the
// read and then replaced (p = next) does not taint what is written.
func (f *Flow) Taint(seeds ...ssa.Value) Tainted {
	t := Tainted{}
	// sites holds, for a tainted address, the instructions that put the taint in memory;
	// nil for values tainted as values.
	sites := map[ssa.Value][]ssa.Instruction{}
	// siteSet is sites as sets, so that adding a store already known costs a lookup:
	// a function storing into one variable many times would otherwise be quadratic in
	// the stores for every address derived from it.
	siteSet := map[ssa.Value]map[ssa.Instruction]bool{}
	// sent is how many of an address's sites its field and element addresses were given
	// when it was last looked at: they get their sites from it alone, so a second look
	// hands on only the new ones.
	sent := map[ssa.Value]int{}
	var work []ssa.Value
	add := func(v ssa.Value, site []ssa.Instruction) {
		if v == nil {
			return
		}
		if t[v] {
			if site == nil || sites[v] == nil {
				return
			}
			// A new tainting store: the loads of v already looked at must be looked at
			// again, since they may run after it (or the store they were found
			// overwritten by may be this one).
			grown := false
			for _, s := range site {
				if !siteSet[v][s] {
					siteSet[v][s] = true
					sites[v] = append(sites[v], s)
					grown = true
				}
			}
			if grown {
				work = append(work, v)
			}
			return
		}
		t[v] = true
		if site != nil {
			sites[v] = slices.Clone(site) // not shared: each address grows its own list
			siteSet[v] = map[ssa.Instruction]bool{}
			for _, s := range site {
				siteSet[v][s] = true
			}
		}
		work = append(work, v)
	}
	for _, s := range seeds {
		add(s, nil)
	}
	for len(work) > 0 {
		v := work[len(work)-1]
		work = work[:len(work)-1]
		refs := v.Referrers()
		if refs == nil {
			continue
		}
		handed := len(sites[v])
		for _, ref := range *refs {
			switch ref := ref.(type) {
			case *ssa.Store:
				if ref.Val == v {
					add(memRoot(ref.Addr), []ssa.Instruction{ref})
				}
			case *ssa.MapUpdate:
				if ref.Value == v || ref.Key == v {
					add(memRoot(ref.Map), []ssa.Instruction{ref})
				}
			case *ssa.BinOp:
				if !IsComparison(ref.Op) {
					add(ref, nil)
				}
			case *ssa.Call:
				add(ref, nil)
				// Only local variables count: tainting a shared context or writer would
				// make every later call look dependent on the read.
				for _, a := range ref.Call.Args {
					if a == v || !isPointerLike(a.Type()) {
						continue
					}
					if root, ok := memRoot(a).(*ssa.Alloc); ok {
						add(root, []ssa.Instruction{ref})
					}
				}
				// fmt's scanning functions parse their input into the variables whose
				// addresses are passed in the variadic arguments: fmt.Sscanf(v, "%d", &n).
				// Only for these: a printing call's pointer arguments are not filled.
				if isScan(ref.Call.StaticCallee()) && len(ref.Call.Args) > 0 && ref.Call.Args[0] == v {
					elems, _ := SliceLiteral(ref.Call.Args[len(ref.Call.Args)-1])
					for _, e := range elems {
						if root, ok := memRoot(Unwrap(e)).(*ssa.Alloc); ok {
							add(root, []ssa.Instruction{ref})
						}
					}
				}
			case *ssa.UnOp:
				if t[ref] {
					continue // already tainted: nothing to decide again
				}
				if ref.Op == token.MUL && sites[v] != nil && !f.seesTaint(sites[v], ref, sites) {
					continue // the load runs before (or beside) every tainting store, or after it is overwritten
				}
				add(ref, nil)
			case *ssa.FieldAddr, *ssa.IndexAddr:
				var site []ssa.Instruction
				if sites[v] != nil {
					site = sites[v][sent[v]:]
				}
				add(ref.(ssa.Value), site)
			case ssa.Value:
				add(ref, nil)
			}
		}
		sent[v] = handed
	}
	return t
}

// seesTaint reports whether load can see what one of the tainting stores (or filling
// calls) in sites put in memory: it runs after the store, and the store's value is not
// certainly overwritten by then. all holds the tainting stores of every address.
func (f *Flow) seesTaint(sites []ssa.Instruction, load *ssa.UnOp, all map[ssa.Value][]ssa.Instruction) bool {
	for _, s := range sites {
		if f.Reaches(s, load) && !f.overwritten(s, load, all) {
			return true
		}
	}
	return false
}

// overwritten reports whether what site put into a local variable is gone when load
// reads the variable (or a part of it): a store of a whole value to the variable itself
// (p = next; not p.Name = x, which leaves the other fields) runs after site and before
// load on every path between them, because it dominates load and site reaches it. The
// store must not be tainting itself (all holds those stores): then the load sees it.
// Only a local variable (an Alloc) is certain: through any other address another
// alias can hold the old value.
func (f *Flow) overwritten(site ssa.Instruction, load *ssa.UnOp, all map[ssa.Value][]ssa.Instruction) bool {
	root, ok := memRoot(load.X).(*ssa.Alloc)
	if !ok {
		return false
	}
	for _, ref := range *root.Referrers() {
		st, ok := ref.(*ssa.Store)
		if !ok || st.Addr != root || st == site || slices.Contains(all[root], ssa.Instruction(st)) {
			continue
		}
		if f.Reaches(site, st) && f.Dominates(st, load) {
			return true
		}
	}
	return false
}

// Dominates reports whether instruction a runs before b on every path to b.
func (f *Flow) Dominates(a, b ssa.Instruction) bool {
	ab, bb := a.Block(), b.Block()
	if ab == nil || bb == nil {
		return false
	}
	if ab == bb {
		return f.index[a] < f.index[b]
	}
	return ab.Dominates(bb)
}

// isScan reports whether fn is one of fmt's scanning functions (Sscanf, Fscan, ...),
// whose first argument is the input and whose variadic pointers receive what is parsed.
func isScan(fn *ssa.Function) bool { return effects.OfSSA(fn)&effects.Scans != 0 }

// memRoot returns the variable an address points into (the Alloc of &x.f[i]), or the
// address itself.
func memRoot(v ssa.Value) ssa.Value {
	for i := 0; i < 16; i++ {
		switch v.(type) {
		case *ssa.FieldAddr, *ssa.IndexAddr, *ssa.MakeInterface, *ssa.Slice:
			v = addrBase(v)
			continue
		case *ssa.Global:
			return nil // package state is shared; do not let taint leak through it
		}
		return v
	}
	return v
}

// addrBase is what an address or reference v is one step derived from: the struct of
// &x.f, the array or slice of &x[i] and x[i:j], the value boxed in an interface or
// converted; nil for anything else.
func addrBase(v ssa.Value) ssa.Value {
	switch x := v.(type) {
	case *ssa.FieldAddr:
		return x.X
	case *ssa.IndexAddr:
		return x.X
	case *ssa.Slice:
		return x.X
	case *ssa.MakeInterface:
		return x.X
	case *ssa.ChangeType:
		return x.X
	case *ssa.Convert:
		return x.X
	}
	return nil
}

// Flow answers control-flow questions on one function: forward reachability and the
// branch side a block lies on.
type Flow struct {
	fn    *ssa.Function
	index map[ssa.Instruction]int // read-only once built

	mu    sync.Mutex // the passes share a Flow and fill reach as they ask
	reach map[*ssa.BasicBlock]map[*ssa.BasicBlock]bool
}

// NewFlow returns the flow helpers of fn. Build it once per function: it indexes every
// instruction, and caches the blocks reached from each block it is asked about.
func NewFlow(fn *ssa.Function) *Flow {
	f := &Flow{fn: fn, index: map[ssa.Instruction]int{}, reach: map[*ssa.BasicBlock]map[*ssa.BasicBlock]bool{}}
	for _, b := range fn.Blocks {
		for i, instr := range b.Instrs {
			f.index[instr] = i
		}
	}
	return f
}

// NoBackEdge reports whether the edge from→to does not close a loop (to does not
// dominate from): the edges Flow.Reaches follows.
func NoBackEdge(from, to *ssa.BasicBlock) bool { return !to.Dominates(from) }

// Walk returns the blocks reached from starts through at least one edge, taking only the
// edges follow allows (every edge when follow is nil). It is the one graph walk of the
// analyzers: forward reachability without back edges (Flow.Forward), reachability with
// loops (Reachable), the blocks after a memory write (Memory.ChangedAfter).
func Walk(starts []*ssa.BasicBlock, follow func(from, to *ssa.BasicBlock) bool) map[*ssa.BasicBlock]bool {
	r := map[*ssa.BasicBlock]bool{}
	stack := slices.Clone(starts)
	for len(stack) > 0 {
		x := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, s := range x.Succs {
			if r[s] || follow != nil && !follow(x, s) {
				continue
			}
			r[s] = true
			stack = append(stack, s)
		}
	}
	return r
}

// Reachable returns the blocks reachable from b through at least one edge, loop back
// edges included.
func Reachable(b *ssa.BasicBlock) map[*ssa.BasicBlock]bool { return Walk([]*ssa.BasicBlock{b}, nil) }

// Forward returns the blocks reachable from b without taking a loop's back edge: a later
// iteration of a loop usually works on another key (the loop variable is one SSA value
// for every iteration), so paths around loops are not followed.
// The map is shared: callers must not change it.
func (f *Flow) Forward(b *ssa.BasicBlock) map[*ssa.BasicBlock]bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r, ok := f.reach[b]; ok {
		return r
	}
	r := Walk([]*ssa.BasicBlock{b}, NoBackEdge)
	f.reach[b] = r
	return r
}

// Index is the position of instr in its block.
func (f *Flow) Index(instr ssa.Instruction) int { return f.index[instr] }

// Reaches reports whether instruction to can execute after from in one pass through the
// function body (loop back edges excluded).
func (f *Flow) Reaches(from, to ssa.Instruction) bool {
	fb, tb := from.Block(), to.Block()
	if fb == nil || tb == nil || fb.Parent() != tb.Parent() {
		return false
	}
	if fb == tb && f.index[from] < f.index[to] {
		return true
	}
	return f.Forward(fb)[tb]
}
