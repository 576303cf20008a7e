// Package analysisutil holds what kvlint's analyzers share as go/analysis passes, apart
// from any KV knowledge: their documentation read from doc.go, the file of a position.
package analysisutil

import (
	"go/ast"
	"go/token"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// FileOf returns the file of the pass that holds pos, or nil.
func FileOf(pass *analysis.Pass, pos token.Pos) *ast.File {
	for _, f := range pass.Files {
		if f.FileStart <= pos && pos <= f.FileEnd {
			return f
		}
	}
	return nil
}

// DocOf extracts an analyzer's documentation from the source of its doc.go: the comment
// from the line "name: summary" on, with the comment markers removed, as x/tools passes
// keep their Doc in the package comment.
func DocOf(src, name string) string {
	var out []string
	started := false
	for _, l := range strings.Split(src, "\n") {
		if !strings.HasPrefix(l, "//") {
			if started {
				break
			}
			continue
		}
		text := strings.TrimPrefix(strings.TrimPrefix(l, "//"), " ")
		if !started {
			rest, ok := strings.CutPrefix(text, name+": ")
			if !ok {
				continue
			}
			started, text = true, rest
		}
		out = append(out, text)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}
