package kvttl

import (
	_ "embed"
	"fmt"
	"go/ast"
	"go/constant"
	"go/token"
	"go/types"
	"strconv"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ast/astutil"
	"golang.org/x/tools/go/ssa"
	"golang.org/x/tools/go/types/typeutil"

	"github.com/storewise/storewise/analyzers/internal/analysisutil"
	"github.com/storewise/storewise/analyzers/internal/effects"
	"github.com/storewise/storewise/analyzers/kvapi"
)

//go:embed doc.go
var doc string

const name = "kvttl"

// Analyzer reports KV TTL options that KV rejects, or that are confused with each other.
var Analyzer = &analysis.Analyzer{
	Name:     name,
	Doc:      analysisutil.DocOf(doc, name),
	URL:      "https://github.com/storewise/storewise/blob/main/docs/checks.md#kvttl",
	Requires: []*analysis.Analyzer{kvapi.Analyzer},
	Run:      kvapi.EachFunc(name, check),
}

// The limits KV enforces (shared/design/facts.md, Cloudflare's KV limits page).
const (
	minExpirationTTL = 60 // seconds; expiration must also be at least this far in the future
	minCacheTTL      = 30 // seconds, since January 2026 (was 60)
	// An absolute expiration below this (2001-09-09) is certainly in the past: it is a
	// TTL in seconds written into the Expiration field.
	pastUnixTime = 1_000_000_000
)

// setting is an option of one operation with its folded value.
type setting struct {
	kvapi.Setting
	op    *kvapi.Op
	value constant.Value // nil when not a constant
}

func check(pass *analysis.Pass, rep *kvapi.Reporter, f *kvapi.FuncOps) {
	var all []setting
	seen := map[ssa.CallInstruction]bool{}
	for _, op := range f.Ops {
		// Bulk calls are several operations of one call with the same settings.
		if seen[op.Call] {
			continue
		}
		seen[op.Call] = true
		// Tests use short TTLs on purpose, against fakes that check expiry; against real
		// KV the test itself fails, so there is nothing to add.
		if rep.InTestFile(op.Pos()) {
			continue
		}
		for _, s := range kvapi.Settings(op) {
			all = append(all, setting{Setting: s, op: op, value: fold(s.Value)})
		}
	}
	for _, s := range all {
		switch s.Field {
		case kvapi.FieldExpirationTTL:
			if below(s.value, minExpirationTTL) {
				expr := sourceExpr(pass, s.Store)
				rep.Report(diag(pass, s, expr, fmt.Sprintf(
					"expirationTtl of %s s is below the %d s minimum, so KV rejects the write; use at least %d s",
					show(s.value), minExpirationTTL, minExpirationTTL),
					fixRaise(pass, expr, minExpirationTTL, "expirationTtl")))
			}
		case kvapi.FieldCacheTTL:
			if below(s.value, minCacheTTL) {
				expr := sourceExpr(pass, s.Store)
				rep.Report(diag(pass, s, expr, fmt.Sprintf(
					"cacheTtl of %s s is below the %d s minimum, so KV rejects the read; use at least %d s, or leave it unset (the default is 60 s)",
					show(s.value), minCacheTTL, minCacheTTL),
					fixRaise(pass, expr, minCacheTTL, "cacheTtl")))
			}
		case kvapi.FieldExpiration:
			checkExpiration(pass, rep, s)
		}
	}
	checkConfusion(pass, rep, f, all)
}

