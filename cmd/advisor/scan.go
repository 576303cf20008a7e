package main

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/storewise/storewise/analyzers/all"
	"github.com/storewise/storewise/internal/goload"
	"github.com/storewise/storewise/kvts"
	"github.com/storewise/storewise/rules"
)

// codeContext is how many lines before a finding its excerpt shows, and after.
const codeBefore, codeAfter = 2, 1

// scan loads the Go packages named by patterns (space- or comma-separated, as go vet takes
// them, relative to the working directory; GOOS=js GOARCH=wasm for Worker code) and runs
// every kvlint pass over them in-process, the same set the kvlint command runs. A pattern
// naming a Worker project directory (TypeScript or JavaScript, kvts.IsProject), and the
// Worker projects under a recursive pattern, are linted by kvts with the same checks. It returns
// nil when patterns is empty (no --scan), and the findings sorted by place otherwise. A
// package that does not load is an input error (a *scanInputError, exit status 2): a scan
// that silently skipped it would report clean code. A pass that fails on code that loads
// is the advisor's failure (exit status 1), not the user's.
func scan(ctx context.Context, patterns string) ([]rules.Finding, error) {
	return scanWith(ctx, patterns, all.Analyzers())
}

// scanInputError is a --scan whose packages cannot be loaded: a wrong pattern, a package
// that does not exist or does not compile.
type scanInputError struct{ msg string }

func (e *scanInputError) Error() string { return e.msg }

func scanInputErrorf(format string, args ...any) error {
	return &scanInputError{fmt.Sprintf(format, args...)}
}

func scanWith(ctx context.Context, patterns string, analyzers []*analysis.Analyzer) ([]rules.Finding, error) {
	pats := strings.FieldsFunc(patterns, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
	if len(pats) == 0 {
		return nil, nil
	}
	goPats, workerDirs, err := kvts.SplitPatterns(pats)
	if err != nil {
		return nil, scanInputErrorf("--scan %s: %v", patterns, err)
	}
	wd, _ := os.Getwd()
	findings := []rules.Finding{}
	if len(goPats) > 0 {
		fs, err := scanGo(ctx, patterns, goPats, analyzers, wd)
		if err != nil {
			return nil, err
		}
		findings = append(findings, fs...)
	}
	for _, dir := range workerDirs {
		res, err := kvts.Lint(ctx, dir, kvts.Options{Base: wd})
		if err != nil {
			return nil, scanInputErrorf("--scan %s: %v", patterns, err)
		}
		for _, f := range res.Findings {
			file := f.File
			if !filepath.IsAbs(file) && wd != "" {
				file = filepath.Join(wd, file)
			}
			findings = append(findings, rules.Finding{Analyzer: f.Analyzer, File: relativeTo(wd, file), Line: f.Line,
				Column: f.Col, Message: f.Message, Code: excerpt(file, f.Line)})
		}
	}
	// Roots come in no fixed order; the report must not change from run to run.
	slices.SortFunc(findings, func(a, b rules.Finding) int {
		return cmp.Or(cmp.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Analyzer, b.Analyzer), cmp.Compare(a.Message, b.Message))
	})
	return slices.CompactFunc(findings, func(a, b rules.Finding) bool { return a == b }), nil
}

// scanGo runs the Go analyzers over the Go patterns of a --scan.
func scanGo(ctx context.Context, patterns string, goPats []string, analyzers []*analysis.Analyzer, wd string) ([]rules.Finding, error) {
	cfg := &packages.Config{Context: ctx, Mode: packages.LoadAllSyntax}
	pkgs, err := packages.Load(cfg, goPats...)
	if err != nil {
		return nil, scanInputErrorf("--scan %s: %v", patterns, err)
	}
	if len(pkgs) == 0 {
		return nil, scanInputErrorf("--scan %s: no Go packages match", patterns)
	}
	loadErrs := goload.Errors(pkgs)
	if goload.NeedsWorkerTarget(loadErrs) {
		return nil, scanInputErrorf("--scan %s: %s", patterns, goload.WorkerHint("advisor ... --scan "+patterns))
	}
	if len(loadErrs) > 0 {
		if len(loadErrs) > 5 {
			loadErrs = append(loadErrs[:5], fmt.Sprintf("and %d more", len(loadErrs)-5))
		}
		return nil, scanInputErrorf("--scan %s: packages do not load:\n  %s", patterns, strings.Join(loadErrs, "\n  "))
	}

	graph, err := checker.Analyze(analyzers, pkgs, nil)
	if err != nil {
		return nil, fmt.Errorf("--scan %s: %w", patterns, err)
	}
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
	return findings, nil
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
