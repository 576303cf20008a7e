package kvapi

import (
	"bufio"
	"cmp"
	"errors"
	"fmt"
	"go/types"
	"maps"
	"os"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/storewise/storewise/analyzers/internal/ssaflow"
)

// WrapperFact is exported for a function that performs KV operations on entries its
// parameters name: calling it is those operations. Like the printf pass's isWrapper fact,
// it lets callers in other packages see `store.Load(ctx, k)` as a get.
type WrapperFact struct {
	Ops []wrapperOp
}

// wrapperOp is one operation of a wrapper. Key and Namespace are templates over the
// wrapper's parameters (ssaflow.TermParam, receiver first); Value, Result and Err are indexes
// (-1 when absent).
type wrapperOp struct {
	Kind      Kind
	Key       *ssaflow.Term
	Namespace *ssaflow.Term
	Value     int    // parameter whose value is written
	Result    int    // result that carries the value read
	Err       int    // result that carries the get's error
	Signal    Signal // the client's not-found signal, when the wrapper returns it unchanged
}

func (*WrapperFact) AFact() {}

func (f *WrapperFact) String() string {
	parts := make([]string, len(f.Ops))
	for i, op := range f.Ops {
		s := fmt.Sprintf("%s key=%s ns=%s", op.Kind, op.Key, op.Namespace)
		if op.Value >= 0 {
			s += fmt.Sprintf(" value=$%d", op.Value)
		}
		if op.Result >= 0 {
			s += fmt.Sprintf(" result=%d", op.Result)
		}
		parts[i] = s
	}
	return "kv " + strings.Join(parts, "; ")
}

// reachFact marks a package that imports a KV client or a package marked so: only those
// packages (and their importers) can call a KV operation, directly or through a wrapper.
type reachFact struct{}

func (*reachFact) AFact()         {}
func (*reachFact) String() string { return "kv" }

// wrapperFlag holds the -kvlint.wrappers flag: wrappers the user names, for functions the
// analysis cannot summarise (interface methods, code built without source).
//
// Syntax: a comma-separated list of SPEC, or @FILE naming a file with one SPEC per line
// (# starts a comment). SPEC is
//
//	importpath.Func:kind:key=N[:ns=M|ns=recv][:value=V][:result=R][:err=E]
//	importpath.Type.Method:kind:key=N[...]
//
// kind is get, put, delete or list; N, M, V count the parameters from 0, receiver
// excluded; R (the value read) and E (the error) count results. For methods the
// namespace defaults to the receiver.
// specSyntax is the SPEC syntax, for the flag's usage and its errors.
const specSyntax = "importpath.[Type.]Func:get|put|delete|list:key=N[:ns=M|recv][:value=V][:result=R][:err=E]"

type wrapperFlag struct {
	specs map[string]*WrapperFact
	lines map[string][]specLine // the SPECs of each name, one per op of its fact
	pkgs  map[string]bool       // import paths of the named wrappers
	raw   string
}

func (f *wrapperFlag) String() string { return f.raw }

func (f *wrapperFlag) Set(s string) error {
	f.raw = s
	f.specs = map[string]*WrapperFact{}
	f.lines = map[string][]specLine{}
	f.pkgs = map[string]bool{}
	var items []specLine
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if name, ok := strings.CutPrefix(item, "@"); ok {
			lines, err := readSpecFile(name)
			if err != nil {
				return err
			}
			items = append(items, lines...)
			continue
		}
		if item != "" {
			items = append(items, specLine{spec: item})
		}
	}
	for _, item := range items {
		name, op, err := parseSpec(item.spec)
		if err != nil {
			if item.where != "" {
				return fmt.Errorf("%s: %w", item.where, err)
			}
			return err
		}
		slash := strings.LastIndex(name, "/")
		dot := strings.Index(name[slash+1:], ".")
		f.pkgs[name[:slash+1+dot]] = true
		fact := f.specs[name]
		if fact == nil {
			fact = &WrapperFact{}
			f.specs[name] = fact
		}
		fact.Ops = append(fact.Ops, op)
		f.lines[name] = append(f.lines[name], item)
	}
	return nil
}

// check holds each SPEC naming a function of pass's package or of a package it imports
// to that function's declaration: the function must exist and the indices must name its
// parameters and results. The flag alone cannot know them, and a wrong one would silently
// make the wrapper say nothing.
func (f *wrapperFlag) check(pass *analysis.Pass) error {
	pkgs := map[string]*types.Package{pass.Pkg.Path(): pass.Pkg}
	for _, imp := range pass.Pkg.Imports() {
		pkgs[imp.Path()] = imp
	}
	var errs []error
	for _, name := range slices.Sorted(maps.Keys(f.specs)) {
		slash := strings.LastIndex(name, "/")
		dot := strings.Index(name[slash+1:], ".")
		pkg := pkgs[name[:slash+1+dot]]
		if pkg == nil {
			continue // checked where it is visible
		}
		sig, missing := specSignature(pkg, name[slash+1+dot+1:])
		for i, op := range f.specs[name].Ops {
			// Every SPEC of a missing function is said missing; the indices of the
			// others are checked against the signature.
			why := missing
			if why == "" {
				why = op.outOfRange(sig)
			}
			if why != "" {
				line := f.lines[name][i]
				err := fmt.Errorf("kvlint.wrappers: %q: %s", line.spec, why)
				if line.where != "" {
					err = fmt.Errorf("%s: %w", line.where, err)
				}
				errs = append(errs, err)
			}
		}
	}
	return errors.Join(errs...)
}

