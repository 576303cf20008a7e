package kvexists

import (
	_ "embed"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/ssa"

	"github.com/storewise/storewise/analyzers/internal/analysisutil"
	"github.com/storewise/storewise/analyzers/internal/effects"
	"github.com/storewise/storewise/analyzers/internal/ssaflow"
	"github.com/storewise/storewise/analyzers/kvapi"
)

//go:embed doc.go
var doc string

const name = "kvexists"

// Analyzer reports KV writes decided by whether a read of the same key found it.
var Analyzer = &analysis.Analyzer{
	Name:     name,
	Doc:      analysisutil.DocOf(doc, name),
	URL:      "https://github.com/storewise/storewise/blob/main/docs/checks.md#kvexists",
	Requires: []*analysis.Analyzer{kvapi.Analyzer},
	Run:      kvapi.EachFunc(name, check),
}

func check(_ *analysis.Pass, rep *kvapi.Reporter, f *kvapi.FuncOps) {
	checkExistsByError(rep, f)
	for _, get := range f.Ops {
		if get.Kind != kvapi.Get || (get.Result == nil && get.Err == nil) {
			continue
		}
		var taint, uses ssaflow.Tainted
		if get.Result != nil {
			taint = f.Flow().Taint(get.Result)
			uses = derived(f, get, taint)
		}
		// v == "" after a test of "<null>" looks for a stored empty value: only a
		// function that never tests "<null>" mistakes "" for missing.
		nullTested := kvapi.TestsMissing(f.Fn, get)
		branches := kvapi.Outcomes(f.Fn, get)
		if name := get.NotFoundError(); name != "" {
			for _, t := range kvapi.ObsoleteNullTests(f.Fn, get) {
				rep.Reportf(t.Pos, get.Pos(), "the value is read here",
					`%s returns %s for a missing key, never %q: this test never sees one; test errors.Is(err, %s)`,
					get.Describe(), name, t.Value, name)
			}
		}
	tests:
		for _, br := range branches {
			t := br
			if t.Kind == kvapi.EmptyTest && !nullTested && !onlyParsedAsNumber(get.Result) {
				rep.Reportf(t.Pos, get.Pos(), "the value is read here",
					`%s returns the string "<null>" and a nil error for a missing key, never "": this test never sees one; compare with "<null>"`,
					get.Describe())
			}
			for _, w := range f.Ops {
				if !w.Kind.IsWrite() || !kvapi.SameEntry(get, w) || !f.Flow().Reaches(get.Call, w.Call) {
					continue
				}
				if kvapi.KeyMemoryChanged(f, get, w) {
					continue // the key is read from memory that changes in between: maybe another key
				}
				if readsBackOwnWrite(f, get) {
					// put(k, token); if get(k) == token { delete(k) }: the function checks its
					// own write, not whether someone else holds the key. kvwriteread reports
					// the read-back, and the remedy here (a unique constraint) would not apply.
					continue
				}
				side := br.Side(w.Block())
				if side < 0 {
					continue
				}
				if t.Kind == kvapi.ErrorTest && side != t.MissingSide {
					continue // error handling, then a write: not a check of existence
				}
				if w.Kind == kvapi.Put && taint.Has(w.Value) {
					continue // the write depends on the read: kvrmw's ground
				}
				// The wrong signal is reported even when the write fills a cache: a missing
				// key comes back as "<null>" with a nil error, so the error side never runs
				// for it, the cache never fills, and the hit side serves "<null>". Unless
				// the function also tests "<null>": then the error side is a fallback after
				// a failed read, and the cache does fill.
				wrongSignal := t.Kind == kvapi.ErrorTest && get.Signal.ByValue()
				if w.Kind == kvapi.Put && (!wrongSignal || nullTested) && cacheAside(f, branches, w, get, uses) {
					continue // cache-aside: found → use the value; missing → fill from the origin
				}
				if wrongSignal && w.Kind == kvapi.Put && cacheAside(f, branches, w, get, uses) {
					// A cache, not a claim: the advice is the right miss test, not D1.
					rep.Reportf(w.Pos(), get.Pos(), "the key is read here",
						`cache fill on the wrong signal: %s returns %s and a nil error for a missing key, so this error branch never runs for one; `+
							`fill when the value is %s`, get.Describe(), get.MissingValue(), get.MissingValue())
				} else if wrongSignal {
					rep.Reportf(w.Pos(), get.Pos(), "the key is read here",
						`check-then-act on %s with the wrong signal: %s returns %s and a nil error for a missing key, so this error branch does not mean "missing"; `+
							"use a Durable Object or a D1 unique constraint", w.KeyPhrase(), get.Describe(), get.MissingValue())
				} else {
					decides := "whether " + get.Describe() + " found the key"
					if t.Kind == kvapi.ValueTest {
						decides = "the value " + get.Describe() + " read"
					}
					rep.Reportf(w.Pos(), get.Pos(), "the key is read here",
						"check-then-act on %s: %s decides this %s, and two requests can both see \"missing\"; "+
							"use a Durable Object or a D1 unique constraint",
						w.KeyPhrase(), decides, w.Describe())
				}
				break tests
			}
		}
	}
}

