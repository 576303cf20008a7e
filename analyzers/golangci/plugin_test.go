package golangci

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/storewise/storewise/analyzers/all"
	"github.com/storewise/storewise/analyzers/internal/kvtest"
	"github.com/storewise/storewise/analyzers/kvapi"
	"github.com/storewise/storewise/analyzers/kvrmw"
)

func names(as []*analysis.Analyzer) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Name)
	}
	return out
}

// allNames is every analyzer of analyzers/all, so that these tests keep holding when
// passes are added.
func allNames() []string { return names(all.Analyzers()) }

func without(list []string, drop ...string) []string {
	return slices.DeleteFunc(slices.Clone(list), func(n string) bool { return slices.Contains(drop, n) })
}

// The settings are what golangci-lint hands to New: the YAML mapping as generic values.
func TestSettingsSelectAnalyzers(t *testing.T) {
	tests := []struct {
		name     string
		settings any
		want     []string
	}{
		{"no settings block runs everything", nil, allNames()},
		{"empty settings run everything", map[string]any{}, allNames()},
		{"disable drops the named pass", map[string]any{"disable": []any{"kvexists"}}, without(allNames(), "kvexists")},
		{"enable keeps only the named passes and the model",
			map[string]any{"enable": []any{"kvrmw", "kvwriteread"}}, []string{"kvlint", "kvrmw", "kvwriteread"}},
		{"enable naming the model is harmless", map[string]any{"enable": []any{"kvlint", "kvrmw"}}, []string{"kvlint", "kvrmw"}},
		{"enable and disable of different passes", map[string]any{"enable": []any{"kvrmw", "kvexists"}, "disable": []any{"kvwriteread"}},
			[]string{"kvlint", "kvrmw", "kvexists"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := New(tt.settings)
			if err != nil {
				t.Fatal(err)
			}
			as, err := p.BuildAnalyzers()
			if err != nil {
				t.Fatal(err)
			}
			if got := names(as); !slices.Equal(got, tt.want) {
				t.Errorf("analyzers = %v, want %v", got, tt.want)
			}
			if err := analysis.Validate(as); err != nil {
				t.Errorf("golangci-lint would reject the list: %v", err)
			}
		})
	}
}

func TestSettingsErrors(t *testing.T) {
	tests := []struct {
		name     string
		settings any
		want     []string // substrings of the error
	}{
		{"misspelled key", map[string]any{"disabel": []any{"kvexists"}},
			[]string{"golangci-lint configuration", "linters.settings.custom.kvlint.settings", `unknown field "disabel"`, "known keys: enable, disable, wrappers"}},
		{"wrong type", map[string]any{"enable": "kvrmw"},
			[]string{invalidSettings, "enable"}},
		{"unknown analyzer in disable", map[string]any{"disable": []any{"kvrwm"}},
			[]string{invalidSettings, `disable: unknown analyzer "kvrwm"`, "kvrmw, kvwriteread, kvexists"}},
		{"unknown analyzer in enable", map[string]any{"enable": []any{"nilness"}},
			[]string{`enable: unknown analyzer "nilness"`}},
		{"disabling the model", map[string]any{"disable": []any{"kvlint"}},
			[]string{`disable: "kvlint" is the shared KV model`, "remove it from linters.enable"}},
		{"the same pass enabled and disabled", map[string]any{"enable": []any{"kvrmw"}, "disable": []any{"kvrmw"}},
			[]string{`"kvrmw" is in both enable and disable`}},
		{"nothing left to run", map[string]any{"disable": anyList(without(allNames(), "kvlint"))},
			[]string{"leave no analyzer to run"}},
		{"malformed wrapper", map[string]any{"wrappers": []any{"example.com/s.Get:fetch:key=0"}},
			[]string{invalidSettings + ": wrappers:", "fetch"}},
		{"missing wrappers file", map[string]any{"wrappers": []any{"@/nonexistent/kvwrappers.txt"}},
			[]string{"wrappers:", "/nonexistent/kvwrappers.txt"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.settings)
			if err == nil {
				t.Fatal("New accepted the settings")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func anyList(ss []string) []any {
	var out []any
	for _, s := range ss {
		out = append(out, s)
	}
	return out
}

// The wrappers setting reaches the model's flag, and a later configuration without it
// does not inherit it (golangci-lint may build the plugin more than once per process).
func TestWrappersSetting(t *testing.T) {
	spec := "example.com/app/store.Store.Get:get:key=0"
	if _, err := New(map[string]any{"wrappers": []any{spec, "example.com/app/store.Store.Set:put:key=0:value=1"}}); err != nil {
		t.Fatal(err)
	}
	if got := kvapi.Analyzer.Flags.Lookup("wrappers").Value.String(); !strings.Contains(got, spec) {
		t.Errorf("-kvlint.wrappers = %q, want it to contain %q", got, spec)
	}
	if _, err := New(nil); err != nil {
		t.Fatal(err)
	}
	if got := kvapi.Analyzer.Flags.Lookup("wrappers").Value.String(); got != "" {
		t.Errorf("-kvlint.wrappers = %q after a configuration without wrappers", got)
	}
}

func TestRegistered(t *testing.T) {
	newPlugin, err := register.GetPlugin("kvlint")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := newPlugin(nil); err != nil {
		t.Fatal(err)
	}
}

// The pass as the plugin runs it reports what the pass reports (the // want comments of
// the pass's own testdata still match), each message ending with the related position,
// and no related information is left for golangci-lint to turn into a second issue.
func TestFoldRelated(t *testing.T) {
	dir := kvtest.Dir(t)
	want := map[string]string{} // position -> message the plugin must report
	for _, r := range analysistest.Run(t, dir, kvrmw.Analyzer, "rmw") {
		for _, d := range r.Diagnostics {
			msg := d.Message
			for _, rel := range d.Related {
				msg += fmt.Sprintf(" (%s: line %d)", rel.Message, r.Pass.Fset.Position(rel.Pos).Line)
			}
			want[r.Pass.Fset.Position(d.Pos).String()] = msg
		}
	}
	got := map[string]string{}
	for _, r := range analysistest.Run(t, dir, foldRelated(kvrmw.Analyzer), "rmw") {
		for _, d := range r.Diagnostics {
			if len(d.Related) > 0 {
				t.Errorf("%s: related information left: %v", r.Pass.Fset.Position(d.Pos), d.Related)
			}
			got[r.Pass.Fset.Position(d.Pos).String()] = d.Message
		}
	}
	if len(want) == 0 || !strings.Contains(fmt.Sprint(want), "(the value is read here: line ") {
		t.Fatalf("testdata/src/rmw has no finding with a related position: %v", want)
	}
	if !maps.Equal(got, want) {
		t.Errorf("folded findings:\n%v\nwant:\n%v", got, want)
	}
}