// specSignature finds Func or Type.Method in pkg.
func specSignature(pkg *types.Package, name string) (*types.Signature, string) {
	typ, method, isMethod := strings.Cut(name, ".")
	obj := pkg.Scope().Lookup(typ)
	if obj == nil {
		return nil, fmt.Sprintf("package %s declares no %s", pkg.Path(), typ)
	}
	if !isMethod {
		fn, ok := obj.(*types.Func)
		if !ok {
			return nil, fmt.Sprintf("%s.%s is not a function", pkg.Path(), typ)
		}
		return fn.Signature(), ""
	}
	m, _, _ := types.LookupFieldOrMethod(obj.Type(), true, pkg, method)
	fn, ok := m.(*types.Func)
	if !ok {
		return nil, fmt.Sprintf("%s.%s has no method %s", pkg.Path(), typ, method)
	}
	return fn.Signature(), ""
}

// outOfRange says which index of op names no parameter or result of sig, or "".
func (op wrapperOp) outOfRange(sig *types.Signature) string {
	shift := 0
	if sig.Recv() != nil {
		shift = 1 // parameter terms count the receiver first
	}
	params, results := sig.Params().Len(), sig.Results().Len()
	param := func(what string, t *ssaflow.Term) string {
		if t != nil && t.Kind == ssaflow.TermParam && t.Index-shift >= params {
			return fmt.Sprintf("%s=%d, but it has %s (counted from 0, receiver excluded)", what, t.Index-shift, plural(params, "parameter"))
		}
		return ""
	}
	result := func(what string, i int) string {
		if what == "result" && i == 0 && results == 0 {
			return "a get wrapper returns the value it read, but it has no results"
		}
		if i >= results {
			return fmt.Sprintf("%s=%d, but it has %s (counted from 0)", what, i, plural(results, "result"))
		}
		return ""
	}
	valueTerm := (*ssaflow.Term)(nil)
	if op.Value >= 0 {
		valueTerm = &ssaflow.Term{Kind: ssaflow.TermParam, Index: op.Value}
	}
	return cmp.Or(param("key", op.Key), param("ns", op.Namespace), param("value", valueTerm),
		result("result", op.Result), result("err", op.Err))
}

// specLine is one SPEC and, when it comes from a file, where: FILE:LINE.
type specLine struct {
	spec, where string
}

func readSpecFile(name string) ([]specLine, error) {
	file, err := os.Open(name)
	if err != nil {
		return nil, fmt.Errorf("reading wrappers file: %w", err)
	}
	defer file.Close()
	var lines []specLine
	sc := bufio.NewScanner(file)
	for n := 1; sc.Scan(); n++ {
		line, _, _ := strings.Cut(sc.Text(), "#")
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, specLine{spec: line, where: fmt.Sprintf("%s:%d", name, n)})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading wrappers file %s: %w", name, err)
	}
	return lines, nil
}

// parseSpec parses one wrapper SPEC into the function's key and its operation.
func parseSpec(spec string) (string, wrapperOp, error) {
	parts := strings.Split(spec, ":")
	bad := func(why string) (string, wrapperOp, error) {
		return "", wrapperOp{}, fmt.Errorf("kvlint.wrappers: %q: %s (want %s)", spec, why, specSyntax)
	}
	if len(parts) < 2 {
		return bad("missing kind")
	}
	name := parts[0]
	slash := strings.LastIndex(name, "/")
	dots := strings.Count(name[slash+1:], ".")
	if dots < 1 || dots > 2 {
		return bad("function must be importpath.Func or importpath.Type.Method")
	}
	method := dots == 2
	shift := 0
	if method {
		shift = 1 // SSA parameters put the receiver first
	}
	op := wrapperOp{Value: -1, Result: -1, Err: -1}
	switch parts[1] {
	case "get":
		op.Kind, op.Result = Get, 0
	case "put":
		op.Kind = Put
	case "delete":
		op.Kind = Delete
	case "list":
		op.Kind = List
	default:
		return bad("unknown kind " + parts[1])
	}
	if method {
		op.Namespace = &ssaflow.Term{Kind: ssaflow.TermParam, Index: 0}
	}
	for _, kv := range parts[2:] {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return bad("expected name=value, got " + kv)
		}
		if k == "ns" && v == "recv" {
			if !method {
				return bad("ns=recv needs a method")
			}
			op.Namespace = &ssaflow.Term{Kind: ssaflow.TermParam, Index: 0}
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return bad("bad index " + v)
		}
		switch k {
		case "key":
			op.Key = &ssaflow.Term{Kind: ssaflow.TermParam, Index: n + shift}
		case "ns":
			op.Namespace = &ssaflow.Term{Kind: ssaflow.TermParam, Index: n + shift}
		case "value":
			op.Value = n + shift
		case "result":
			op.Result = n
		case "err":
			op.Err = n
		default:
			return bad("unknown option " + k)
		}
	}
	if op.Key == nil && op.Kind != List {
		return bad("missing key=N")
	}
	return name, op, nil
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
