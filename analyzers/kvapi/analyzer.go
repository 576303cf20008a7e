package kvapi

import (
	_ "embed"
	"errors"
	"fmt"
	"go/ast"
	"go/token"
	"go/types"
	"reflect"
	"runtime/debug"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/storewise/storewise/analyzers/internal/analysisutil"
)

//go:embed doc.go
var doc string

// Analyzer builds the KV model of a package: the operations of every function, and the
// wrapper facts of its functions for importers. The kv passes require it; it reports
// only malformed //kvlint:ignore directives. It is named kvlint so that its flag reads
// -kvlint.wrappers.
var Analyzer = &analysis.Analyzer{
	Name:       "kvlint",
	Doc:        analysisutil.DocOf(doc, "kvlint"),
	URL:        "https://github.com/storewise/storewise/blob/main/docs/checks.md#suppressing-a-finding",
	Run:        run,
	ResultType: reflect.TypeOf((*Result)(nil)),
	FactTypes:  []analysis.Fact{new(WrapperFact), new(reachFact)},
}

var wrappers wrapperFlag

func init() {
	Analyzer.Flags.Var(&wrappers, "wrappers",
		"user KV wrappers: comma-separated "+specSyntax+", or @FILE with one per line")
}

// Result is what the KV passes see of a package.
type Result struct {
	// Funcs are the functions (closures included) that call at least one KV operation,
	// in source order. Empty when the package cannot reach a KV client.
	Funcs []*FuncOps
	// Directives are the package's //kvlint:ignore comments.
	Directives []*directive
	// SSABuilt reports whether the package got past the bail-outs and paid for SSA.
	SSABuilt bool
}

// EachFunc returns the Run of the pass called name: it calls check on every function of
// the package that performs KV operations, with a Reporter that drops the findings
// //kvlint:ignore directives for name silence and then reports the directives that
// silenced nothing.
func EachFunc(name string, check func(*analysis.Pass, *Reporter, *FuncOps)) func(*analysis.Pass) (any, error) {
	return func(pass *analysis.Pass) (any, error) {
		res := pass.ResultOf[Analyzer].(*Result)
		rep := newReporter(pass, name, res)
		defer rep.Finish()
		var errs []error
		for _, f := range res.Funcs {
			if err := guard(name, f.Fn, func() { check(pass, rep, f) }); err != nil {
				errs = append(errs, err)
			}
		}
		return nil, errors.Join(errs...)
	}
}

// guard runs a check of one function and turns a panic into an error naming the pass, the
// function and the panic: a bug of the pass on one function fails the run (exit 1) and is
// said as such, with the other functions' findings still reported, instead of killing the
// driver with a stack trace (exit 2, which reads as a usage error) and every finding.
func guard(pass string, fn fmt.Stringer, check func()) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error in %s on %s: %v (please report it, with this function)\n%s",
				pass, fn.String(), p, debug.Stack())
		}
	}()
	check()
	return nil
}

func run(pass *analysis.Pass) (_ any, err error) {
	defer func() {
		if p := recover(); p != nil { // as guard, for the model of the whole package
			err = fmt.Errorf("internal error in kvlint on package %s: %v (please report it)\n%s", pass.Pkg.Path(), p, debug.Stack())
		}
	}()
	if err := wrappers.check(pass); err != nil {
		return nil, err
	}
	res := &Result{Directives: parseDirectives(pass)}
	reportMalformed(pass, res.Directives)
	if IsClientPackage(pass.Pkg.Path()) {
		return res, nil
	}
	// Early exit, as lostcancel does for packages that do not import context: a package
	// that imports no client and no package that does cannot call a KV operation, and
	// builds nothing.
	if !reaches(pass) {
		return res, nil
	}
	pass.ExportPackageFact(&reachFact{})
	if !callsKV(pass) {
		return res, nil
	}
	res.Funcs = buildModel(pass)
	res.SSABuilt = true
	return res, nil
}

