package kvwriteread

import (
	"bytes"
	"go/ast"
	"go/format"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"

	"github.com/storewise/storewise/analyzers/internal/analysisutil"
	"github.com/storewise/storewise/analyzers/internal/ssaflow"
	"github.com/storewise/storewise/analyzers/kvapi"
)

// The suggested fix replaces the re-read with the value just written, as the check's
// message advises. It is offered only where that is certainly the same value:
//
//   - the write runs on every path to the read (it dominates the read);
//   - the write is a client put whose value is an argument of the call, or a field of
//     a params literal there (kvapi.ValueArg: syumai's PutString, v0's WriteWorkersKV,
//     the Value field of v0's params literal);
//   - the read returns the same type as the value written (string or []byte: a reader
//     is consumed, and v2–v6 return an *http.Response);
//   - the value is a constant, or a variable that is in scope at the read and is never
//     assigned again in the function (so it still holds what was written);
//   - the read is the whole right-hand side of v, err := read(...) (or =), or of a
//     return statement.

// fixReadBack returns the suggested fix for read after write, or nil.
func fixReadBack(pass *analysis.Pass, flow *ssaflow.Flow, write, read *kvapi.Op) *analysis.SuggestedFix {
	if write.Kind != kvapi.Put || write.Wrapper || read.Wrapper || read.Callee == nil || write.Callee == nil {
		return nil
	}
	// Only when every path to the read passes the write: after if reset { put(k, "0") },
	// the read still returns the stored value when reset is false.
	if !flow.Dominates(write.Call, read.Call) {
		return nil
	}
	file := analysisutil.FileOf(pass, read.Pos())
	if file == nil || analysisutil.FileOf(pass, write.Pos()) != file {
		return nil
	}
	readCall, readPath := callAt(file, read.Pos())
	writeCall, _ := callAt(file, write.Pos())
	if readCall == nil || writeCall == nil {
		return nil
	}
	value := writtenExpr(pass, write, writeCall)
	if value == nil {
		return nil
	}
	results := read.Callee.Signature().Results()
	vt := pass.TypesInfo.TypeOf(value)
	if results.Len() != 2 || vt == nil || !types.Identical(results.At(0).Type(), vt) || !stringOrBytes(vt) {
		return nil
	}
	if !atHand(pass, value, readCall.Pos(), enclosingFunc(readPath)) {
		return nil
	}
	text := source(pass.Fset, value)
	if text == "" {
		return nil
	}
	var edit analysis.TextEdit
	switch parent := readPath[1].(type) {
	case *ast.ReturnStmt:
		if len(parent.Results) != 1 {
			return nil
		}
		edit = analysis.TextEdit{Pos: readCall.Pos(), End: readCall.End(), NewText: []byte(text + ", nil")}
	case *ast.AssignStmt:
		if len(parent.Rhs) != 1 || len(parent.Lhs) != 2 {
			return nil
		}
		if id, ok := parent.Lhs[1].(*ast.Ident); ok && id.Name == "_" {
			// v, _ := read(...) becomes v := value.
			lhs := source(pass.Fset, parent.Lhs[0])
			edit = analysis.TextEdit{Pos: parent.Pos(), End: parent.End(), NewText: []byte(lhs + " " + parent.Tok.String() + " " + text)}
			break
		}
		nilErr := "nil"
		if parent.Tok == token.DEFINE {
			nilErr = "error(nil)" // v, err := value, nil does not compile
		}
		edit = analysis.TextEdit{Pos: readCall.Pos(), End: readCall.End(), NewText: []byte(text + ", " + nilErr)}
	default:
		return nil
	}
	return &analysis.SuggestedFix{Message: "Use the value just written instead of reading it back", TextEdits: []analysis.TextEdit{edit}}
}

