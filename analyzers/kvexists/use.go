package kvexists

import (
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/storewise/storewise/analyzers/kvapi"
)

// usesReadValue reports whether, away from the missing side of branch b, the function
// uses the value it read (taint: the values derived from it): returns it, or passes it
// to a call (writes it to a response, decodes it), stores it into the caller's memory,
// puts it into a map or sends it on a channel. That is the found side of cache-aside. A
// value only wrapped into an error does not count: rejecting a taken name is not using
// the value.
func usesReadValue(f *kvapi.FuncOps, b *ssa.BasicBlock, missing int, get *kvapi.Op, taint kvapi.Tainted) bool {
	if taint == nil {
		return false
	}
	u := &user{f: f, get: get}
	for _, x := range f.Fn.Blocks {
		if kvapi.Side(b, x) == missing || !(x == b || f.Flow().Reaches(b.Instrs[len(b.Instrs)-1], firstInstr(x))) {
			continue
		}
		for _, instr := range x.Instrs {
			if u.handsOn(instr, taint, 0) {
				return true
			}
		}
	}
	return false
}

// user decides which instructions hand a value on.
type user struct {
	f        *kvapi.FuncOps
	get      *kvapi.Op
	visiting map[ssa.Value]bool // the containers containerHandedOn is deciding
}

// maxContainers bounds how many local containers deep handsOn follows a value (a map of
// maps): past it, a container is taken to be handed on.
const maxContainers = 3

var errType = types.Universe.Lookup("error").Type()

// handsOn reports whether instr hands on a value in taint: returns it, stores it into
// the caller's memory, sends it, puts it into a map that leaves the function, or passes
// it to a call.
func (u *user) handsOn(instr ssa.Instruction, taint kvapi.Tainted, depth int) bool {
	switch instr := instr.(type) {
	case *ssa.Return:
		for _, r := range instr.Results {
			if taint.Has(r) && !isError(r) {
				return true
			}
		}
	case *ssa.Store:
		// Storing the value into the caller's memory (an out parameter, a struct
		// field of a receiver) hands it on, like returning it.
		if taint.Has(instr.Val) && !kvapi.LocalAddr(instr.Addr) {
			return true
		}
	case *ssa.Send:
		// A channel is there to hand values to another goroutine.
		if taint.Has(instr.X) && !isError(instr.X) {
			return true
		}
	case *ssa.MapUpdate:
		// out[id] = v fills a result; a map made here counts only if it leaves the
		// function (taken[name] = v, then only an error built from taken, rejects).
		if (taint.Has(instr.Value) && !isError(instr.Value)) || taint.Has(instr.Key) {
			return u.containerHandedOn(instr.Map, depth)
		}
	case *ssa.Call:
		if instr == u.get.Call {
			return false
		}
		if fn := instr.Call.StaticCallee(); buildsError(fn) || transforms(fn) {
			return false
		}
		if bi, ok := instr.Call.Value.(*ssa.Builtin); ok {
			switch bi.Name() {
			case "append":
				// res = append(res, v) fills a result, like a map made here: it counts
				// if the slice leaves the function.
				for _, a := range instr.Call.Args {
					if taint.Has(a) {
						return u.containerHandedOn(instr, depth)
					}
				}
				return false
			case "copy":
			default:
				// len(v), min(a, b), delete(m, v): the result, if any, is followed as
				// a value derived from the read.
				return false
			}
		}
		for _, a := range instr.Call.Args {
			if taint.Has(a) {
				return true
			}
		}
	}
	return false
}

// containerHandedOn reports whether the container c (a map, or the slice an append
// returns) leaves the function: it is a map not made here (a parameter, a field, a
// global), or it is itself handed on somewhere in the function (returned after the
// loop that fills it, stored, passed to a call).
func (u *user) containerHandedOn(c ssa.Value, depth int) bool {
	c = kvapi.Unwrap(c)
	switch c := c.(type) {
	case *ssa.MakeMap:
	case *ssa.Call:
		if _, ok := c.Call.Value.(*ssa.Builtin); !ok {
			return true
		}
	default:
		return true
	}
	if u.visiting[c] {
		return false // res = append(res, x) in a loop: decided by the other uses of res
	}
	if depth >= maxContainers {
		return true
	}
	if u.visiting == nil {
		u.visiting = map[ssa.Value]bool{}
	}
	u.visiting[c] = true
	defer delete(u.visiting, c)
	t := u.f.Flow().Taint(c)
	for _, b := range u.f.Fn.Blocks {
		for _, instr := range b.Instrs {
			if u.handsOn(instr, t, depth+1) {
				return true
			}
		}
	}
	return false
}

func isError(v ssa.Value) bool { return types.Identical(v.Type(), errType) }

// buildsError reports whether fn only wraps its arguments into an error (fmt.Errorf,
// errors.New): putting the value read into an error message is not using it.
func buildsError(fn *ssa.Function) bool {
	if fn == nil || fn.Pkg == nil {
		return false
	}
	switch fn.Pkg.Pkg.Path() + "." + fn.Name() {
	case "fmt.Errorf", "errors.New", "errors.Join", "github.com/pkg/errors.New",
		"github.com/pkg/errors.Errorf", "github.com/pkg/errors.Wrap", "github.com/pkg/errors.Wrapf":
		return true
	}
	return false
}

// transforms reports whether fn only computes its result from its arguments
// (fmt.Sprintf, strings.Join, strconv.Quote): passing the value to it hands nothing on
// by itself, and its result is followed as a value derived from the read.
func transforms(fn *ssa.Function) bool {
	if fn == nil || fn.Pkg == nil || fn.Signature.Recv() != nil {
		return false
	}
	switch fn.Pkg.Pkg.Path() {
	case "strings", "strconv":
		return true
	case "fmt":
		switch fn.Name() {
		case "Sprint", "Sprintf", "Sprintln":
			return true
		}
	}
	return false
}