// checkExistsByError reports a function named for existence (Exists, Has, Contains, IsSet)
// that answers with the error of a get whose client signals a missing key by its value:
// func (s *Store) Exists(k string) bool { _, err := s.ns.GetString(k, nil); return err == nil }
// says true for every key on syumai/workers. Only the name tells that the boolean means
// "exists" (return err == nil in a health check means "reachable"), so other functions are
// not judged.
func checkExistsByError(rep *kvapi.Reporter, f *kvapi.FuncOps) {
	if !effects.NamedForExistence(f.Fn.Name()) {
		return
	}
	for _, get := range f.Ops {
		if get.Kind != kvapi.Get || get.Signal != kvapi.SignalNull || get.Err == nil {
			continue
		}
		for _, ret := range ssaflow.Returns(f.Fn) {
			for _, r := range ret.Results {
				cmp, ok := ssaflow.Unwrap(r).(*ssa.BinOp)
				if !ok {
					continue
				}
				if x, _, ok := ssaflow.NilTest(cmp); !ok || ssaflow.Unwrap(x) != get.Err {
					continue
				}
				rep.Reportf(cmp.Pos(), get.Pos(), "the key is read here",
					`%s answers with the error of %s, which is nil for a missing key: it says every key exists; compare the value with "<null>"`,
					f.Fn.Name(), get.Describe())
			}
		}
	}
}

// readsBackOwnWrite reports whether a write of get's entry in the same function can run
// before get: the read is then a read-back of that write.
func readsBackOwnWrite(f *kvapi.FuncOps, get *kvapi.Op) bool {
	for _, w := range f.Ops {
		if w.Kind.IsWrite() && kvapi.SameEntry(w, get) && f.Flow().Reaches(w.Call, get.Call) && !kvapi.KeyMemoryChanged(f, w, get) {
			return true
		}
	}
	return false
}

// cacheAside reports whether the put w is the miss side of cache-aside: some test of the
// get's outcome has w on its missing side (or on one side, when the polarity of the test
// is unknown) and uses the value read on its other side. Any test will do, not only the
// one being reported: "if err == nil { return v }" followed by a not-found test
// that guards the fill is the same cache-aside as a single 404 test with the fill on one
// side and the hit on the other. (The caller has already excluded a w whose value comes
// from the read.)
func cacheAside(f *kvapi.FuncOps, branches []*kvapi.Outcome, w, get *kvapi.Op, uses ssaflow.Tainted) bool {
	for _, br := range branches {
		side := br.Side(w.Block())
		if side < 0 || (br.MissingSide >= 0 && side != br.MissingSide) {
			continue
		}
		if usesReadValue(f, br, side, get, uses) {
			return true
		}
	}
	return false
}

// derived extends the values that depend on the read (taint) with what is computed from
// a comparison of one of them with a constant: "return v == \"allow\"" hands on a cached
// decision, which is using the value as much as "return v" is. Comparisons with the
// not-found signals ("<null>", "<undefined>", "", nil) are excluded: returning whether
// the key exists is not using its value. A comparison with a non-constant (v == owner)
// is excluded too: "is it mine already?" is the found side of a claim. So is a boolean
// that a pure function computes from the value and a non-constant
// (strings.HasPrefix(holder, me+":")), unlike one it computes from the value and
// constants only (strings.HasPrefix(v, "allow:"), strconv.ParseBool(v)).
func derived(f *kvapi.FuncOps, get *kvapi.Op, taint ssaflow.Tainted) ssaflow.Tainted {
	var seeds []ssa.Value
	for _, b := range f.Fn.Blocks {
		for _, instr := range b.Instrs {
			if call, ok := instr.(*ssa.Call); ok && transforms(call.Call.StaticCallee()) && decidedByConstants(call.Call.Args, taint) {
				seeds = append(seeds, call)
				continue
			}
			c, ok := instr.(*ssa.BinOp)
			if !ok {
				continue
			}
			if !ssaflow.IsComparison(c.Op) {
				continue
			}
			x, k := c.X, c.Y
			if !taint.Has(x) {
				x, k = k, x
			}
			konst, ok := ssaflow.Unwrap(k).(*ssa.Const)
			if !taint.Has(x) || !ok || konst.Value == nil || kvapi.IsMissingConst(konst.Value) {
				continue
			}
			seeds = append(seeds, c)
		}
	}
	var decisions ssaflow.Tainted
	if len(seeds) > 0 {
		decisions = f.Flow().Taint(seeds...)
	}
	uses := ssaflow.Tainted{}
	for v := range taint {
		if v != get.Result && ssaflow.IsBool(v.Type()) && !decisions[v] {
			continue // strings.EqualFold(holder, me): "is it mine?", like holder == me
		}
		uses[v] = true
	}
	for v := range decisions {
		uses[v] = true
	}
	return uses
}

// decidedByConstants reports whether a call's arguments are all values read (taint) or
// constants, with at least one value read: what it computes is a function of the value.
func decidedByConstants(args []ssa.Value, taint ssaflow.Tainted) bool {
	read := false
	for _, a := range args {
		switch {
		case taint.Has(a):
			read = true
		case isConst(a):
		default:
			return false
		}
	}
	return read
}

func isConst(v ssa.Value) bool {
	_, ok := ssaflow.Unwrap(v).(*ssa.Const)
	return ok
}

func firstInstr(b *ssa.BasicBlock) ssa.Instruction {
	if len(b.Instrs) == 0 {
		return nil
	}
	return b.Instrs[0]
}

// onlyParsedAsNumber reports whether the value read is only compared with constants and
// parsed as a number (strconv.Atoi and the like): "<null>" then parses to the zero value
// and an error exactly as "" does, so a test of "" is redundant, not a missed "missing".
func onlyParsedAsNumber(v ssa.Value) bool {
	refs := v.Referrers()
	if refs == nil {
		return false
	}
	parsed := false
	for _, r := range *refs {
		switch x := r.(type) {
		case *ssa.DebugRef:
		case *ssa.BinOp:
			if ssaflow.ConstCompared(x, v) == nil {
				return false
			}
		case *ssa.Call:
			args := x.Call.Args
			if effects.OfSSA(x.Call.StaticCallee())&effects.ParsesNumber == 0 || len(args) == 0 || args[0] != v {
				return false
			}
			parsed = true
		default:
			return false
		}
	}
	return parsed
}
