package kvttl

import (
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"regexp"

	"golang.org/x/tools/go/analysis"
)

// fixConstant is the fix of a TTL expression that reads a constant of the package being
// analysed (ExpirationTTL: int(sessionTTL / time.Second)). Rewriting the expression to
// the minimum would leave the constant saying 30 s while the code uses 60; so the fix
// rewrites the constant itself, when that changes nothing else: the constant is
// unexported, declared alone with a value of its own, and this is its only use. The
// expression may be the constant, a conversion of it, or it divided or multiplied by
// another constant (a time unit). mentions reports whether expr reads such a constant
// at all: then the caller must not rewrite expr, and a nil fix means none. min is in the
// unit of expr's value (nanoseconds for a time.Duration); message says what the fix
// does, after the constant's name.
func fixConstant(pass *analysis.Pass, expr ast.Expr, min int64, message string) (fix *analysis.SuggestedFix, mentions bool) {
	consts := packageConsts(pass, expr)
	if len(consts) == 0 {
		return nil, false
	}
	if len(consts) > 1 {
		return nil, true
	}
	c := consts[0]
	if c.Exported() && c.Parent() == pass.Pkg.Scope() {
		return nil, true
	}
	// The value the constant needs for expr to be min.
	want := constant.MakeInt64(min)
	e := stripConversions(pass, expr)
	switch b := e.(type) {
	case *ast.Ident:
		if pass.TypesInfo.Uses[b] != c {
			return nil, true
		}
	case *ast.BinaryExpr:
		x, y := stripConversions(pass, b.X), stripConversions(pass, b.Y)
		unit := func(e ast.Expr) constant.Value {
			tv, ok := pass.TypesInfo.Types[e]
			if !ok || tv.Value == nil || len(packageConsts(pass, e)) > 0 {
				return nil
			}
			return constant.ToInt(tv.Value)
		}
		isC := func(e ast.Expr) bool { id, ok := e.(*ast.Ident); return ok && pass.TypesInfo.Uses[id] == c }
		switch {
		case b.Op == token.QUO && isC(x) && unit(y) != nil && unit(y).Kind() == constant.Int:
			want = constant.BinaryOp(want, token.MUL, unit(y))
		case b.Op == token.MUL && (isC(x) && unit(y) != nil || isC(y) && unit(x) != nil):
			u := unit(y)
			if isC(y) {
				u = unit(x)
			}
			if u.Kind() != constant.Int || constant.Sign(u) <= 0 || constant.Sign(constant.BinaryOp(want, token.REM, u)) != 0 {
				return nil, true
			}
			want = constant.BinaryOp(want, token.QUO_ASSIGN, u)
		default:
			return nil, true
		}
	default:
		return nil, true
	}
	if uses(pass, c) != 1 || c.Parent() == pass.Pkg.Scope() && namedInTests(pass, c) {
		return nil, true
	}
	spec := constSpec(pass, c)
	if spec == nil {
		return nil, true
	}
	edit, ok := rewriteValue(pass, ast.Unparen(spec.Values[0]), want)
	if !ok {
		return nil, true
	}
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Raise %s %s", c.Name(), message),
		TextEdits: []analysis.TextEdit{edit},
	}, true
}

// packageConsts lists the constants of the package being analysed that e reads.
func packageConsts(pass *analysis.Pass, e ast.Expr) []*types.Const {
	var out []*types.Const
	ast.Inspect(e, func(n ast.Node) bool {
		if id, ok := n.(*ast.Ident); ok {
			if c, ok := pass.TypesInfo.Uses[id].(*types.Const); ok && c.Pkg() == pass.Pkg {
				for _, o := range out {
					if o == c {
						return true
					}
				}
				out = append(out, c)
			}
		}
		return true
	})
	return out
}

// stripConversions removes parentheses and type conversions: int(x), time.Duration(x).
func stripConversions(pass *analysis.Pass, e ast.Expr) ast.Expr {
	for {
		e = ast.Unparen(e)
		call, ok := e.(*ast.CallExpr)
		if !ok || len(call.Args) != 1 {
			return e
		}
		if tv, ok := pass.TypesInfo.Types[call.Fun]; !ok || !tv.IsType() {
			return e
		}
		e = call.Args[0]
	}
}

// uses counts the references to c in the package's files.
func uses(pass *analysis.Pass, c *types.Const) int {
	n := 0
	for _, obj := range pass.TypesInfo.Uses {
		if obj == c {
			n++
		}
	}
	return n
}

// namedInTests reports whether a _test.go file beside the constant's declaration names
// it: the package analysed without its tests does not see those uses, and a fix must not
// depend on which variant reported it. A mention in a comment counts too: when unsure,
// no fix.
func namedInTests(pass *analysis.Pass, c *types.Const) bool {
	decl := pass.Fset.Position(c.Pos()).Filename
	tests, _ := filepath.Glob(filepath.Join(filepath.Dir(decl), "*_test.go"))
	word := regexp.MustCompile(`\b` + regexp.QuoteMeta(c.Name()) + `\b`)
	for _, t := range tests {
		data, err := os.ReadFile(t)
		if err != nil || word.Match(data) {
			return true
		}
	}
	return false
}

// constSpec finds the declaration of c when it declares c alone with a value of its
// own (not an implicit repetition of the line above, as with iota).
func constSpec(pass *analysis.Pass, c *types.Const) *ast.ValueSpec {
	for _, f := range pass.Files {
		if f.Pos() > c.Pos() || c.Pos() > f.End() {
			continue
		}
		var spec *ast.ValueSpec
		ast.Inspect(f, func(n ast.Node) bool {
			if s, ok := n.(*ast.ValueSpec); ok && len(s.Names) == 1 && s.Names[0].Pos() == c.Pos() {
				if len(s.Values) == 1 {
					spec = s
				}
				return false
			}
			return spec == nil
		})
		return spec
	}
	return nil
}

// rewriteValue rewrites a constant's value expression to want: a plain number is
// replaced, and in NUMBER * UNIT (30 * time.Second) the number becomes want / UNIT.
func rewriteValue(pass *analysis.Pass, v ast.Expr, want constant.Value) (analysis.TextEdit, bool) {
	number := func(lit *ast.BasicLit, val constant.Value) (analysis.TextEdit, bool) {
		text := val.ExactString()
		switch lit.Kind {
		case token.INT:
		case token.FLOAT:
			text += ".0"
		default:
			return analysis.TextEdit{}, false
		}
		return analysis.TextEdit{Pos: lit.Pos(), End: lit.End(), NewText: []byte(text)}, true
	}
	switch v := v.(type) {
	case *ast.BasicLit:
		return number(v, want)
	case *ast.BinaryExpr:
		if v.Op != token.MUL {
			return analysis.TextEdit{}, false
		}
		lit, other := v.X, v.Y
		if _, ok := ast.Unparen(lit).(*ast.BasicLit); !ok {
			lit, other = other, lit
		}
		bl, ok := ast.Unparen(lit).(*ast.BasicLit)
		if !ok {
			return analysis.TextEdit{}, false
		}
		tv, ok := pass.TypesInfo.Types[other]
		if !ok || tv.Value == nil || tv.Value.Kind() != constant.Int || constant.Sign(tv.Value) <= 0 {
			return analysis.TextEdit{}, false
		}
		if constant.Sign(constant.BinaryOp(want, token.REM, tv.Value)) != 0 {
			return analysis.TextEdit{}, false
		}
		return number(bl, constant.BinaryOp(want, token.QUO_ASSIGN, tv.Value))
	}
	return analysis.TextEdit{}, false
}
