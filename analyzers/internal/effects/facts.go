package effects

import (
	"go/ast"
	"go/build"
	"go/token"
	"go/types"
	"path/filepath"
	"reflect"
	"strings"
	"sync"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/types/typeutil"
)

// Analyzer summarises what the functions of the module being analysed do, as facts for
// the packages of the module that call them: the table above knows the standard library
// and common packages by name; the module's own functions are known by reading them. It
// reports nothing, takes no flags and is no check: the checks that need it require it,
// and it never appears among kvlint's analyzers (help, JSON, SARIF, the golangci-lint
// plugin).
//
// Today it knows one effect, Waits: a function that blocks in the common case
// (WaitFact). Which functions are pure and which only read what they are handed is still
// decided on SSA inside one package (internal/ssaflow), as the checks need it.
var Analyzer = &analysis.Analyzer{
	Name:       "kvlinteffects",
	Doc:        "kvlinteffects: summarises which functions of the module wait, as facts (reports nothing)",
	Run:        run,
	ResultType: reflect.TypeOf((*Facts)(nil)),
	FactTypes:  []analysis.Fact{new(WaitFact)},
}

// Waits. A function waits when it blocks in the common case: a channel receive, a
// select without a default (one with a default never blocks), a range over a channel,
// a known wait (time.Sleep, a golang.org/x/time/rate limiter's Wait: the table), a method
// named like a limiter's (NamedToWait) when its code cannot be judged (called through an
// interface, or defined in another module), or a call of a function of the module that
// waits. A wait on the failure side of an error test (if err != nil { time.Sleep(backoff)
// }) does not count: it runs when something failed. Function literals are other
// functions (a goroutine, a callback) unless called on the spot; go and defer statements
// do not wait where they are.

// WaitFact is exported for a function of the module that waits (as defined above) in the
// common case: directly, or by calling a function of the module that does. A loop of
// another package that calls it each time round is paced: for { pace.Pause(); put() }.
type WaitFact struct{}

func (*WaitFact) AFact()         {}
func (*WaitFact) String() string { return "waits" }

// Facts answers what the functions a package calls do: the table's effects for known
// functions, and the module's own functions' effects from facts (of this package's
// functions from reading them).
type Facts struct {
	pass *analysis.Pass

	once  sync.Once
	funcs []*types.Func        // the declared functions of the package, in order
	local map[*types.Func]bool // those that wait
}

func run(pass *analysis.Pass) (any, error) {
	f := &Facts{pass: pass}
	// Facts are trusted only within a module (Judged): the standard library and the
	// modules required at a version need the summary only for their own loops, if they
	// write KV, and then build it when first asked.
	if !foreign(pass) {
		f.once.Do(f.summarise)
		for _, fn := range f.funcs { // in declaration order: the same facts in the same order every run
			if f.local[fn] {
				pass.ExportObjectFact(fn, new(WaitFact))
			}
		}
	}
	return f, nil
}

// Of returns what a call of fn does: Of(fn) from the table, and Waits when fn is a
// function of the module that waits.
func (f *Facts) Of(fn *types.Func) Effect {
	e := Of(fn)
	if fn == nil || fn.Pkg() == nil {
		return e
	}
	fn = fn.Origin()
	switch {
	case fn.Pkg() == f.pass.Pkg:
		f.once.Do(f.summarise)
		if f.local[fn] {
			e |= Waits
		}
	case f.sameModule(fn.Pkg()):
		if f.pass.ImportObjectFact(fn, new(WaitFact)) {
			e |= Waits
		}
	}
	return e
}

// Judged reports whether fn is code of the module being analysed, whose effects Of reads
// from the code itself rather than guesses: its package, or a package of its module.
func (f *Facts) Judged(fn *types.Func) bool {
	if fn == nil || fn.Pkg() == nil {
		return false
	}
	pkg := fn.Origin().Pkg()
	return pkg == f.pass.Pkg || f.sameModule(pkg)
}

// summarise finds which declared functions of the package wait. As the printf pass finds
// print wrappers: scan each declared function once for its own waits and the functions of
// the package it calls, then propagate to a fixed point, so that a wrapper of a wrapper
// is found whatever the declaration order.
func (f *Facts) summarise() {
	pass := f.pass
	f.local = map[*types.Func]bool{}
	calls := map[*types.Func][]*types.Func{}
	var funcs []*types.Func
	defer func() { f.funcs = funcs }()
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
			if f.scan(fd.Body, func(callee *types.Func) { calls[obj] = append(calls[obj], callee) }) {
				f.local[obj] = true
			}
		}
	}
	for changed := true; changed; {
		changed = false
		for _, fn := range funcs {
			if f.local[fn] {
				continue
			}
			for _, callee := range calls[fn] {
				if f.local[callee] {
					f.local[fn], changed = true, true
					break
				}
			}
		}
	}
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
// of the package it calls to local.
func (f *Facts) scan(body ast.Node, local func(*types.Func)) bool {
	info := f.pass.TypesInfo
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
			iface := IsInterfaceMethod(fn)
			if !iface && fn.Pkg() == f.pass.Pkg && Of(fn)&Waits == 0 {
				local(fn)
			} else if f.CallWaits(fn, iface) {
				waits = true
			}
		}
		return true
	}
	ast.Inspect(body, visit)
	return waits
}

// CallWaits reports whether a call of fn (a declared function or method, through an
// interface when iface is set) waits: a known wait, a function of the module that waits
// (of this package only once summarised), or, for code not judged (an interface, another
// module), a method named like a limiter's. A library's functions may wait for their own
// reasons (an HTTP response, a retry's backoff) without pacing the caller, so only the
// name of a limiter's method counts there.
func (f *Facts) CallWaits(fn *types.Func, iface bool) bool {
	fn = fn.Origin()
	if Of(fn)&Waits != 0 {
		return true
	}
	// (While summarising, scan hands the package's own functions to the fixed point
	// instead of asking here.)
	if !iface && f.Judged(fn) {
		return f.Of(fn)&Waits != 0
	}
	sig, ok := fn.Type().(*types.Signature)
	return ok && sig.Recv() != nil && NamedToWait(fn.Name())
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
// the else branch), 0 otherwise. (ssaflow.ErrNilTest is the same test on SSA.)
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

// IsInterfaceMethod reports whether fn is a method of an interface.
func IsInterfaceMethod(fn *types.Func) bool {
	sig, ok := fn.Type().(*types.Signature)
	return ok && sig.Recv() != nil && types.IsInterface(sig.Recv().Type())
}

// sameModule reports whether pkg belongs to the module of the package being analysed.
// Without module information (GOPATH mode), the packages of one project are those whose
// import paths share their root: the first element, or host/owner/repository for a
// path that starts with a host name.
func (f *Facts) sameModule(pkg *types.Package) bool {
	path := pkg.Path()
	if m := f.pass.Module; m != nil && m.Path != "" {
		return path == m.Path || strings.HasPrefix(path, m.Path+"/")
	}
	return projectRoot(path) == projectRoot(f.pass.Pkg.Path())
}

func projectRoot(path string) string {
	parts := strings.SplitN(path, "/", 4)
	if strings.Contains(parts[0], ".") && len(parts) >= 3 {
		return strings.Join(parts[:3], "/")
	}
	return parts[0]
}
