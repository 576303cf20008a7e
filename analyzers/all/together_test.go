package all

import (
	"fmt"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/storewise/storewise/analyzers/internal/kvtest"
)

// quiet is an analysistest.Testing that ignores the testdata's `// want` comments: they
// are each pass's expectations, checked by its own tests. Here only packages that do not
// load, a crash or, under -race (make test runs this test so), a data race fails.
type quiet struct{ *testing.T }

func (q quiet) Errorf(format string, args ...any) {
	if msg := fmt.Sprintf(format, args...); strings.HasPrefix(msg, "loading ") {
		q.T.Error(msg)
	}
}

// The passes share the kvapi pass's result (the functions, their operations and their
// control flow, built lazily) and the driver runs them concurrently on one package, as
// kvlint, go vet and golangci-lint do: state they fill in as they go must be locked.
func TestPassesRunTogether(t *testing.T) {
	together := &analysis.Analyzer{
		Name:     "together",
		Doc:      "runs every pass on one package at once",
		Requires: Analyzers(),
		Run:      func(*analysis.Pass) (any, error) { return nil, nil },
	}
	results := analysistest.Run(quiet{t}, kvtest.Dir(t), together,
		"writeread", "writereadfix", "hotkey", "rmw", "exists", "ttl", "identity", "wrapuse/...", "directives", "idioms/...")
	if len(results) < 9 {
		t.Fatalf("%d results, want one per package", len(results))
	}
	for _, r := range results {
		if r.Err != nil {
			t.Errorf("%v", r.Err)
		}
	}
}
