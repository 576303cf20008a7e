package kvttl

import (
	"go/constant"
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/storewise/storewise/analyzers/internal/effects"
	"github.com/storewise/storewise/analyzers/internal/ssaflow"
	"github.com/storewise/storewise/analyzers/kvapi"
)

// The compiler folds constant expressions (int(45*time.Second/time.Second) is the
// constant 45 in SSA), but not values kept in local variables: d := 45*time.Second;
// int(d/time.Second) is a division of two constants in SSA. fold finishes the job with
// go/constant. It never guesses: a value that depends on anything else is not constant.

const maxFoldDepth = 16

// fold returns the constant value of v, or nil.
func fold(v ssa.Value) constant.Value { return foldDepth(v, 0) }

func foldDepth(v ssa.Value, depth int) constant.Value {
	if v == nil || depth > maxFoldDepth {
		return nil
	}
	switch x := v.(type) {
	case *ssa.Const:
		if x.Value == nil {
			return nil
		}
		return x.Value
	case *ssa.ChangeType:
		return foldDepth(x.X, depth+1)
	case *ssa.MakeInterface:
		return foldDepth(x.X, depth+1)
	case *ssa.Convert:
		c := foldDepth(x.X, depth+1)
		if c == nil {
			return nil
		}
		return convert(c, x.Type())
	case *ssa.UnOp:
		if x.Op != token.SUB {
			return nil
		}
		c := foldDepth(x.X, depth+1)
		if c == nil {
			return nil
		}
		return constant.UnaryOp(token.SUB, c, 0)
	case *ssa.BinOp:
		a, b := foldDepth(x.X, depth+1), foldDepth(x.Y, depth+1)
		if a == nil || b == nil {
			return nil
		}
		op := x.Op
		switch op {
		case token.ADD, token.SUB, token.MUL:
		case token.QUO:
			if constant.Sign(b) == 0 {
				return nil
			}
			if isInteger(x.Type()) {
				op = token.QUO_ASSIGN // integer division, as Go does at run time
			}
		case token.REM:
			if constant.Sign(b) == 0 || !isInteger(x.Type()) {
				return nil
			}
		default:
			return nil
		}
		return constant.BinaryOp(a, op, b)
	case *ssa.Call:
		// d.Seconds() of a constant duration d.
		if fn := x.Call.StaticCallee(); fn != nil && effects.OfSSA(fn)&effects.DurationSeconds != 0 && len(x.Call.Args) == 1 {
			d := foldDepth(x.Call.Args[0], depth+1)
			if d == nil {
				return nil
			}
			return constant.BinaryOp(constant.ToFloat(d), token.QUO, constant.MakeInt64(1e9))
		}
		if inner := kvapi.ParamFieldValue(x); inner != ssa.Value(x) {
			return foldDepth(inner, depth+1)
		}
	}
	return nil
}

// convert applies a conversion to a constant as Go does for a run-time value: float to
// integer truncates toward zero.
func convert(c constant.Value, t types.Type) constant.Value {
	b, ok := t.Underlying().(*types.Basic)
	if !ok {
		return nil
	}
	switch {
	case b.Info()&types.IsInteger != 0:
		if c.Kind() == constant.Float {
			f, _ := constant.Float64Val(c)
			return constant.MakeInt64(int64(f))
		}
		return constant.ToInt(c)
	case b.Info()&types.IsFloat != 0:
		return constant.ToFloat(c)
	}
	return nil
}

func isInteger(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

// clockCall returns the call v is when it statically calls a function with effect e
// (time.Now, (time.Time).Unix, (time.Time).Add).
func clockCall(v ssa.Value, e effects.Effect) (*ssa.Call, bool) {
	call, ok := ssaflow.Unwrap(v).(*ssa.Call)
	if !ok {
		return nil, false
	}
	return call, effects.OfSSA(call.Call.StaticCallee())&e != 0
}

// nowPlus recognises an absolute expiration computed as now plus a constant offset, and
// returns the offset in seconds:
//
//	time.Now().Add(d).Unix()   (d a constant duration)
//	time.Now().Unix() + n      (n constant seconds; n + time.Now().Unix() too)
//	time.Now().Unix() - n      (offsetArg nil)
//
// Conversions (int(...), float64(...)) and cloudflare.F around them are looked
// through. offsetArg is the value holding the offset, for locating it in the source.
func nowPlus(v ssa.Value) (seconds constant.Value, offsetArg ssa.Value, ok bool) {
	v = ssaflow.Unwrap(kvapi.ParamFieldValue(ssaflow.Unwrap(v)))
	if call, ok := clockCall(v, effects.ClockUnix); ok && len(call.Call.Args) == 1 {
		add, ok := clockCall(call.Call.Args[0], effects.ClockAdd)
		if !ok || len(add.Call.Args) != 2 {
			return nil, nil, false
		}
		if _, ok := clockCall(add.Call.Args[0], effects.ClockNow); !ok {
			return nil, nil, false
		}
		d := fold(add.Call.Args[1])
		if d == nil {
			return nil, nil, false
		}
		return constant.BinaryOp(d, token.QUO_ASSIGN, constant.MakeInt64(1e9)), add.Call.Args[1], true
	}
	if bin, ok := v.(*ssa.BinOp); ok && bin.Op == token.SUB {
		// time.Now().Unix() - n: in the past. No offset to locate: raising n would
		// only move it further back.
		if unix, ok := clockCall(bin.X, effects.ClockUnix); ok && len(unix.Call.Args) == 1 {
			if _, ok := clockCall(unix.Call.Args[0], effects.ClockNow); ok {
				if n := fold(bin.Y); n != nil {
					return constant.UnaryOp(token.SUB, n, 0), nil, true
				}
			}
		}
	}
	if bin, ok := v.(*ssa.BinOp); ok && bin.Op == token.ADD {
		for _, side := range [][2]ssa.Value{{bin.X, bin.Y}, {bin.Y, bin.X}} {
			unix, ok := clockCall(side[0], effects.ClockUnix)
			if !ok || len(unix.Call.Args) != 1 {
				continue
			}
			if _, ok := clockCall(unix.Call.Args[0], effects.ClockNow); !ok {
				continue
			}
			if n := fold(side[1]); n != nil {
				return n, side[1], true
			}
		}
	}
	return nil, nil, false
}
