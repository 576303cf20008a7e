package kvapi_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
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

// A SPEC names a method by the type the caller holds: an interface that declares it by
// embedding another, an alias, a struct that embeds the client. A type embedding the
// same methods and not named stays silent. Messages name the type the caller holds
// (Store.Get, not the Reader.Get that declares it).
func TestWrappersFlagPromotedMethods(t *testing.T) {
	var specs []string
	for _, typ := range []string{"Store", "Cache", "Service"} {
		specs = append(specs, "flagiface/store."+typ+".Get:get:key=0", "flagiface/store."+typ+".Set:put:key=0:value=1")
	}
	setWrappers(t, strings.Join(specs, ","))
	analysistest.Run(t, kvtest.Dir(t), kvrmw.Analyzer, "flagiface/use")
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

// A bad SPEC is refused with an error that quotes it, says what is wrong and shows the
// syntax; a bad line of a @FILE is named FILE:LINE.
func TestWrappersFlagRejectsBadSpecs(t *testing.T) {
	for name, tc := range map[string]struct {
		spec string
		want []string // substrings of the error, besides the quoted spec
	}{
		"no kind":        {"pkg.Func", []string{"missing kind"}},
		"unknown kind":   {"pkg.Func:fetch:key=0", []string{"unknown kind fetch"}},
		"no key":         {"pkg.Func:get", []string{"missing key=N"}},
		"bad index":      {"pkg.Func:get:key=x", []string{"bad index x"}},
		"ns=recv on fn":  {"pkg.Func:get:key=0:ns=recv", []string{"ns=recv needs a method"}},
		"unknown option": {"pkg.Func:get:key=0:ttl=3", []string{"unknown option ttl"}},
		"no package":     {"Func:get:key=0", []string{"importpath.Func or importpath.Type.Method"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Cleanup(func() { kvapi.Analyzer.Flags.Set("wrappers", "") })
			err := kvapi.Analyzer.Flags.Set("wrappers", "pkg.Ok:get:key=0,"+tc.spec)
			if err == nil {
				t.Fatalf("spec %q accepted", tc.spec)
			}
			for _, w := range append(tc.want, fmt.Sprintf("%q", tc.spec), ":err=E]") {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
	t.Run("bad line in file", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "wrappers.txt")
		spec := "# wrappers\npkg.Store.Get:get:key=0\n\n  pkg.Store.Set:set:key=0 # the setter\n"
		if err := os.WriteFile(file, []byte(spec), 0o644); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { kvapi.Analyzer.Flags.Set("wrappers", "") })
		err := kvapi.Analyzer.Flags.Set("wrappers", "@"+file)
		if err == nil {
			t.Fatal("bad line accepted")
		}
		if want := file + `:4: kvlint.wrappers: "pkg.Store.Set:set:key=0": unknown kind set`; !strings.HasPrefix(err.Error(), want) {
			t.Errorf("error %q, want it to start with %q", err, want)
		}
	})
	t.Run("missing file", func(t *testing.T) {
		t.Cleanup(func() { kvapi.Analyzer.Flags.Set("wrappers", "") })
		err := kvapi.Analyzer.Flags.Set("wrappers", "@/nonexistent/wrappers.txt")
		if err == nil || !strings.Contains(err.Error(), "/nonexistent/wrappers.txt") {
			t.Errorf("error %v, want one naming the file", err)
		}
	})
}

// -kvlint.wrappers takes every option its syntax names, err=E included.
func TestWrappersFlagAcceptsEveryOption(t *testing.T) {
	t.Cleanup(func() { kvapi.Analyzer.Flags.Set("wrappers", "") })
	spec := "example.com/s.Store.Get:get:key=0:ns=recv:result=0:err=1,example.com/s.Put:put:key=1:ns=0:value=2"
	if err := kvapi.Analyzer.Flags.Set("wrappers", spec); err != nil {
		t.Fatal(err)
	}
}

// A SPEC whose function does not exist, or whose indices name no parameter or result of
// it, fails the analysis with the SPEC quoted: it would otherwise make the wrapper
// silently say nothing.
func TestWrappersFlagIsHeldToTheDeclaration(t *testing.T) {
	for _, tc := range []struct{ spec, want string }{
		{"flagwrap.Store.Get:get:key=5", `"flagwrap.Store.Get:get:key=5": key=5, but it has 1 parameter (counted from 0, receiver excluded)`},
		{"flagwrap.Store.Set:put:key=0:value=2", `value=2, but it has 2 parameters`},
		{"flagwrap.Store.Get:get:key=0:result=7", `result=7, but it has 2 results`},
		{"flagwrap.Store.Fetch:get:key=0", `flagwrap.Store has no method Fetch`},
		{"flagwrap.Lookup:get:key=0", `package flagwrap declares no Lookup`},
		{"flagwrap.Touch:get:key=0", `a get wrapper returns the value it read, but it has no results`},
		// Two SPECs of one missing function: each is said missing (the second has no
		// signature to check its indices against).
		{"flagwrap.Lookup:get:key=0,flagwrap.Lookup:put:key=0", `"flagwrap.Lookup:put:key=0": package flagwrap declares no Lookup`},
	} {
		t.Run(tc.spec, func(t *testing.T) {
			setWrappers(t, tc.spec)
			var errs []string
			analysistest.Run(collect{t, &errs}, kvtest.Dir(t), kvapi.Analyzer, "flagwrap")
			if joined := strings.Join(errs, "\n"); !strings.Contains(joined, tc.want) {
				t.Errorf("errors:\n%s\nwant one containing %q", joined, tc.want)
			}
		})
	}
}

// collect is an analysistest.Testing that keeps the errors instead of failing.
type collect struct {
	*testing.T
	errs *[]string
}

func (c collect) Errorf(format string, args ...any) {
	*c.errs = append(*c.errs, fmt.Sprintf(format, args...))
}

// The methods of strings' types (a Reader, a Builder) depend on the state they are
// called on, unlike the package's functions: two calls with equal arguments are not one
// key, even for the passes that do not look at the memory in between.
func TestStatefulMethodsBuildNoKey(t *testing.T) {
	results := analysistest.Run(t, kvtest.Dir(t), kvapi.Analyzer, "keyterms")
	res := results[0].Result.(*kvapi.Result)
	if len(res.Funcs) != 2 {
		t.Fatalf("%d functions with operations, want 2", len(res.Funcs))
	}
	for _, f := range res.Funcs {
		if len(f.Ops) != 2 {
			t.Fatalf("%s: %d operations, want 2", f.Fn.Name(), len(f.Ops))
		}
		if a, b := f.Ops[0], f.Ops[1]; kvapi.SameEntry(a, b) {
			t.Errorf("%s: the keys %s and %s are taken for one entry", f.Fn.Name(), a.Key, b.Key)
		}
	}
}
