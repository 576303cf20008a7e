package main

import (
	"fmt"
	"go/token"
	"io"
	"os"
	"strings"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"

	"github.com/storewise/storewise/internal/findings"
	"github.com/storewise/storewise/internal/goload"
	"github.com/storewise/storewise/kvts"
)

// lint loads the packages, runs the analyzers, and writes what they found in the format
// asked for. It returns the exit status.
func lint(opts *options, stdout, stderr io.Writer) int {
	// Worker projects (TypeScript, JavaScript) among the patterns, or under a recursive
	// one, go to kvts; the rest to the Go loader: a mixed repository needs no flag.
	goPats, workerDirs, err := kvts.SplitPatterns(opts.patterns)
	if err != nil {
		fmt.Fprintln(stderr, "kvlint:", err)
		return 1
	}
	var fs []findings.Finding
	var errs []findings.Error
	status := 0
	if len(goPats) > 0 {
		var stop bool
		fs, errs, status, stop = lintGo(opts, goPats, stderr)
		if stop {
			return status
		}
	}
	wfs, wstatus := lintWorkers(workerDirs, opts, stderr)
	if wstatus == 2 {
		return 2 // a Wrangler configuration that cannot be read: nothing is written
	}
	fs = append(fs, wfs...)
	status = max(status, wstatus)
	fs = findings.Prepare(fs)
	wd, _ := os.Getwd()
	rs := rules()
	switch {
	case opts.format == "json":
		if err := findings.WriteJSON(stdout, fs, errs, rs); err != nil {
			fmt.Fprintln(stderr, "kvlint:", err)
			return 1
		}
		return status
	case opts.format == "sarif":
		reportErrors(stderr, errs)
		if err := findings.WriteSARIF(stdout, fs, rs, versionString(), wd); err != nil {
			fmt.Fprintln(stderr, "kvlint:", err)
			return 1
		}
		return status
	case opts.fix:
		reportErrors(stderr, errs)
		return max(status, fix(fs, opts.diff, wd, stdout, stderr))
	}
	reportErrors(stderr, errs)
	if err := findings.WriteText(stdout, fs, wd); err != nil {
		fmt.Fprintln(stderr, "kvlint:", err)
		return 1
	}
	if s := findings.Summary(fs, rs); s != "" {
		fmt.Fprintln(stderr, s)
	}
	if status == 0 && len(fs) > 0 {
		status = 3
	}
	return status
}

// lintGo loads the Go packages matched by patterns and runs the analyzers over them. stop
// is true when nothing can be reported (the status says why).
func lintGo(opts *options, patterns []string, stderr io.Writer) (fs []findings.Finding, errs []findings.Error, status int, stop bool) {
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Tests: opts.tests}
	pkgs, err := packages.Load(cfg, patterns...)
	if err == nil && len(pkgs) == 0 {
		err = fmt.Errorf("%s matched no packages", strings.Join(patterns, " "))
	}
	if err != nil {
		fmt.Fprintln(stderr, "kvlint:", err)
		return nil, nil, 1, true
	}
	// A package that does not load makes every analysis of it and of its importers fail
	// ("failed prerequisites"): the load errors are the cause, said once each, and the
	// cascade is left out.
	loadErrs := goload.Errors(pkgs)
	if goload.NeedsWorkerTarget(loadErrs) {
		fmt.Fprintln(stderr, "kvlint:", goload.WorkerHint("kvlint "+strings.Join(os.Args[1:], " ")))
		return nil, nil, 1, true
	}
	for _, e := range loadErrs {
		fmt.Fprintln(stderr, e)
		status = 1
	}

	graph, err := checker.Analyze(opts.analyzers, pkgs, nil)
	if err != nil {
		fmt.Fprintln(stderr, "kvlint:", err)
		return nil, nil, 1, true
	}
	for _, act := range graph.Roots {
		if act.Err != nil {
			if len(loadErrs) > 0 && cascade(act.Err) {
				continue
			}
			errs = append(errs, findings.Error{Package: act.Package.ID, Analyzer: act.Analyzer.Name, Err: act.Err.Error()})
			continue
		}
		for _, d := range act.Diagnostics {
			fs = append(fs, convert(act.Package, act.Analyzer, d))
		}
	}
	if len(errs) > 0 {
		status = 1
	}
	return fs, errs, status, false
}

