package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"go/token"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/storewise/storewise/analyzers/all"
)

// runSARIF is kvlint -format sarif: it loads the packages, runs the analyzers with
// golang.org/x/tools/go/analysis/checker and writes one SARIF 2.1.0 log to stdout. It
// returns the exit status: 0 when the analysis ran (findings are in the log, as with
// -json), 1 when loading or analysis failed, 2 for usage errors.
func runSARIF(args []string, stdout, stderr io.Writer) int {
	analyzers := all.Analyzers()
	fs := flag.NewFlagSet("kvlint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	tests := fs.Bool("test", true, "also analyse the packages' tests")
	enabled := map[*analysis.Analyzer]*bool{}
	for _, a := range analyzers {
		enabled[a] = fs.Bool(a.Name, false, "run only the "+a.Name+" analyzer (and the others named)")
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	for _, name := range []string{"json", "fix", "diff", "c"} {
		fs.Bool(name, false, "not with -format sarif")
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	for _, name := range []string{"json", "fix", "diff", "c"} {
		if f := fs.Lookup(name); f.Value.String() != "false" {
			fmt.Fprintf(stderr, "kvlint: -%s cannot be combined with -format sarif\n", name)
			return 2
		}
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: kvlint -format sarif [flags] packages")
		return 2
	}
	// As multichecker: naming analyzers runs only those (with what they require).
	var run []*analysis.Analyzer
	for _, a := range analyzers {
		if *enabled[a] {
			run = append(run, a)
		}
	}
	if len(run) == 0 {
		run = analyzers
	}

	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Tests: *tests}
	pkgs, err := packages.Load(cfg, fs.Args()...)
	if err == nil && len(pkgs) == 0 {
		err = fmt.Errorf("%s matched no packages", strings.Join(fs.Args(), " "))
	}
	if err != nil {
		fmt.Fprintln(stderr, "kvlint:", err)
		return 1
	}
	status := 0
	if packages.PrintErrors(pkgs) > 0 {
		status = 1
	}
	graph, err := checker.Analyze(run, pkgs, nil)
	if err != nil {
		fmt.Fprintln(stderr, "kvlint:", err)
		return 1
	}
	var findings []finding
	for act := range graph.All() {
		if act.Err != nil {
			fmt.Fprintf(stderr, "kvlint: %s: %v\n", act, act.Err)
			status = 1
			continue
		}
		if !act.IsRoot {
			continue
		}
		for _, d := range act.Diagnostics {
			findings = append(findings, finding{analyzer: act.Analyzer, fset: act.Package.Fset, diag: d})
		}
	}
	wd, _ := os.Getwd()
	log := buildSARIF(analyzers, findings, wd)
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(log); err != nil {
		fmt.Fprintln(stderr, "kvlint:", err)
		return 1
	}
	return status
}

type finding struct {
	analyzer *analysis.Analyzer
	fset     *token.FileSet
	diag     analysis.Diagnostic
}

// The SARIF 2.1.0 objects kvlint writes (OASIS SARIF v2.1.0, §3). Only the properties
// kvlint has something to say in are declared.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                        `json:"tool"`
		OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
		Results            []sarifResult                    `json:"results"`
		ColumnKind         string                           `json:"columnKind"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string             `json:"id"`
		Name                 string             `json:"name"`
		ShortDescription     sarifMessage       `json:"shortDescription"`
		FullDescription      sarifMessage       `json:"fullDescription"`
		Help                 sarifMessage       `json:"help"`
		HelpURI              string             `json:"helpUri"`
		DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	}
	sarifConfiguration struct {
		Level string `json:"level"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID           string          `json:"ruleId"`
		RuleIndex        int             `json:"ruleIndex"`
		Level            string          `json:"level"`
		Message          sarifMessage    `json:"message"`
		Locations        []sarifLocation `json:"locations"`
		RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
		Fixes            []sarifFix      `json:"fixes,omitempty"`
	}
	sarifLocation struct {
		ID               *int                  `json:"id,omitempty"`
		PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
		Message          *sarifMessage         `json:"message,omitempty"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           sarifRegion           `json:"region"`
	}
	sarifArtifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
	sarifFix struct {
		Description     sarifMessage          `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Replacements     []sarifReplacement    `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion   `json:"deletedRegion"`
		InsertedContent *sarifMessage `json:"insertedContent,omitempty"`
	}
)

const (
	sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"
	// srcRoot names the directory kvlint ran in: code scanning resolves relative URIs
	// against the repository checkout, so paths under it are written relative.
	srcRoot = "SRCROOT"
)

// buildSARIF turns the findings into one run with a rule per analyzer. Findings are
// sorted by file, line and rule, and duplicates (a package and its test variant both
// report the same line) are dropped, as the text driver does.
func buildSARIF(analyzers []*analysis.Analyzer, findings []finding, wd string) *sarifLog {
	ruleIndex := map[string]int{}
	var rules []sarifRule
	for i, a := range analyzers {
		ruleIndex[a.Name] = i
		short, _, _ := strings.Cut(a.Doc, "\n")
		rules = append(rules, sarifRule{
			ID:                   a.Name,
			Name:                 a.Name,
			ShortDescription:     sarifMessage{Text: short},
			FullDescription:      sarifMessage{Text: a.Doc},
			Help:                 sarifMessage{Text: a.Doc + "\n\n" + a.URL},
			HelpURI:              a.URL,
			DefaultConfiguration: sarifConfiguration{Level: "warning"},
		})
	}
	loc := func(fset *token.FileSet, pos, end token.Pos) (sarifArtifactLocation, sarifRegion) {
		p := fset.Position(pos)
		r := sarifRegion{StartLine: p.Line, StartColumn: p.Column}
		if end.IsValid() && end >= pos {
			e := fset.Position(end)
			r.EndLine, r.EndColumn = e.Line, e.Column
		}
		return artifact(p.Filename, wd), r
	}
	seen := map[string]bool{}
	results := []sarifResult{}
	for _, f := range findings {
		d := f.diag
		art, region := loc(f.fset, d.Pos, d.End)
		id := fmt.Sprintf("%s:%d:%d:%s:%s", art.URI, region.StartLine, region.StartColumn, f.analyzer.Name, d.Message)
		if seen[id] {
			continue
		}
		seen[id] = true
		res := sarifResult{
			RuleID:    f.analyzer.Name,
			RuleIndex: ruleIndex[f.analyzer.Name],
			Level:     "warning",
			Message:   sarifMessage{Text: d.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: art, Region: region}}},
		}
		for i, rel := range d.Related {
			ra, rr := loc(f.fset, rel.Pos, rel.End)
			n := i + 1
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
				ID: &n, PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: ra, Region: rr}, Message: &sarifMessage{Text: rel.Message},
			})
		}
		for _, fix := range d.SuggestedFixes {
			sf := sarifFix{Description: sarifMessage{Text: fix.Message}}
			byFile := map[string]int{}
			for _, edit := range fix.TextEdits {
				ea, er := loc(f.fset, edit.Pos, edit.End)
				i, ok := byFile[ea.URI]
				if !ok {
					i = len(sf.ArtifactChanges)
					byFile[ea.URI] = i
					sf.ArtifactChanges = append(sf.ArtifactChanges, sarifArtifactChange{ArtifactLocation: ea})
				}
				sf.ArtifactChanges[i].Replacements = append(sf.ArtifactChanges[i].Replacements, sarifReplacement{
					DeletedRegion: er, InsertedContent: &sarifMessage{Text: string(edit.NewText)},
				})
			}
			res.Fixes = append(res.Fixes, sf)
		}
		results = append(results, res)
	}
	sort.SliceStable(results, func(i, j int) bool {
		a, b := results[i].Locations[0].PhysicalLocation, results[j].Locations[0].PhysicalLocation
		if a.ArtifactLocation.URI != b.ArtifactLocation.URI {
			return a.ArtifactLocation.URI < b.ArtifactLocation.URI
		}
		if a.Region.StartLine != b.Region.StartLine {
			return a.Region.StartLine < b.Region.StartLine
		}
		return results[i].RuleID < results[j].RuleID
	})
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "kvlint",
			InformationURI: "https://github.com/storewise/storewise/blob/main/docs/checks.md",
			Rules:          rules,
		}},
		Results: results,
		// go/token columns count bytes; for the ASCII of Go code that is the code point.
		ColumnKind: "unicodeCodePoints",
	}
	if wd != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{srcRoot: {URI: fileURI(wd) + "/"}}
	}
	return &sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}}
}

// artifact locates a file: relative to the directory kvlint ran in when it is inside
// it, an absolute file URI otherwise.
func artifact(filename, wd string) sarifArtifactLocation {
	if wd != "" {
		if rel, err := filepath.Rel(wd, filename); err == nil && !strings.HasPrefix(rel, "..") && !filepath.IsAbs(rel) {
			return sarifArtifactLocation{URI: (&url.URL{Path: filepath.ToSlash(rel)}).String(), URIBaseID: srcRoot}
		}
	}
	return sarifArtifactLocation{URI: fileURI(filename)}
}

func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x becomes /C:/x
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