func reaches(pass *analysis.Pass) bool {
	if wrappers.pkgs[pass.Pkg.Path()] {
		return true // the package defines a wrapper the user named, and may call it
	}
	for _, imp := range pass.Pkg.Imports() {
		if IsClientPackage(imp.Path()) || wrappers.pkgs[imp.Path()] || pass.ImportPackageFact(imp, new(reachFact)) {
			return true
		}
	}
	return false
}

// lookupWrapper returns the fact of a wrapper defined in another package, or named in
// the flag. recv is the static type of the receiver at the call (nil for functions): a
// SPEC names a method by the type the user sees, which may hold it by embedding
// (store.Store.Get, declared by an embedded store.Reader) or by an alias.
// The name of that type is returned when its SPEC matched, for messages.
func lookupWrapper(pass *analysis.Pass, fn *types.Func, recv types.Type) (*WrapperFact, string) {
	if f, ok := wrappers.specs[funcKey(fn)]; ok {
		return f, ""
	}
	if obj := typeObj(recv); obj != nil && obj.Pkg() != nil {
		if f, ok := wrappers.specs[obj.Pkg().Path()+"."+obj.Name()+"."+fn.Name()]; ok {
			return f, obj.Name()
		}
	}
	if fn.Pkg() == nil || fn.Pkg() == pass.Pkg {
		return nil, ""
	}
	var f WrapperFact
	if pass.ImportObjectFact(fn, &f) {
		return &f, ""
	}
	return nil, ""
}

// callsKV reports whether any call in the package's syntax targets a client API or a
// wrapper of another package: only then is SSA worth building.
func callsKV(pass *analysis.Pass) bool {
	found := false
	for _, file := range pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			if found {
				return false
			}
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			fn, ok := typeutil.Callee(pass.TypesInfo, call).(*types.Func)
			if !ok {
				return true
			}
			if _, ok := lookupAPI(fn); ok {
				found = true
			} else if w, _ := lookupWrapper(pass, fn, receiverType(pass.TypesInfo, call)); w != nil {
				found = true
			}
			return !found
		})
		if found {
			return true
		}
	}
	return false
}

// buildModel builds SSA for the package (as buildssa does, but only here, after the
// bail-outs) and finds the operations of each function, summarising local wrappers to
// a fixed point so that wrappers of wrappers are seen.
func buildModel(pass *analysis.Pass) []*FuncOps {
	prog := ssa.NewProgram(pass.Fset, 0)
	for _, p := range pass.Pkg.Imports() {
		prog.CreatePackage(p, nil, nil, true)
	}
	pkg := prog.CreatePackage(pass.Pkg, pass.Files, pass.TypesInfo, false)
	pkg.Build()

	var funcs []*ssa.Function
	var addAnons func(f *ssa.Function)
	addAnons = func(f *ssa.Function) {
		funcs = append(funcs, f)
		for _, anon := range f.AnonFuncs {
			addAnons(anon)
		}
	}
	for _, file := range pass.Files {
		for _, decl := range file.Decls {
			fd, ok := decl.(*ast.FuncDecl)
			if !ok {
				continue
			}
			obj, ok := pass.TypesInfo.Defs[fd.Name].(*types.Func)
			if !ok {
				continue
			}
			if f := prog.FuncValue(obj); f != nil {
				addAnons(f)
			}
		}
	}

	local := map[*types.Func]*WrapperFact{}
	recvs := callReceivers(pass)
	m := &model{wrappers: func(fn *types.Func, call token.Pos) (*WrapperFact, string) {
		if f, ok := local[fn]; ok {
			return f, ""
		}
		return lookupWrapper(pass, fn, recvs[call])
	}}
	var result []*FuncOps
	for iter := 0; iter < 4; iter++ {
		changed := false
		result = result[:0]
		for _, fn := range funcs {
			var ops []*Op
			for _, b := range fn.Blocks {
				for _, instr := range b.Instrs {
					if call, ok := instr.(*ssa.Call); ok {
						ops = append(ops, m.opsOf(fn, call)...)
					}
				}
			}
			if len(ops) == 0 {
				continue
			}
			recordKeys(ops)
			result = append(result, &FuncOps{Fn: fn, Ops: ops})
			obj, ok := fn.Object().(*types.Func)
			if !ok || fn.Parent() != nil {
				continue
			}
			if _, named := wrappers.specs[funcKey(obj)]; named {
				continue // the user's description wins
			}
			fact := summarise(fn, ops)
			if !fact.equal(local[obj]) {
				changed = true
				if fact == nil {
					delete(local, obj)
				} else {
					local[obj] = fact
				}
			}
		}
		if interfaceFacts(pass.Pkg, local) {
			changed = true
		}
		if !changed {
			break
		}
	}
	for obj, fact := range local {
		pass.ExportObjectFact(obj, fact)
	}
	return result
}