// cascade reports whether an analysis error only repeats a load error already reported.
func cascade(err error) bool {
	msg := err.Error()
	return strings.HasPrefix(msg, "failed prerequisites") || strings.Contains(msg, "analysis skipped due to errors in package")
}

func reportErrors(w io.Writer, errs []findings.Error) {
	for _, e := range errs {
		fmt.Fprintf(w, "kvlint: %s on %s: %s\n", e.Analyzer, e.Package, e.Err)
	}
}

// convert turns an analysis.Diagnostic into the driver-independent finding.
func convert(pkg *packages.Package, a *analysis.Analyzer, d analysis.Diagnostic) findings.Finding {
	fset := pkg.Fset
	pos := func(p token.Pos) findings.Position {
		if !p.IsValid() {
			return findings.Position{}
		}
		ps := fset.Position(p)
		return findings.Position{File: ps.Filename, Line: ps.Line, Col: ps.Column, Offset: ps.Offset}
	}
	f := findings.Finding{Package: pkg.ID, Analyzer: a.Name, Pos: pos(d.Pos), End: pos(d.End), Message: d.Message}
	for _, r := range d.Related {
		f.Related = append(f.Related, findings.Related{Pos: pos(r.Pos), End: pos(r.End), Message: r.Message})
	}
	for _, sf := range d.SuggestedFixes {
		fix := findings.Fix{Message: sf.Message}
		for _, e := range sf.TextEdits {
			end := e.End
			if !end.IsValid() {
				end = e.Pos
			}
			fix.Edits = append(fix.Edits, findings.Edit{Pos: pos(e.Pos), End: pos(end), New: string(e.NewText)})
		}
		f.Fixes = append(f.Fixes, fix)
	}
	return f
}

// fix is -fix (and -diff): it applies the first fix of each finding, then says what it
// fixed, and lists the findings left, with why they were left.
func fix(fs []findings.Finding, diff bool, wd string, stdout, stderr io.Writer) int {
	res, err := findings.ApplyFixes(fs)
	if err != nil {
		fmt.Fprintln(stderr, "kvlint:", err)
		return 1
	}
	if diff {
		d, err := res.Diff(wd)
		if err != nil {
			fmt.Fprintln(stderr, "kvlint:", err)
			return 1
		}
		fmt.Fprint(stdout, d)
	} else if err := res.WriteFiles(); err != nil {
		fmt.Fprintln(stderr, "kvlint:", err)
		return 1
	}
	verb := "fixed"
	if diff {
		verb = "would fix"
	}
	if len(res.Applied) > 0 {
		fmt.Fprintf(stderr, "kvlint: %s %s in %d %s:\n", verb, plural(len(res.Applied), "finding"), len(res.Files), pluralWord(len(res.Files), "file"))
		for _, f := range res.Applied {
			fmt.Fprintf(stderr, "\t%s:%d:%d: %s (%s)\n", findings.Rel(f.Pos.File, wd), f.Pos.Line, f.Pos.Col, f.Fixes[0].Message, f.Analyzer)
		}
	}
	left := len(res.NoFix) + len(res.Conflicted)
	if left == 0 {
		if len(res.Applied) == 0 {
			fmt.Fprintln(stderr, "kvlint: no findings")
		}
		return 0
	}
	fmt.Fprintf(stderr, "kvlint: %s left", plural(left, "finding"))
	if len(res.Conflicted) > 0 {
		fmt.Fprintf(stderr, " (%d whose fix overlaps one applied: run kvlint -fix again)", len(res.Conflicted))
	}
	fmt.Fprintln(stderr, ", to change by hand:")
	if !diff {
		// The diff is on stdout; the findings left go with the summary.
		findings.WriteText(stdout, append(res.Conflicted, res.NoFix...), wd)
	} else {
		findings.WriteText(stderr, append(res.Conflicted, res.NoFix...), wd)
	}
	return 0
}

func plural(n int, word string) string { return fmt.Sprintf("%d %s", n, pluralWord(n, word)) }

func pluralWord(n int, word string) string {
	if n == 1 {
		return word
	}
	return word + "s"
}