// writtenExpr returns the expression of the value a client put writes, or nil.
func writtenExpr(pass *analysis.Pass, write *kvapi.Op, call *ast.CallExpr) ast.Expr {
	arg, field, ok := kvapi.ValueArg(write)
	if !ok || arg >= len(call.Args) {
		return nil
	}
	if field == "" {
		return call.Args[arg]
	}
	// A params literal: (ctx, rc, WriteWorkersKVEntryParams{..., Value: v}).
	lit, ok := ast.Unparen(call.Args[arg]).(*ast.CompositeLit)
	if !ok {
		return nil
	}
	for _, e := range lit.Elts {
		if kv, ok := e.(*ast.KeyValueExpr); ok {
			if id, ok := kv.Key.(*ast.Ident); ok && id.Name == field {
				return kv.Value
			}
		}
	}
	return nil
}

func stringOrBytes(t types.Type) bool {
	switch u := t.Underlying().(type) {
	case *types.Basic:
		return u.Kind() == types.String
	case *types.Slice:
		b, ok := u.Elem().Underlying().(*types.Basic)
		return ok && b.Kind() == types.Byte
	}
	return false
}

// atHand reports whether expr has, at pos, the value it had when written: a constant,
// or a variable visible at pos that fn never assigns after its declaration (nor takes
// the address of, nor assigns through an index).
func atHand(pass *analysis.Pass, expr ast.Expr, pos token.Pos, fn ast.Node) bool {
	if tv, ok := pass.TypesInfo.Types[expr]; ok && tv.Value != nil {
		return true
	}
	id, ok := ast.Unparen(expr).(*ast.Ident)
	if !ok || fn == nil {
		return false
	}
	v, ok := pass.TypesInfo.Uses[id].(*types.Var)
	if !ok || v.Pkg() != pass.Pkg || v.Parent() == pass.Pkg.Scope() {
		return false // package variables can change under any call
	}
	if scope := pass.Pkg.Scope().Innermost(pos); scope == nil {
		return false
	} else if _, obj := scope.LookupParent(id.Name, pos); obj != v {
		return false // shadowed at the read
	}
	changed := false
	root := func(e ast.Expr) *ast.Ident {
		for {
			switch x := ast.Unparen(e).(type) {
			case *ast.Ident:
				return x
			case *ast.IndexExpr:
				e = x.X
			case *ast.SelectorExpr:
				e = x.X
			case *ast.StarExpr:
				e = x.X
			default:
				return nil
			}
		}
	}
	is := func(e ast.Expr) bool {
		r := root(e)
		return r != nil && pass.TypesInfo.Uses[r] == v
	}
	ast.Inspect(fn, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.AssignStmt:
			for _, l := range n.Lhs {
				changed = changed || is(l)
			}
		case *ast.IncDecStmt:
			changed = changed || is(n.X)
		case *ast.UnaryExpr:
			changed = changed || (n.Op == token.AND && is(n.X))
		case *ast.RangeStmt:
			changed = changed || (n.Key != nil && is(n.Key)) || (n.Value != nil && is(n.Value))
		}
		return !changed
	})
	return !changed
}

func enclosingFunc(path []ast.Node) ast.Node {
	for _, n := range path {
		switch n.(type) {
		case *ast.FuncDecl, *ast.FuncLit:
			return n
		}
	}
	return nil
}

// callAt returns the call expression whose opening parenthesis is at pos (the position
// of an SSA call), and the path from it to the file.
func callAt(file *ast.File, pos token.Pos) (*ast.CallExpr, []ast.Node) {
	path, _ := astutil.PathEnclosingInterval(file, pos, pos+1)
	for i, n := range path {
		if call, ok := n.(*ast.CallExpr); ok && call.Lparen == pos {
			return call, path[i:]
		}
	}
	return nil, nil
}

func source(fset *token.FileSet, n ast.Node) string {
	var buf bytes.Buffer
	if err := format.Node(&buf, fset, n); err != nil {
		return ""
	}
	return buf.String()
}
