package kvhotkey

import (
	"go/ast"
	"go/build"
	"go/token"
	"go/types"
	"path/filepath"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/storewise/storewise/analyzers/internal/effects"
	"github.com/storewise/storewise/analyzers/internal/ssaflow"
	"github.com/storewise/storewise/analyzers/kvapi"
)

// Pacing. A loop that waits for something each time round (a ticker, a queue, a sleep,
// a rate limiter) writes at a rate kvlint cannot see: a heartbeat a minute is fine, so
// such a loop stays silent. Two writes of one key with a wait between them are the same
// case (a status written "queued", then "polling" after each sleep).
//
// A wait is a channel receive, a select without a default (one with a default never
// blocks: select { case <-ctx.Done(): return; default: } only checks), time.Sleep, a
// golang.org/x/time/rate limiter's Wait, a method named like a limiter's (pacingMethods)
// when kvlint cannot see its code (called through an interface, or defined in another
// module), or a call of a function of the module that waits (WaitFact).
//
// A wait counts in the common case only: one on the failure side of an error test
// (if err != nil { time.Sleep(backoff); continue }) runs when something failed, and the
// iterations that succeed write back to back. This is how kvhotkey already judges how
// often a put runs (loop.every): failures are not the common case. A wait under any other
// condition (if i > 0 { time.Sleep(d) }, a filter) paces the loop at a rate kvhotkey
// cannot judge, so it counts.

// WaitFact is exported for a function that waits (as defined above) in the common case:
// directly, or by calling a function of the same module that does. A loop of another
// package that calls it each time round is paced: for { pace.Pause(); put() }.
type WaitFact struct{}

func (*WaitFact) AFact()         {}
func (*WaitFact) String() string { return "waits" }

// pacer answers whether an instruction or a call waits, for one package.
type pacer struct {
	pass  *analysis.Pass
	local map[*types.Func]bool   // the declared functions of the package that wait
	anon  map[*ssa.Function]bool // closures seen so far (false while being scanned)
}

// newPacer summarises which functions of the package wait, exports WaitFact for them,
// and returns the pacer that the checks use.
func newPacer(pass *analysis.Pass) *pacer {
	p := &pacer{pass: pass, local: map[*types.Func]bool{}, anon: map[*ssa.Function]bool{}}
	if kvapi.IsClientPackage(pass.Pkg.Path()) {
		return p // the clients wait for the network; calling them is not pacing
	}
	// The fact is trusted only within a module (sameModule): the standard library and the
	// modules required at a version need it only for their own loops, if they write KV.
	export := !foreign(pass)
	if !export && len(pass.ResultOf[kvapi.Analyzer].(*kvapi.Result).Funcs) == 0 {
		return p
	}
	// As the printf pass finds print wrappers: scan each declared function once for its
	// own waits and the functions of the package it calls, then propagate to a fixed
	// point, so that a wrapper of a wrapper is found whatever the declaration order.
	calls := map[*types.Func][]*types.Func{}
	var funcs []*types.Func
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok || fd.Body == nil {
				continue
			}
			obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			funcs = append(funcs, obj)
			if p.scan(fd.Body, func(callee *types.Func) { calls[obj] = append(calls[obj], callee) }) {
				p.local[obj] = true
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, fn := range funcs {
			if p.local[fn] {
				continue
			}
			for _, callee := range calls[fn] {
				if p.local[callee] {
					p.local[fn], changed = true, true
					break
				}
			}
		}
	}
	for _, fn := range funcs {
		if p.local[fn] && export {
			pass.ExportObjectFact(fn, new(WaitFact))
		}
	}
	return p
}

// foreign reports whether the package belongs to a module required at a version (a
// dependency) or to the standard library (its files are under GOROOT): no package of the
// module being analysed trusts its facts.
func foreign(pass *analysis.Pass) bool {
	if m := pass.Module; m != nil && m.Version != "" {
		return true
	}
	goroot := build.Default.GOROOT
	if goroot == "" || len(pass.Files) == 0 {
		return false
	}
	name := pass.Fset.File(pass.Files[0].Pos()).Name()
	return strings.HasPrefix(name, filepath.Join(goroot, "src")+string(filepath.Separator))
}

