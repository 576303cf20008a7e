package kvwriteread

import (
	_ "embed"
	"fmt"

	"golang.org/x/tools/go/analysis"

	"github.com/storewise/storewise/analyzers/internal/analysisutil"
	"github.com/storewise/storewise/analyzers/internal/ssaflow"
	"github.com/storewise/storewise/analyzers/kvapi"
)

//go:embed doc.go
var doc string

const name = "kvwriteread"

// Analyzer reports a get of a KV key that can run after a put or delete of that key.
var Analyzer = &analysis.Analyzer{
	Name:     name,
	Doc:      analysisutil.DocOf(doc, name),
	URL:      "https://github.com/storewise/storewise/blob/main/docs/checks.md#kvwriteread",
	Requires: []*analysis.Analyzer{kvapi.Analyzer},
	Run:      kvapi.EachFunc(name, check),
}

func check(pass *analysis.Pass, rep *kvapi.Reporter, f *kvapi.FuncOps) {
	for _, read := range f.Ops {
		if read.Kind != kvapi.Get || read.Key == nil {
			continue
		}
		// Tests write and read back to check the code under test, usually against a
		// local fake; flagging them would be noise.
		if rep.InTestFile(read.Pos()) {
			continue
		}
		// Report each read once, against the first write that reaches it.
		for _, write := range f.Ops {
			if !write.Kind.IsWrite() || write.Call == read.Call || !kvapi.SameEntry(write, read) {
				continue
			}
			if !f.Flow().Reaches(write.Call, read.Call) {
				continue
			}
			// put("k:"+c.Key); c.Next(); get("k:"+c.Key): equal terms, but the memory the
			// key is read from changes in between, so the read may be of another key.
			if kvapi.KeyMemoryChanged(f, write, read) {
				continue
			}
			// A read that runs only when the write failed (if err := put(); err != nil
			// { serve what is stored }) cannot see a stale value: nothing was written.
			// For a wrapper, Err is set only when its error says the write did not
			// happen.
			if ssaflow.OnErrorSide(write.Err, read.Block()) {
				continue
			}
			what := "written"
			if write.Kind == kvapi.Delete {
				what = "deleted"
			}
			d := analysis.Diagnostic{
				Pos: read.Pos(),
				Message: fmt.Sprintf("read after write of %s: %s can return what was stored before the %s above; "+
					"use the value you wrote instead of reading it back",
					read.KeyPhrase(), read.Describe(), write.Describe()),
				Related: []analysis.RelatedInformation{{Pos: write.Pos(), Message: "the key is " + what + " here"}},
			}
			if fix := fixReadBack(pass, f.Flow(), write, read); fix != nil {
				d.SuggestedFixes = []analysis.SuggestedFix{*fix}
			}
			rep.Report(d)
			break
		}
	}
}