// interfaceFacts gives each method of the package's interfaces the wrapper fact of its
// implementations in the package, when there is at least one and all are wrappers with
// the same fact: a service calling storage.Get through the interface its constructor
// returns then calls the wrapper. It reports whether local changed.
func interfaceFacts(pkg *types.Package, local map[*types.Func]*WrapperFact) bool {
	scope := pkg.Scope()
	var impls []types.Type
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		if _, isIface := tn.Type().Underlying().(*types.Interface); !isIface {
			impls = append(impls, tn.Type())
		}
	}
	changed := false
	for _, name := range scope.Names() {
		tn, ok := scope.Lookup(name).(*types.TypeName)
		if !ok || tn.IsAlias() {
			continue
		}
		iface, ok := tn.Type().Underlying().(*types.Interface)
		if !ok || iface.NumMethods() == 0 {
			continue
		}
		for i := 0; i < iface.NumMethods(); i++ {
			m := iface.Method(i)
			fact := implementationsFact(iface, m, impls, local)
			if fact.equal(local[m]) {
				continue
			}
			changed = true
			if fact == nil {
				delete(local, m)
			} else {
				local[m] = fact
			}
		}
	}
	return changed
}

// implementationsFact is the fact shared by every implementation of iface's method m
// among types, nil when there is none or they differ.
func implementationsFact(iface *types.Interface, m *types.Func, impls []types.Type, local map[*types.Func]*WrapperFact) *WrapperFact {
	var fact *WrapperFact
	for _, t := range impls {
		if !types.Implements(t, iface) {
			t = types.NewPointer(t)
			if !types.Implements(t, iface) {
				continue
			}
		}
		obj, _, _ := types.LookupFieldOrMethod(t, false, m.Pkg(), m.Name())
		impl, ok := obj.(*types.Func)
		if !ok {
			return nil
		}
		f := local[impl]
		if f == nil || (fact != nil && !f.equal(fact)) {
			return nil
		}
		fact = f
	}
	return fact
}

// receiverType is the static type of the receiver of a method call as written
// (d.Store in d.Store.Get(k)), nil for other calls.
func receiverType(info *types.Info, call *ast.CallExpr) types.Type {
	sel, ok := ast.Unparen(call.Fun).(*ast.SelectorExpr)
	if !ok {
		return nil
	}
	if s := info.Selections[sel]; s == nil || s.Kind() != types.MethodVal {
		return nil
	}
	return info.TypeOf(sel.X)
}

// callReceivers maps each method call of the package (by the position of its opening
// parenthesis, which is its SSA call's position) to its receiver's static type as
// written. SSA forgets it: a call through an embedded interface or field targets the
// embedded type's method. Only SPECs of the wrappers flag need it.
func callReceivers(pass *analysis.Pass) map[token.Pos]types.Type {
	if len(wrappers.specs) == 0 {
		return nil
	}
	recvs := map[token.Pos]types.Type{}
	for _, file := range pass.Files {
		ast.Inspect(file, func(n ast.Node) bool {
			if call, ok := n.(*ast.CallExpr); ok {
				if t := receiverType(pass.TypesInfo, call); t != nil {
					recvs[call.Lparen] = t
				}
			}
			return true
		})
	}
	return recvs
}
