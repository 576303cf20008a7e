package all_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// maxKVAPINames bounds the names kvapi exports, just over the 39 it exports after the
// split of December 2026 (68 before it, counted the same way). kvapi is the KV model only (ARCHITECTURE.md,
// "kvlint's layers"; README.md's layout): operations, clients as data, outcomes, wrappers as facts, the
// reporter the checks share. Generic SSA reasoning belongs in internal/ssaflow and
// knowledge of other code in internal/effects; a new exported name past this bound is
// usually one of those in the wrong layer.
const maxKVAPINames = 40

// TestKVAPIStaysSmall counts the names kvapi exports (types, functions, variables and
// constants; not methods or fields) and fails above maxKVAPINames.
func TestKVAPIStaysSmall(t *testing.T) {
	names := exportedNames(t, filepath.Join("..", "kvapi"))
	if len(names) > maxKVAPINames {
		t.Errorf("kvapi exports %d names, more than %d: %s\n"+
			"kvapi holds the KV model only; put generic SSA reasoning in internal/ssaflow and knowledge of other code in internal/effects "+
			"(see ARCHITECTURE.md, \"kvlint's layers\", and the layout in README.md), or unexport what no check needs",
			len(names), maxKVAPINames, strings.Join(names, " "))
	}
	t.Logf("kvapi exports %d names", len(names))
}

// exportedNames returns the exported package-level names declared in dir's non-test Go
// files, sorted.
func exportedNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var names []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			switch d := d.(type) {
			case *ast.FuncDecl:
				if d.Recv == nil && d.Name.IsExported() {
					names = append(names, d.Name.Name)
				}
			case *ast.GenDecl:
				for _, s := range d.Specs {
					switch s := s.(type) {
					case *ast.TypeSpec:
						if s.Name.IsExported() {
							names = append(names, s.Name.Name)
						}
					case *ast.ValueSpec:
						for _, n := range s.Names {
							if n.IsExported() {
								names = append(names, n.Name)
							}
						}
					}
				}
			}
		}
	}
	slices.Sort(names)
	return names
}

// TestLowerLayersKnowNoKV holds internal/ssaflow and internal/effects below kvapi
// (ARCHITECTURE.md, "kvlint's layers"): they import neither kvapi nor a check, and no
// string literal of theirs names a KV client's module.
func TestLowerLayersKnowNoKV(t *testing.T) {
	for _, dir := range []string{"ssaflow", "effects"} {
		path := filepath.Join("..", "internal", dir)
		entries, err := os.ReadDir(path)
		if err != nil {
			t.Fatal(err)
		}
		fset := token.NewFileSet()
		for _, e := range entries {
			if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, filepath.Join(path, e.Name()), nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if rest, ok := strings.CutPrefix(p, "github.com/storewise/storewise/analyzers/"); ok && strings.HasPrefix(rest, "kv") {
					t.Errorf("%s/%s imports %s: the lower layers know no KV", dir, e.Name(), p)
				}
			}
			ast.Inspect(f, func(n ast.Node) bool {
				if lit, ok := n.(*ast.BasicLit); ok && lit.Kind == token.STRING {
					if s, _ := strconv.Unquote(lit.Value); strings.Contains(s, "syumai/workers") || strings.Contains(s, "cloudflare-go") {
						t.Errorf("%s: %s names a KV client (%q): that is kvapi's client table", dir, fset.Position(lit.Pos()), s)
					}
				}
				return true
			})
		}
	}
}
