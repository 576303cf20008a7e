package all_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// passPackages are the check packages: they ask kvapi (the KV model, each client as
// data) and internal/effects (what known functions do), and name no package, function
// or not-found signal themselves.
var passPackages = []string{"kvrmw", "kvwriteread", "kvexists", "kvttl", "kvhotkey"}

var (
	exportedIdent = regexp.MustCompile(`^[A-Z][A-Za-z0-9_]*$`)              // PutString, StatusCode
	qualified     = regexp.MustCompile(`^\(?\*?[a-z][\w./-]*\.[A-Za-z]\w*`) // fmt.Errorf, (*rate.Limiter).Wait
	modulePath    = regexp.MustCompile(`^[a-z0-9-]+(\.[a-z0-9-]+)+/`)       // github.com/...
	signal        = regexp.MustCompile(`^<[a-z]+>$`)                        // <null>
)

// TestPassesNameNoCode enforces the layering of ARCHITECTURE.md ("kvlint's layers"): a
// string literal of a check package that is a package path, a Go identifier of an API,
// a qualified function name or a not-found signal is knowledge that belongs in kvapi's
// client table or in internal/effects. Prose (a message naming "<null>" among other
// words) is output, not knowledge, and is allowed.
func TestPassesNameNoCode(t *testing.T) {
	std := stdPackages(t)
	for _, pkg := range passPackages {
		dir := filepath.Join("..", pkg)
		fset := token.NewFileSet()
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			name := e.Name()
			if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
			if err != nil {
				t.Fatal(err)
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.ImportSpec, *ast.Field: // import paths; struct tags
					return false
				case *ast.BasicLit:
					if n.Kind != token.STRING {
						return true
					}
					s, err := strconv.Unquote(n.Value)
					if err != nil {
						return true
					}
					if why := namesCode(s, std); why != "" {
						t.Errorf("%s: %s names %s: ask kvapi or internal/effects instead", fset.Position(n.Pos()), n.Value, why)
					}
				}
				return true
			})
		}
	}
}

// namesCode says what s names ("" when nothing): a package, an API identifier, a
// qualified function or a not-found signal.
func namesCode(s string, std map[string]bool) string {
	switch {
	case s == "":
		return ""
	case std[s]:
		return "a standard package"
	case modulePath.MatchString(s):
		return "a module's package"
	case signal.MatchString(s):
		return "a not-found signal"
	case exportedIdent.MatchString(s):
		return "a Go identifier"
	case qualified.MatchString(s) && !strings.Contains(s, " "):
		return "a qualified function"
	}
	return ""
}

// stdPackages lists the standard library's import paths, from the go command that runs
// the test.
func stdPackages(t *testing.T) map[string]bool {
	out, err := exec.Command("go", "list", "std").Output()
	if err != nil {
		t.Fatalf("go list std: %v", err)
	}
	m := map[string]bool{}
	for _, p := range strings.Fields(string(out)) {
		m[p] = true
	}
	return m
}

// TestNamesCode: the detector itself, on what it must and must not flag.
func TestNamesCode(t *testing.T) {
	std := map[string]bool{"time": true, "net/http": true}
	for s, want := range map[string]bool{
		"time": true, "net/http": true, "github.com/syumai/workers": true, "<null>": true,
		"PutString": true, "StatusCode": true, "fmt.Errorf": true, "(*golang.org/x/time/rate.Limiter).Wait": true,
		"kvrmw": false, "written": false, "expirationTtl": false, "": false,
		`%s returns the string "<null>" and a nil error`: false, "read-modify-write of %s": false,
	} {
		if got := namesCode(s, std) != ""; got != want {
			t.Errorf("namesCode(%q) = %v, want %v", s, got, want)
		}
	}
}
