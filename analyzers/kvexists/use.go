package kvexists

import (
	"golang.org/x/tools/go/ssa"

	"github.com/storewise/storewise/analyzers/internal/effects"
	"github.com/storewise/storewise/analyzers/internal/ssaflow"
	"github.com/storewise/storewise/analyzers/kvapi"
)

// usesReadValue reports whether, away from the missing side of branch b, the function
// uses the value it read (taint: the values derived from it): returns it, or passes it
// to a call (writes it to a response, decodes it), stores it into the caller's memory,
// puts it into a map or sends it on a channel. That is the found side of cache-aside. A
// value only mentioned does not count: wrapped into an error, logged, or put into an
// error response (see logs and errorResponse): rejecting a taken name, or a lock held by
// someone else, is not using the value.
func usesReadValue(f *kvapi.FuncOps, br *kvapi.Outcome, missing int, get *kvapi.Op, taint ssaflow.Tainted) bool {
	b := br.Block
	if taint == nil {
		return false
	}
	u := &user{f: f, get: get, worker: f.Fn.Pkg != nil && kvapi.IsWorkerPackage(f.Fn.Pkg.Pkg)}
	for _, x := range f.Fn.Blocks {
		if br.Side(x) == missing || !(x == b || f.Flow().Reaches(b.Instrs[len(b.Instrs)-1], firstInstr(x))) {
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
	worker   bool               // the package is Worker code: its standard output is the console log
	visiting map[ssa.Value]bool // the containers containerHandedOn is deciding

	statuses []*ssa.Call // the calls that write an error status, once computed
	scanned  bool
}

// maxContainers bounds how many local containers deep handsOn follows a value (a map of
// maps): past it, a container is taken to be handed on.
const maxContainers = 3

// handsOn reports whether instr hands on a value in taint: returns it, stores it into
// the caller's memory, sends it, puts it into a map that leaves the function, or passes
// it to a call.
func (u *user) handsOn(instr ssa.Instruction, taint ssaflow.Tainted, depth int) bool {
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
		if taint.Has(instr.Val) && !ssaflow.LocalAddr(instr.Addr) {
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
		if fn := instr.Call.StaticCallee(); buildsError(fn) || transforms(fn) || logs(&instr.Call, u.worker) {
			return false
		}
		if u.errorResponse(instr) {
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
				// copy(buf, v) fills buf: it counts if buf leaves the function.
				if len(instr.Call.Args) == 2 && taint.Has(instr.Call.Args[1]) {
					return u.containerHandedOn(instr.Call.Args[0], depth)
				}
				return false
			case "print", "println":
				return false // a message, like logging it (panic(v) is an *ssa.Panic, not a use)
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

// containerHandedOn reports whether the container c (a map, the slice an append
// returns, the slice copy fills) leaves the function: it is a map or slice not made
// here (a parameter, a field, a global), or it is itself handed on somewhere in the
// function (returned after the loop that fills it, stored, passed to a call).
func (u *user) containerHandedOn(c ssa.Value, depth int) bool {
	c = ssaflow.Unwrap(c)
	switch c := c.(type) {
	case *ssa.MakeMap, *ssa.MakeSlice:
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

func isError(v ssa.Value) bool { return ssaflow.IsError(v.Type()) }

// buildsError reports whether fn only wraps its arguments into an error (fmt.Errorf,
// errors.New): putting the value read into an error message is not using it.
func buildsError(fn *ssa.Function) bool { return effects.OfSSA(fn)&effects.BuildsError != 0 }

// transforms reports whether fn only computes its result from its arguments
// (fmt.Sprintf, strings.Join, strconv.Quote): passing the value to it hands nothing on
// by itself, and its result is followed as a value derived from the read.
func transforms(fn *ssa.Function) bool { return effects.OfSSA(fn)&effects.Pure != 0 }

// logs reports whether the call only mentions its arguments in a log or on the
// console: functions and methods of log, log/slog and the common logging packages,
// fmt.Fprint* to os.Stderr, and in Worker code (worker), where standard output is the
// console log, fmt.Print* and fmt.Fprint* to os.Stdout. Elsewhere standard output is
// the program's output: a command that prints the value it read serves it. A lock that
// logs its holder before rejecting does not use the value; writing it to any other
// writer (a response) does.
func logs(c *ssa.CallCommon, worker bool) bool {
	e := effects.OfSSA(c.StaticCallee())
	switch {
	case e&effects.Logs != 0:
		return true
	case e&effects.PrintsStdout != 0:
		return worker
	case e&effects.PrintsTo != 0 && len(c.Args) > 0:
		switch effects.StdStream(ssaflow.Unwrap(c.Args[0])) {
		case effects.Stderr:
			return true
		case effects.Stdout:
			return worker
		}
	}
	return false
}

// errorResponse reports whether call is part of an error response: it is one that
// writes an error status (http.Error(w, "locked by "+v, 409), c.String(409, ...)), or a
// call that writes an error status runs before it on every path (w.WriteHeader(409),
// then fmt.Fprintf(w, "locked by %s", v)). Putting the value read into an error response
// rejects the request, like putting it into an error; serving it with a success status
// uses it.
func (u *user) errorResponse(call *ssa.Call) bool {
	if writesErrorStatus(&call.Call) {
		return true
	}
	if !u.scanned {
		u.scanned = true
		for _, b := range u.f.Fn.Blocks {
			for _, instr := range b.Instrs {
				if c, ok := instr.(*ssa.Call); ok && writesErrorStatus(&c.Call) {
					u.statuses = append(u.statuses, c)
				}
			}
		}
	}
	for _, s := range u.statuses {
		if u.f.Flow().Dominates(s, call) {
			return true
		}
	}
	return false
}

// writesErrorStatus reports whether the call writes an HTTP error status.
func writesErrorStatus(c *ssa.CallCommon) bool { return effects.AnswersHTTPErrorCall(c) }
