package kvapi_test

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/storewise/storewise/analyzers/internal/kvtest"
	"github.com/storewise/storewise/analyzers/kvapi"
	"github.com/storewise/storewise/analyzers/kvrmw"
	"github.com/storewise/storewise/analyzers/kvwriteread"
)

// Wrapper facts: what callers in other packages learn about wrapstore's functions.
func TestWrapperFacts(t *testing.T) {
	analysistest.Run(t, kvtest.Dir(t), kvapi.Analyzer, "wrapstore")
}

// The facts carry across packages: wrapuse imports wrapstore.
func TestWrappersAcrossPackages(t *testing.T) {
	analysistest.Run(t, kvtest.Dir(t), kvrmw.Analyzer, "wrapuse/rmw")
	analysistest.Run(t, kvtest.Dir(t), kvwriteread.Analyzer, "wrapuse/writeread")
}

func TestDirectivesAreChecked(t *testing.T) {
	analysistest.Run(t, kvtest.Dir(t), kvapi.Analyzer, "directives")
}

func setWrappers(t *testing.T, value string) {
	t.Helper()
	if err := kvapi.Analyzer.Flags.Set("wrappers", value); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { kvapi.Analyzer.Flags.Set("wrappers", "") })
}

func TestWrappersFlag(t *testing.T) {
	setWrappers(t, "flagwrap.Store.Get:get:key=0,flagwrap.Store.Set:put:key=0:value=1")
	analysistest.Run(t, kvtest.Dir(t), kvwriteread.Analyzer, "flagwrap")
}

func TestWrappersFlagFile(t *testing.T) {
	file := filepath.Join(t.TempDir(), "wrappers.txt")
	spec := "# the store interface\nflagwrap.Store.Get:get:key=0\nflagwrap.Store.Set:put:key=0:value=1 # setter\n"
	if err := os.WriteFile(file, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	setWrappers(t, "@"+file)
	analysistest.Run(t, kvtest.Dir(t), kvwriteread.Analyzer, "flagwrap")
}

func TestWrappersFlagRejectsBadSpecs(t *testing.T) {
	for name, spec := range map[string]string{
		"no kind":        "pkg.Func",
		"unknown kind":   "pkg.Func:fetch:key=0",
		"no key":         "pkg.Func:get",
		"bad index":      "pkg.Func:get:key=x",
		"ns=recv on fn":  "pkg.Func:get:key=0:ns=recv",
		"unknown option": "pkg.Func:get:key=0:ttl=3",
		"missing file":   "@/nonexistent/wrappers.txt",
	} {
		t.Run(name, func(t *testing.T) {
			if err := kvapi.Analyzer.Flags.Set("wrappers", spec); err == nil {
				t.Errorf("spec %q accepted", spec)
			}
			kvapi.Analyzer.Flags.Set("wrappers", "")
		})
	}
}
