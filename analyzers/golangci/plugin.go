// Package golangci is the golangci-lint module plugin of kvlint: importing it into a
// golangci-lint build (golangci-lint custom, or scripts/golangci-custom.sh) registers the
// linter "kvlint", which runs every analyzer of analyzers/all.
//
// Settings (linters.settings.custom.kvlint.settings in the golangci-lint configuration)
// map onto kvlint's command-line options:
//
//	enable:   [kvrmw, kvexists]   only these analyzers (default: all of them)
//	disable:  [kvexists]          all analyzers but these
//	wrappers: ["example.com/app/store.Store.Get:get:key=0"]   as -kvlint.wrappers
//
// Unknown keys and unknown analyzer names are errors, so that a misspelled setting does
// not silently run the defaults.
package golangci

import (
	"fmt"
	"go/token"
	"path/filepath"
	"slices"
	"strings"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/storewise/storewise/analyzers/all"
	"github.com/storewise/storewise/analyzers/kvapi"
)

// Name is the linter's name in golangci-lint: the key under linters.settings.custom, the
// word in linters.enable and in //nolint:kvlint.
const Name = "kvlint"

func init() {
	register.Plugin(Name, New)
}

// Settings are the plugin's settings. The JSON names are the keys users write in YAML:
// golangci-lint hands the YAML mapping over as a generic value that DecodeSettings
// re-encodes as JSON.
type Settings struct {
	// Enable lists the analyzers to run; empty means all.
	Enable []string `json:"enable"`
	// Disable lists analyzers not to run.
	Disable []string `json:"disable"`
	// Wrappers names user KV wrappers, one SPEC (or @FILE) per item, as -kvlint.wrappers.
	Wrappers []string `json:"wrappers"`
}

// invalidSettings starts every settings error: it says where the settings live, so that
// the user knows which part of the configuration to fix. golangci-lint does not tell a
// plugin which file it read (.golangci.yml, .golangci.toml, --config), so none is named.
const invalidSettings = "invalid kvlint settings in the golangci-lint configuration (linters.settings.custom.kvlint.settings)"

// Plugin is the kvlint linter as golangci-lint sees it.
type Plugin struct {
	analyzers []*analysis.Analyzer
}

// New decodes the settings and selects the analyzers; golangci-lint calls it once per
// run with the settings from its configuration file.
func New(raw any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %w (known keys: enable, disable, wrappers)", invalidSettings, err)
	}
	as, err := selectAnalyzers(all.Analyzers(), s)
	if err != nil {
		return nil, err
	}
	// The wrappers option lives in the flag of the shared model, as it does for the
	// command line; setting it always (empty too) keeps a second New in the same
	// process from inheriting the first one's wrappers.
	if err := kvapi.Analyzer.Flags.Set("wrappers", strings.Join(s.Wrappers, ",")); err != nil {
		return nil, fmt.Errorf("%s: wrappers: %w", invalidSettings, err)
	}
	return &Plugin{analyzers: as}, nil
}

// BuildAnalyzers returns the selected analyzers.
func (p *Plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) { return p.analyzers, nil }

// GetLoadMode asks for type information: the passes resolve calls by their callee's
// package and receiver type, and build SSA.
func (p *Plugin) GetLoadMode() string { return register.LoadModeTypesInfo }

// selectAnalyzers applies enable and disable to the list of all analyzers. The shared
// model (named kvlint, the first of the list) always runs: the passes need its result,
// and only it reports malformed //kvlint:ignore directives.
func selectAnalyzers(list []*analysis.Analyzer, s Settings) ([]*analysis.Analyzer, error) {
	known := map[string]bool{}
	var passes []string
	for _, a := range list {
		known[a.Name] = true
		if a != kvapi.Analyzer {
			passes = append(passes, a.Name)
		}
	}
	check := func(field string, names []string) error {
		for _, n := range names {
			switch {
			case n == kvapi.Analyzer.Name && field == "disable":
				return fmt.Errorf("%s: disable: %q is the shared KV model every analyzer needs; to turn kvlint off, remove it from linters.enable", invalidSettings, n)
			case !known[n]:
				return fmt.Errorf("%s: %s: unknown analyzer %q (known: %s)", invalidSettings, field, n, strings.Join(passes, ", "))
			case field == "disable" && slices.Contains(s.Enable, n):
				return fmt.Errorf("%s: %q is in both enable and disable", invalidSettings, n)
			}
		}
		return nil
	}
	if err := check("enable", s.Enable); err != nil {
		return nil, err
	}
	if err := check("disable", s.Disable); err != nil {
		return nil, err
	}

	var out []*analysis.Analyzer
	for _, a := range list {
		switch {
		case a == kvapi.Analyzer:
			out = append(out, a)
		case len(s.Enable) > 0 && !slices.Contains(s.Enable, a.Name):
		case slices.Contains(s.Disable, a.Name):
		default:
			out = append(out, foldRelated(a))
		}
	}
	if len(out) == 1 {
		return nil, fmt.Errorf("%s: enable and disable leave no analyzer to run (known: %s); to turn kvlint off, remove it from linters.enable", invalidSettings, strings.Join(passes, ", "))
	}
	return out, nil
}

// foldRelated returns a copy of pass a whose diagnostics carry their related position in
// the message instead of as related information. golangci-lint turns each related
// position into an issue of its own, on its own line: a //nolint:kvlint or an exclusion
// on the finding's line would leave that second issue standing, and the SARIF and JSON
// reports would count every finding twice.
func foldRelated(a *analysis.Analyzer) *analysis.Analyzer {
	b := *a
	b.Run = func(pass *analysis.Pass) (any, error) {
		p := *pass
		p.Report = func(d analysis.Diagnostic) {
			pos := pass.Fset.Position(d.Pos)
			for _, r := range d.Related {
				d.Message += fmt.Sprintf(" (%s: %s)", r.Message, where(pass.Fset, pos, r.Pos))
			}
			d.Related = nil
			pass.Report(d)
		}
		return a.Run(&p)
	}
	return &b
}

// where names the related position relative to the finding: the line in the same file,
// file:line in another.
func where(fset *token.FileSet, at token.Position, pos token.Pos) string {
	p := fset.Position(pos)
	if p.Filename == at.Filename {
		return fmt.Sprintf("line %d", p.Line)
	}
	return fmt.Sprintf("%s:%d", filepath.Base(p.Filename), p.Line)
}