func checkExpiration(pass *analysis.Pass, rep *kvapi.Reporter, s setting) {
	if s.value != nil {
		// A constant absolute time: only a small one is certainly in the past.
		if constant.Sign(s.value) > 0 && below(s.value, pastUnixTime) {
			expr := sourceExpr(pass, s.Store)
			rep.Report(diag(pass, s, expr, fmt.Sprintf(
				"expiration %s is an absolute Unix time (seconds since 1970), so it lies in the past and KV rejects the write; "+
					"for a lifetime in seconds set the expirationTtl option instead",
				show(s.value)), fixRename(pass, s)))
		}
		return
	}
	offset, offsetVal, ok := nowPlus(s.Value)
	if !ok || !below(offset, minExpirationTTL) {
		return
	}
	expr := sourceExpr(pass, s.Store)
	var fix *analysis.SuggestedFix
	if offExpr := exprOf(pass, offsetVal, expr); offExpr != nil {
		fix = fixOffset(pass, offExpr)
	}
	when := fmt.Sprintf("now + %s s, less than the %d s in the future that KV requires", show(offset), minExpirationTTL)
	if constant.Sign(offset) < 0 {
		when = fmt.Sprintf("%s s in the past, where KV requires at least %d s in the future", show(constant.UnaryOp(token.SUB, offset, 0)), minExpirationTTL)
	}
	rep.Report(diag(pass, s, expr, fmt.Sprintf(
		"expiration is %s, so KV rejects the write; expire at least %d s from now, or set expirationTtl instead",
		when, minExpirationTTL), fix))
}

// checkConfusion reports a cacheTtl longer than the expirationTtl the same function
// writes for the same entry. The seed: confusing the two is a common source of
// unexpected behaviour.
func checkConfusion(pass *analysis.Pass, rep *kvapi.Reporter, f *kvapi.FuncOps, all []setting) {
	for _, read := range all {
		if read.Field != kvapi.FieldCacheTTL || read.value == nil || below(read.value, minCacheTTL) {
			continue
		}
		for _, write := range all {
			if write.Field != kvapi.FieldExpirationTTL || write.value == nil || below(write.value, minExpirationTTL) {
				continue
			}
			if !kvapi.SameEntry(read.op, write.op) || constant.Compare(read.value, token.LEQ, write.value) {
				continue
			}
			// A key read from memory that changes between the two (s.key(id) after a
			// s.version++) may name two entries.
			if kvapi.KeyMemoryChanged(f, read.op, write.op) || kvapi.KeyMemoryChanged(f, write.op, read.op) {
				continue
			}
			expr := sourceExpr(pass, read.Store)
			d := diag(pass, read, expr, fmt.Sprintf(
				"cacheTtl of %s s is longer than the expirationTtl of %s s written for %s, so reads can return the value after it expired; "+
					"set cacheTtl no higher than the expirationTtl",
				show(read.value), show(write.value), read.op.KeyPhrase()), nil)
			d.Related = []analysis.RelatedInformation{{Pos: write.Store.Pos(), Message: "the expirationTtl is set here"}}
			rep.Report(d)
			break
		}
	}
}

// below reports whether the constant c is a nonzero number less than min. Zero means
// "not set" for syumai/workers and cloudflare-go v0 (omitempty), so it is never reported.
func below(c constant.Value, min int64) bool {
	if c == nil || (c.Kind() != constant.Int && c.Kind() != constant.Float) {
		return false
	}
	if constant.Sign(c) == 0 {
		return false
	}
	return constant.Compare(c, token.LSS, constant.MakeInt64(min))
}

// show formats a folded number for messages: 45, 0.5 (not ExactString's 1/2).
func show(c constant.Value) string {
	if c.Kind() == constant.Float {
		f, _ := constant.Float64Val(c)
		return strconv.FormatFloat(f, 'g', -1, 64)
	}
	return c.String()
}

func diag(pass *analysis.Pass, s setting, expr ast.Expr, msg string, fix *analysis.SuggestedFix) analysis.Diagnostic {
	pos := s.op.Pos()
	if expr != nil {
		pos = expr.Pos()
	}
	d := analysis.Diagnostic{Pos: pos, Message: msg}
	if fix != nil {
		d.SuggestedFixes = []analysis.SuggestedFix{*fix}
	}
	return d
}

