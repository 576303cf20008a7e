package kvts

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	sitter "github.com/smacker/go-tree-sitter"
	"github.com/smacker/go-tree-sitter/javascript"
	"github.com/smacker/go-tree-sitter/typescript/tsx"
	"github.com/smacker/go-tree-sitter/typescript/typescript"
)

// node is a syntax node copied out of tree-sitter's C tree once, so that the checks walk Go
// memory (no cgo call per step) and the C tree is freed at once.
type node struct {
	kind   string // tree-sitter's node type: "call_expression", "identifier", "+", ...
	field  string // the field this node fills in its parent ("function", "left"), or ""
	named  bool   // false for punctuation and operators
	start  int    // byte offsets into the file
	end    int
	line   int // 1-based
	col    int // 1-based, in bytes, as go/token counts
	parent *node
	kids   []*node
	file   *file
}

// file is one parsed source file.
type file struct {
	path string // as given to the checks (relative to the project's parent when possible)
	src  []byte
	root *node
}

func (n *node) text() string { return string(n.file.src[n.start:n.end]) }

// child returns the first child filling field, or nil.
func (n *node) child(field string) *node {
	if n == nil {
		return nil
	}
	for _, k := range n.kids {
		if k.field == field {
			return k
		}
	}
	return nil
}

// namedKids returns the named children (no punctuation).
func (n *node) namedKids() []*node {
	var out []*node
	for _, k := range n.kids {
		if k.named && k.kind != "comment" {
			out = append(out, k)
		}
	}
	return out
}

// walk calls f on n and its descendants in source order; f returning false skips the
// node's children.
func (n *node) walk(f func(*node) bool) {
	if n == nil || !f(n) {
		return
	}
	for _, k := range n.kids {
		k.walk(f)
	}
}

// within reports whether n is anc or lies inside it.
func (n *node) within(anc *node) bool {
	for p := n; p != nil; p = p.parent {
		if p == anc {
			return true
		}
	}
	return false
}

// unparen looks through parentheses, non-null assertions and type assertions (`(x as T)`,
// `x!`, `<T>x`, `x satisfies T`), which change nothing at run time.
func unparen(n *node) *node {
	for n != nil {
		switch n.kind {
		case "parenthesized_expression", "non_null_expression", "as_expression", "satisfies_expression", "type_assertion":
			nk := n.namedKids()
			if len(nk) == 0 {
				return n
			}
			if n.kind == "type_assertion" {
				n = nk[len(nk)-1]
			} else {
				n = nk[0]
			}
		default:
			return n
		}
	}
	return nil
}

// language picks the grammar by file extension: TSX for .tsx, TypeScript for .ts/.mts/.cts,
// JavaScript (with JSX) for the rest.
func language(path string) *sitter.Language {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".tsx":
		return tsx.GetLanguage()
	case ".ts", ".mts", ".cts":
		return typescript.GetLanguage()
	default:
		return javascript.GetLanguage()
	}
}

// maxNodes bounds the syntax tree kept for one file, so that a generated or hostile file
// cannot exhaust memory; a larger file is skipped with a note.
const maxNodes = 4_000_000

// parse parses src and copies the tree into Go memory.
func parse(ctx context.Context, p *sitter.Parser, path string, src []byte) (*file, error) {
	p.SetLanguage(language(path))
	tree, err := p.ParseCtx(ctx, nil, src)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	defer tree.Close()
	f := &file{path: path, src: src}
	root, ok := flatten(tree.RootNode(), language(path), f, maxNodes)
	if !ok {
		return nil, fmt.Errorf("%s: more than %d syntax nodes, not analysed", path, maxNodes)
	}
	f.root = root
	return f, nil
}
