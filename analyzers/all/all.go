// Package all lists every kvlint pass, so that the kvlint command, the golangci-lint
// plugin and advisor --scan run the same set.
package all

import (
	"golang.org/x/tools/go/analysis"

	"github.com/storewise/storewise/analyzers/kvapi"
	"github.com/storewise/storewise/analyzers/kvexists"
	"github.com/storewise/storewise/analyzers/kvhotkey"
	"github.com/storewise/storewise/analyzers/kvrmw"
	"github.com/storewise/storewise/analyzers/kvttl"
	"github.com/storewise/storewise/analyzers/kvwriteread"
)

// Analyzers returns the kvlint analyzers: the passes, and kvlint itself (the shared KV
// model, which reports malformed //kvlint:ignore directives and owns -kvlint.wrappers).
func Analyzers() []*analysis.Analyzer {
	return []*analysis.Analyzer{
		kvapi.Analyzer,
		kvrmw.Analyzer,
		kvwriteread.Analyzer,
		kvexists.Analyzer,
		kvttl.Analyzer,
		kvhotkey.Analyzer,
	}
}