// scan reports whether body waits in the common case by itself, and hands the functions
// of the package it calls to local. Function literals are other functions (a goroutine,
// a callback), unless called on the spot; go and defer statements do not wait here.
func (p *pacer) scan(body ast.Node, local func(*types.Func)) bool {
	info := p.pass.TypesInfo
	waits := false
	var visit func(n ast.Node) bool
	visit = func(n ast.Node) bool {
		if waits {
			return false
		}
		switch n := n.(type) {
		case *ast.FuncLit, *ast.GoStmt, *ast.DeferStmt:
			return false
		case *ast.BlockStmt:
			for _, s := range n.List {
				ast.Inspect(s, visit)
				if successExit(info, s) {
					break // what follows runs only after a failure
				}
			}
			return false
		case *ast.UnaryExpr:
			if n.Op == token.ARROW {
				waits = true
			}
		case *ast.RangeStmt:
			if t := info.TypeOf(n.X); t != nil {
				if _, ok := t.Underlying().(*types.Chan); ok {
					waits = true
				}
			}
		case *ast.SelectStmt:
			blocking := true
			for _, c := range n.Body.List {
				if c.(*ast.CommClause).Comm == nil {
					blocking = false // the default case
				}
			}
			if blocking {
				waits = true
				return false
			}
			// The cases' receives are the select's own: only their bodies may wait.
			for _, c := range n.Body.List {
				for _, s := range c.(*ast.CommClause).Body {
					ast.Inspect(s, visit)
				}
			}
			return false
		case *ast.IfStmt:
			failure := errorTest(info, n.Cond)
			if failure == 0 {
				return true
			}
			// if err != nil { time.Sleep(backoff) }: a wait after a failure does not count.
			for _, x := range []ast.Node{n.Init, n.Cond} {
				if x != nil {
					ast.Inspect(x, visit)
				}
			}
			if failure > 0 {
				if n.Else != nil {
					ast.Inspect(n.Else, visit)
				}
			} else {
				ast.Inspect(n.Body, visit)
			}
			return false
		case *ast.CallExpr:
			if lit, ok := ast.Unparen(n.Fun).(*ast.FuncLit); ok {
				ast.Inspect(lit.Body, visit) // func() { ... }(): runs here
				for _, a := range n.Args {
					ast.Inspect(a, visit)
				}
				return false
			}
			fn, ok := typeutil.Callee(info, n).(*types.Func)
			if !ok {
				return true
			}
			fn = fn.Origin()
			iface := isInterfaceMethod(fn)
			if !iface && fn.Pkg() == p.pass.Pkg && !knownWait(fn) {
				local(fn)
			} else if p.callWaits(fn, iface) {
				waits = true
			}
		}
		return true
	}
	ast.Inspect(body, visit)
	return waits
}

// successExit reports whether s is if err == nil { return } (or break, continue, goto):
// the statements after it run only when err is not nil.
func successExit(info *types.Info, s ast.Stmt) bool {
	ifs, ok := s.(*ast.IfStmt)
	if !ok || ifs.Else != nil || errorTest(info, ifs.Cond) >= 0 || len(ifs.Body.List) == 0 {
		return false
	}
	switch ifs.Body.List[len(ifs.Body.List)-1].(type) {
	case *ast.ReturnStmt, *ast.BranchStmt:
		return true
	}
	return false
}

// errorTest returns 1 when cond is err != nil, -1 when it is err == nil (the failure is
// the else branch), 0 otherwise.
func errorTest(info *types.Info, cond ast.Expr) int {
	cmp, ok := ast.Unparen(cond).(*ast.BinaryExpr)
	if !ok || (cmp.Op != token.NEQ && cmp.Op != token.EQL) {
		return 0
	}
	errType := types.Universe.Lookup("error").Type()
	for _, pair := range [][2]ast.Expr{{cmp.X, cmp.Y}, {cmp.Y, cmp.X}} {
		if info.Types[pair[1]].IsNil() && types.Identical(info.TypeOf(pair[0]), errType) {
			if cmp.Op == token.NEQ {
				return 1
			}
			return -1
		}
	}
	return 0
}

func isInterfaceMethod(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	return ok && sig.Recv() != nil && types.IsInterface(sig.Recv().Type())
}

// knownWait reports whether fn blocks for a while by design: time.Sleep, or the Wait and
// WaitN of a golang.org/x/time/rate limiter.
func knownWait(fn *types.Func) bool { return effects.Of(fn)&effects.Waits != 0 }

// callWaits reports whether a call of fn (a declared function or method, through an
// interface when iface is set) waits.
func (p *pacer) callWaits(fn *types.Func, iface bool) bool {
	fn = fn.Origin()
	if knownWait(fn) {
		return true
	}
	if !iface && fn.Pkg() != nil {
		if fn.Pkg() == p.pass.Pkg {
			return p.local[fn]
		}
		if p.sameModule(fn.Pkg()) {
			return p.pass.ImportObjectFact(fn, new(WaitFact))
		}
	}
	// Code kvlint does not judge: an interface, or another module. A library's functions
	// may wait for their own reasons (an HTTP response, a retry's backoff) without
	// pacing the caller, so only the name of a limiter's method counts.
	sig, ok := fn.Type().(*types.Signature)
	return ok && sig.Recv() != nil && effects.NamedToWait(fn.Name())
}

