package main

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/storewise/storewise/analyzers/all"
	"github.com/storewise/storewise/answers"
	"github.com/storewise/storewise/rules"
	"github.com/storewise/storewise/web"
)

// codeContext is how many lines before a finding its excerpt shows, and after.
const codeBefore, codeAfter = 2, 1

// scan loads the Go packages named by patterns (space- or comma-separated, as go vet takes
// them, relative to the working directory; GOOS=js GOARCH=wasm for Worker code) and runs
// every kvlint pass over them in-process, the same set the kvlint command runs. It returns
// nil when patterns is empty (no --scan), and the findings sorted by place otherwise. A
// package that does not load is an input error: a scan that silently skipped it would
// report clean code.
func scan(ctx context.Context, patterns string) ([]rules.Finding, error) {
	pats := strings.FieldsFunc(patterns, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
	if len(pats) == 0 {
		return nil, nil
	}
	cfg := &packages.Config{Context: ctx, Mode: packages.LoadAllSyntax}
	pkgs, err := packages.Load(cfg, pats...)
	if err != nil {
		return nil, fmt.Errorf("--scan %s: %w", patterns, err)
	}
	if len(pkgs) == 0 {
		return nil, fmt.Errorf("--scan %s: no Go packages match", patterns)
	}
	var loadErrs []string
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			loadErrs = append(loadErrs, e.Error())
		}
	})
	if len(loadErrs) > 0 {
		if len(loadErrs) > 5 {
			loadErrs = append(loadErrs[:5], fmt.Sprintf("and %d more", len(loadErrs)-5))
		}
		return nil, fmt.Errorf("--scan %s: packages do not load:\n  %s", patterns, strings.Join(loadErrs, "\n  "))
	}

	graph, err := checker.Analyze(all.Analyzers(), pkgs, nil)
	if err != nil {
		return nil, fmt.Errorf("--scan %s: %w", patterns, err)
	}
	wd, _ := os.Getwd()
	findings := []rules.Finding{}
	var errs []error
	for _, act := range graph.Roots {
		if act.Err != nil {
			errs = append(errs, fmt.Errorf("%s on %s: %w", act.Analyzer.Name, act.Package.PkgPath, act.Err))
			continue
		}
		for _, d := range act.Diagnostics {
			pos := act.Package.Fset.Position(d.Pos)
			f := rules.Finding{Analyzer: act.Analyzer.Name, File: relativeTo(wd, pos.Filename), Line: pos.Line, Column: pos.Column, Message: d.Message}
			f.Code = excerpt(pos.Filename, pos.Line)
			findings = append(findings, f)
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, fmt.Errorf("--scan %s: %w", patterns, err)
	}
	// Roots come in no fixed order; the report must not change from run to run.
	slices.SortFunc(findings, func(a, b rules.Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Analyzer, b.Analyzer), cmp.Compare(a.Message, b.Message))
	})
	return slices.CompactFunc(findings, func(a, b rules.Finding) bool { return a == b }), nil
}

// relativeTo shortens a file name to the working directory when the file is inside it,
// so a report shows handlers/counter.go and not the reviewer-irrelevant absolute path.
func relativeTo(wd, file string) string {
	if wd == "" {
		return file
	}
	rel, err := filepath.Rel(wd, file)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return file
	}
	return filepath.ToSlash(rel)
}

// excerpt returns the lines around line of a file, their common indentation removed; empty
// when the file cannot be read (the finding still stands without it).
func excerpt(file string, line int) string {
	f, err := os.Open(file)
	if err != nil {
		return ""
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan() && n <= line+codeAfter; n++ {
		if n >= line-codeBefore {
			lines = append(lines, strings.TrimRight(sc.Text(), " \t\r"))
		}
	}
	indent, first := "", true
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		lead := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
		if first {
			indent, first = lead, false
			continue
		}
		for !strings.HasPrefix(lead, indent) {
			indent = indent[:len(indent)-1]
		}
	}
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, indent)
	}
	return strings.Join(lines, "\n")
}

// needs is the consistency each kind of finding shows the code relies on: a read that
// flows into a write of the same key, or a found / not-found test that decides a write,
// needs two requests to agree (coordination); reading back a key just written needs
// read-your-writes.
var needs = map[string]string{
	"kvrmw":       "coordination",
	"kvexists":    "coordination",
	"kvwriteread": "read-your-writes",
}

// consistencyLevel orders the consistency answers from weakest to strongest.
var consistencyLevel = []string{"eventual", "read-your-writes", "strong", "coordination"}

// because says why the code needs that consistency, in a warning.
var because = map[string]string{
	"coordination":     "two requests must agree on the current value, which is consistency coordination",
	"read-your-writes": "the code reads back what it just wrote, which is consistency read-your-writes",
}

// what names each kind of finding in a warning, singular and plural.
var what = map[string][2]string{
	"kvrmw":       {"read-modify-write", "read-modify-writes"},
	"kvexists":    {"existence check", "existence checks"},
	"kvwriteread": {"read after write", "reads after writes"},
}

// foldFindings lets the scanned code inform the recommendation: when the code already does
// with Workers KV what needs stronger consistency than answered (read-modify-write or an
// existence check against "eventual"), it adds a warning that says so and names the pick
// the answers would give with the consistency the code needs. The pick itself stays the
// answers': the user decides which of the two is wrong.
func foldFindings(ctx context.Context, engine *rules.Engine, a *answers.Answers, rec *rules.Recommendation) error {
	answered := slices.Index(consistencyLevel, a.Consistency)
	need, counts, first := "", map[string]int{}, map[string]rules.Finding{}
	var order []string // analyzers in the order of their first finding
	for _, f := range rec.Findings {
		n, ok := needs[f.Analyzer]
		if !ok || slices.Index(consistencyLevel, n) <= answered {
			continue
		}
		if _, seen := first[f.Analyzer]; !seen {
			first[f.Analyzer] = f
			order = append(order, f.Analyzer)
		}
		counts[f.Analyzer]++
		if need == "" || slices.Index(consistencyLevel, n) > slices.Index(consistencyLevel, need) {
			need = n
		}
	}
	if need == "" {
		return nil
	}
	alt := *a
	alt.Given = maps.Clone(a.Given)
	if err := alt.Set("consistency", need); err != nil {
		return err
	}
	other, err := engine.Decide(ctx, &alt)
	if err != nil {
		return err
	}

	var found []string
	for _, analyzer := range order {
		if needs[analyzer] != need {
			continue
		}
		n, f := counts[analyzer], first[analyzer]
		word := what[analyzer][0]
		if n > 1 {
			word = what[analyzer][1]
		}
		found = append(found, fmt.Sprintf("%d %s (%s, first at %s:%d)", n, word, analyzer, f.File, f.Line))
	}
	pick := "every product would be eliminated"
	if other.Primary != "" {
		pick = "the pick would be " + web.Name(other, other.Primary)
		if other.Primary == rec.Primary {
			pick += ", the same"
		}
	}
	rec.Warnings = append(rec.Warnings, fmt.Sprintf(
		"The scanned code contradicts consistency: %s. kvlint found %s on Workers KV: %s. With consistency: %s, %s.",
		a.Consistency, strings.Join(found, " and "), because[need], need, pick))
	return nil
}
