package kvrmw

import (
	_ "embed"

	"golang.org/x/tools/go/analysis"

	"github.com/storewise/storewise/analyzers/internal/analysisutil"
	"github.com/storewise/storewise/analyzers/internal/ssaflow"
	"github.com/storewise/storewise/analyzers/kvapi"
)

//go:embed doc.go
var doc string

const name = "kvrmw"

// Analyzer reports a value read from a KV key that flows into a write of the same key.
var Analyzer = &analysis.Analyzer{
	Name:     name,
	Doc:      analysisutil.DocOf(doc, name),
	URL:      "https://github.com/storewise/storewise/blob/main/docs/checks.md#kvrmw",
	Requires: []*analysis.Analyzer{kvapi.Analyzer},
	Run:      kvapi.EachFunc(name, check),
}

func check(_ *analysis.Pass, rep *kvapi.Reporter, f *kvapi.FuncOps) {
	reported := map[*kvapi.Op]bool{}
	for _, get := range f.Ops {
		if get.Kind != kvapi.Get || get.Result == nil || get.Key == nil {
			continue
		}
		var taint ssaflow.Tainted // built on first need: most gets have no matching put
		for _, put := range f.Ops {
			if put.Kind != kvapi.Put || put.Value == nil || reported[put] || !kvapi.SameEntry(get, put) {
				continue
			}
			if !f.Flow().Reaches(get.Call, put.Call) {
				continue
			}
			// get("k:"+req.Key); req.Key = other; put("k:"+req.Key, ...): equal terms,
			// but the put may write another key.
			if kvapi.KeyMemoryChanged(f, get, put) {
				continue
			}
			// put(k, "pro"); if err := charge(); err != nil { put(k, old) }: the value read
			// is written back only when a step after the change failed.
			if rollback(f, get, put) {
				continue
			}
			if taint == nil {
				taint = f.Flow().Taint(get.Result)
			}
			if !taint.Has(put.Value) {
				continue
			}
			reported[put] = true
			rep.Reportf(put.Pos(), get.Pos(), "the value is read here",
				"read-modify-write of %s: the value written by %s comes from the %s above, so concurrent updates are lost; "+
					"keep this state in a Durable Object",
				put.KeyPhrase(), put.Describe(), get.Describe())
		}
	}
}

// rollback reports whether put undoes another write of its entry made after get.
func rollback(f *kvapi.FuncOps, get, put *kvapi.Op) bool {
	for _, first := range f.Ops {
		if first.Kind == kvapi.Put && f.Flow().Reaches(get.Call, first.Call) && kvapi.Rollback(f, first, put) {
			return true
		}
	}
	return false
}