// sourceExpr returns the expression stored by st: the value of a KeyValueExpr in a
// composite literal (the store's position is the colon), or the right-hand side of an
// assignment to a field (the position of the field's name).
func sourceExpr(pass *analysis.Pass, st *ssa.Store) ast.Expr {
	file := analysisutil.FileOf(pass, st.Pos())
	if file == nil {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(file, st.Pos(), st.Pos())
	for _, n := range path {
		switch n := n.(type) {
		case *ast.KeyValueExpr:
			if n.Colon == st.Pos() {
				return n.Value
			}
		case *ast.AssignStmt:
			if len(n.Lhs) != len(n.Rhs) {
				return nil
			}
			for i, l := range n.Lhs {
				if sel, ok := l.(*ast.SelectorExpr); ok && sel.Sel.Pos() == st.Pos() {
					return n.Rhs[i]
				}
			}
			return nil
		}
	}
	return nil
}

// exprOf finds, inside outer, the expression whose value is v: the argument of the
// time.Time.Add call or the constant operand of the addition. It matches by constant
// value and type, which is enough inside the one expression that computes the
// expiration.
func exprOf(pass *analysis.Pass, v ssa.Value, outer ast.Expr) ast.Expr {
	if outer == nil {
		return nil
	}
	want := fold(v)
	if want == nil {
		return nil
	}
	var found ast.Expr
	ast.Inspect(outer, func(n ast.Node) bool {
		if found != nil {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			// time.Now().Add(d): d is the offset.
			if fn, ok := typeutil.Callee(pass.TypesInfo, n).(*types.Func); ok && effects.Of(fn)&effects.ClockAdd != 0 && len(n.Args) == 1 {
				if tv, ok := pass.TypesInfo.Types[n.Args[0]]; ok && tv.Value != nil && effects.IsDuration(tv.Type) {
					found = n.Args[0]
					return false
				}
			}
		case *ast.BinaryExpr:
			// time.Now().Unix() + n: n is the offset.
			if n.Op == token.ADD {
				for _, side := range []ast.Expr{n.X, n.Y} {
					if tv, ok := pass.TypesInfo.Types[side]; ok && tv.Value != nil && constant.Compare(tv.Value, token.EQL, want) {
						found = side
						return false
					}
				}
			}
		}
		return true
	})
	return found
}

// fixRaise replaces a constant TTL expression by the minimum. Only expressions that are
// constants in the source are rewritten: a variable would change meaning elsewhere.
func fixRaise(pass *analysis.Pass, expr ast.Expr, min int, what string) *analysis.SuggestedFix {
	expr = fieldArg(pass, expr)
	if expr == nil {
		return nil
	}
	if fix, mentions := fixConstant(pass, expr, int64(min), fmt.Sprintf("so that the %s is the %d s minimum", what, min)); mentions {
		return fix
	}
	tv, ok := pass.TypesInfo.Types[expr]
	if !ok || tv.Value == nil {
		return nil
	}
	text := fmt.Sprint(min)
	if b, ok := tv.Type.Underlying().(*types.Basic); ok && b.Info()&types.IsFloat != 0 {
		// cloudflare.F(60) would infer param.Field[int]; 60.0 keeps float64.
		text += ".0"
	} else if !ok || b.Info()&types.IsInteger == 0 {
		return nil
	}
	return &analysis.SuggestedFix{
		Message:   fmt.Sprintf("Raise %s to the %d s minimum", what, min),
		TextEdits: []analysis.TextEdit{{Pos: expr.Pos(), End: expr.End(), NewText: []byte(text)}},
	}
}

// fixRename moves a TTL written into the absolute Expiration field of a literal to
// ExpirationTTL: {Expiration: 3600} becomes {ExpirationTTL: 3600}. Only when the value
// is a valid TTL and the literal does not set ExpirationTTL already.
func fixRename(pass *analysis.Pass, s setting) *analysis.SuggestedFix {
	if below(s.value, minExpirationTTL) {
		return nil
	}
	file := analysisutil.FileOf(pass, s.Store.Pos())
	if file == nil {
		return nil
	}
	path, _ := astutil.PathEnclosingInterval(file, s.Store.Pos(), s.Store.Pos())
	if len(path) < 2 {
		return nil
	}
	kv, ok := path[0].(*ast.KeyValueExpr)
	lit, ok2 := path[1].(*ast.CompositeLit)
	if !ok || !ok2 || kv.Colon != s.Store.Pos() {
		return nil
	}
	for _, e := range lit.Elts {
		if other, ok := e.(*ast.KeyValueExpr); ok {
			if id, ok := other.Key.(*ast.Ident); ok && id.Name == kvapi.FieldExpirationTTL {
				return nil
			}
		}
	}
	return &analysis.SuggestedFix{
		Message:   "Set the lifetime as ExpirationTTL",
		TextEdits: []analysis.TextEdit{{Pos: kv.Key.Pos(), End: kv.Key.End(), NewText: []byte(kvapi.FieldExpirationTTL)}},
	}
}

// fieldArg looks through parentheses and the cloudflare-go v2–v6 field constructors
// (cloudflare.F(45.0)) to the expression of the number itself.
func fieldArg(pass *analysis.Pass, expr ast.Expr) ast.Expr {
	for expr != nil {
		switch e := expr.(type) {
		case *ast.ParenExpr:
			expr = e.X
			continue
		case *ast.CallExpr:
			var id *ast.Ident
			switch fun := ast.Unparen(e.Fun).(type) {
			case *ast.SelectorExpr:
				id = fun.Sel
			case *ast.IndexExpr: // cloudflare.F[float64](45)
				if sel, ok := fun.X.(*ast.SelectorExpr); ok {
					id = sel.Sel
				}
			}
			if id == nil || len(e.Args) != 1 {
				return expr
			}
			fn, ok := pass.TypesInfo.Uses[id].(*types.Func)
			if !ok || fn.Pkg() == nil || !kvapi.IsClientPackage(fn.Pkg().Path()) || fn.Signature().Recv() != nil {
				return expr
			}
			expr = e.Args[0]
			continue
		}
		return expr
	}
	return nil
}

// fixOffset raises the offset of now + offset to 60 s: a plain number of seconds becomes
// 60; a duration n*unit (30*time.Second, 500*time.Millisecond) gets the n that makes
// 60 s.
func fixOffset(pass *analysis.Pass, expr ast.Expr) *analysis.SuggestedFix {
	tv, ok := pass.TypesInfo.Types[expr]
	if !ok || tv.Value == nil {
		return nil
	}
	want := int64(minExpirationTTL)
	if effects.IsDuration(tv.Type) {
		want *= 1e9
	}
	if fix, mentions := fixConstant(pass, expr, want, fmt.Sprintf("to expire %d s from now", minExpirationTTL)); mentions {
		return fix
	}
	edit := func(e ast.Expr, text string) *analysis.SuggestedFix {
		return &analysis.SuggestedFix{
			Message:   fmt.Sprintf("Expire %d s from now", minExpirationTTL),
			TextEdits: []analysis.TextEdit{{Pos: e.Pos(), End: e.End(), NewText: []byte(text)}},
		}
	}
	if !effects.IsDuration(tv.Type) {
		if isInteger(tv.Type) {
			return edit(expr, fmt.Sprint(minExpirationTTL))
		}
		return nil
	}
	bin, ok := ast.Unparen(expr).(*ast.BinaryExpr)
	if !ok || bin.Op != token.MUL {
		return nil
	}
	for _, pair := range [][2]ast.Expr{{bin.X, bin.Y}, {bin.Y, bin.X}} {
		lit, ok := ast.Unparen(pair[0]).(*ast.BasicLit)
		if !ok || lit.Kind != token.INT {
			continue
		}
		unit, ok := pass.TypesInfo.Types[pair[1]]
		if !ok || unit.Value == nil {
			continue
		}
		ns, ok := constant.Int64Val(unit.Value)
		if !ok || ns <= 0 || (minExpirationTTL*1e9)%ns != 0 {
			continue
		}
		return edit(lit, fmt.Sprint(minExpirationTTL*1e9/ns))
	}
	return nil
}