// sameModule reports whether pkg belongs to the module of the package being analysed.
// Without module information (GOPATH mode), the packages of one project are those whose
// import paths share their root: the first element, or host/owner/repository for a
// path that starts with a host name.
func (p *pacer) sameModule(pkg *types.Package) bool {
	path := pkg.Path()
	if m := p.pass.Module; m != nil && m.Path != "" {
		return path == m.Path || strings.HasPrefix(path, m.Path+"/")
	}
	return projectRoot(path) == projectRoot(p.pass.Pkg.Path())
}

func projectRoot(path string) string {
	parts := strings.SplitN(path, "/", 4)
	if strings.Contains(parts[0], ".") && len(parts) >= 3 {
		return strings.Join(parts[:3], "/")
	}
	return parts[0]
}

// waits reports whether instr waits.
func (p *pacer) waits(instr ssa.Instruction) bool {
	switch x := instr.(type) {
	case *ssa.UnOp:
		return x.Op == token.ARROW
	case *ssa.Select:
		return x.Blocking
	case *ssa.Call:
		if x.Call.IsInvoke() {
			return p.callWaits(x.Call.Method, true)
		}
		callee := x.Call.StaticCallee()
		if callee == nil {
			return false // a function value: what it does is unknown
		}
		if obj, ok := callee.Object().(*types.Func); ok {
			return p.callWaits(obj, false)
		}
		if callee.Parent() != nil {
			return p.closureWaits(callee)
		}
	}
	return false
}

// closureWaits reports whether a function literal called here waits in the common case:
// a wait in a block reached from its entry without taking the failure side of an error
// test.
func (p *pacer) closureWaits(fn *ssa.Function) bool {
	if v, ok := p.anon[fn]; ok {
		return v
	}
	p.anon[fn] = false // recursion: a cycle adds no wait of its own
	v := false
	if len(fn.Blocks) > 0 {
		seen := map[*ssa.BasicBlock]bool{fn.Blocks[0]: true}
		stack := []*ssa.BasicBlock{fn.Blocks[0]}
		for len(stack) > 0 && !v {
			b := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, instr := range b.Instrs {
				if p.waits(instr) {
					v = true
					break
				}
			}
			failure := ssaflow.ErrorFailure(b)
			for i, s := range b.Succs {
				if i != failure && !seen[s] {
					seen[s] = true
					stack = append(stack, s)
				}
			}
		}
	}
	p.anon[fn] = v
	return v
}

// pacedLoop reports whether loop l waits between one run of put and the next: a path of
// the body from the put round the loop and back to it runs a wait, without taking the
// failure side of an error test.
func (p *pacer) pacedLoop(l *loop, put ssa.Instruction) bool {
	return p.search(put, put, func(from, to *ssa.BasicBlock) bool {
		return l.body[to]
	}, func(b *ssa.BasicBlock) bool {
		return l.continues[b]
	}, l.header)
}

// pacedBetween reports whether a wait can run between first and second: on a path from
// the one to the other in one pass through the function (loop back edges excluded, as
// Flow.Reaches), without taking the failure side of an error test.
func (p *pacer) pacedBetween(first, second ssa.Instruction) bool {
	return p.search(first, second, ssaflow.NoBackEdge, nil, nil)
}

// search looks for a path from instruction from to instruction to that runs a wait on
// the way. follow says which edges the path may take (the failure sides of error tests
// are never taken); a block for which wraps holds goes on at block next (the next
// iteration of a range-over-func body).
func (p *pacer) search(from, to ssa.Instruction, follow func(from, to *ssa.BasicBlock) bool,
	wraps func(*ssa.BasicBlock) bool, next *ssa.BasicBlock) bool {
	type state struct {
		b      *ssa.BasicBlock
		waited bool
	}
	seen := map[state]bool{}
	var stack []state
	push := func(b *ssa.BasicBlock, waited bool) {
		if s := (state{b, waited}); !seen[s] {
			seen[s] = true
			stack = append(stack, s)
		}
	}
	// walk runs the instructions of b from index i; it reports whether the path reached
	// to having waited, and whether it goes on past the end of b.
	walk := func(b *ssa.BasicBlock, i int, waited bool) (found, onward, waitedOut bool) {
		for ; i < len(b.Instrs); i++ {
			instr := b.Instrs[i]
			if instr == to {
				return waited, false, waited
			}
			if !waited && p.waits(instr) {
				waited = true
			}
		}
		return false, true, waited
	}
	succs := func(b *ssa.BasicBlock, waited bool) {
		if wraps != nil && wraps(b) {
			push(next, waited)
			return
		}
		failure := ssaflow.ErrorFailure(b)
		for i, s := range b.Succs {
			if i != failure && follow(b, s) {
				push(s, waited)
			}
		}
	}
	start := from.Block()
	i := 0
	for start.Instrs[i] != from {
		i++
	}
	found, onward, waited := walk(start, i+1, false)
	if found {
		return true
	}
	if onward {
		succs(start, waited)
	}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		found, onward, waited := walk(s.b, 0, s.waited)
		if found {
			return true
		}
		if onward {
			succs(s.b, waited)
		}
	}
	return false
}
