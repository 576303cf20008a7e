// Package findings holds kvlint's findings in a form that does not depend on the front end
// that produced them (the Go analyzers of cmd/kvlint, or a TypeScript/JavaScript front end),
// and writes them: plain text in the style of staticcheck, the go vet JSON tree, SARIF
// 2.1.0, and the one-line summary. A front end collects []Finding, calls Prepare, then one
// of the writers; the exit status and the output formats are then the same for every
// language (contracts.md §3–4).
package findings

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// Position is a place in a file. File is absolute (the writers make it relative to the
// working directory where their format wants it); Line and Col count from 1, Col in bytes;
// Offset counts bytes from 0 and is needed only by the edits of a fix.
type Position struct {
	File      string
	Line, Col int
	Offset    int
}

// String is FILE:LINE:COL, the go vet form.
func (p Position) String() string {
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// A Finding is one report of one analyzer.
type Finding struct {
	// Package is the key of the go vet JSON tree: the package ID for Go code ("p" or
	// "p [p.test]"), the project directory for a Worker project.
	Package  string
	Analyzer string
	Pos, End Position // End may be zero
	Message  string
	Related  []Related
	Fixes    []Fix
}

// Related is a secondary place a finding points to (the read of a read-modify-write).
type Related struct {
	Pos, End Position
	Message  string
}

// A Fix is a suggested change, applied whole or not at all.
type Fix struct {
	Message string
	Edits   []Edit
}

// An Edit replaces the bytes [Pos.Offset, End.Offset) of Pos.File with New.
type Edit struct {
	Pos, End Position
	New      string
}

// A Rule describes an analyzer for help texts, JSON and SARIF: Short is its one-line
// summary; Why the paragraph saying why it matters and what to do instead (the "why" of
// each JSON finding); Help its whole documentation (what `kvlint help NAME` prints and
// SARIF's rule help: Why, then what is and is not reported); URL its page.
type Rule struct {
	Name, Short, Why, Help, URL string
}

// An Error is an analysis that failed on one package (the go vet JSON tree reports it in
// place of the analyzer's findings).
type Error struct {
	Package, Analyzer, Err string
}

// Prepare sorts findings by file, line, column and analyzer, and drops repeats: a finding
// reported in a package and again in its test variant ("p [p.test]", which compiles the
// same files) is kept once, under the package itself.
func Prepare(fs []Finding) []Finding {
	slices.SortStableFunc(fs, compare)
	return slices.CompactFunc(fs, func(a, b Finding) bool {
		return a.Pos == b.Pos && a.Analyzer == b.Analyzer && a.Message == b.Message
	})
}

func compare(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.Pos.File, b.Pos.File),
		cmp.Compare(a.Pos.Line, b.Pos.Line),
		cmp.Compare(a.Pos.Col, b.Pos.Col),
		cmp.Compare(a.Analyzer, b.Analyzer),
		cmp.Compare(a.Message, b.Message),
		// "p" sorts before "p [p.test]": the package itself keeps the finding.
		cmp.Compare(len(a.Package), len(b.Package)),
		cmp.Compare(a.Package, b.Package),
	)
}

// Summary is the line kvlint writes to standard error after its findings:
// "12 findings: kvrmw 3, kvexists 4, kvttl 5", analyzers in the order of rules (those not
// among the rules last, by name). It is "" when there are no findings.
func Summary(fs []Finding, rules []Rule) string {
	if len(fs) == 0 {
		return ""
	}
	count := map[string]int{}
	for _, f := range fs {
		count[f.Analyzer]++
	}
	var names []string
	for _, r := range rules {
		if count[r.Name] > 0 {
			names = append(names, r.Name)
		}
	}
	var rest []string
	for name := range count {
		if !slices.Contains(names, name) {
			rest = append(rest, name)
		}
	}
	slices.Sort(rest)
	names = append(names, rest...)
	parts := make([]string, len(names))
	for i, name := range names {
		parts[i] = fmt.Sprintf("%s %d", name, count[name])
	}
	noun := "findings"
	if len(fs) == 1 {
		noun = "finding"
	}
	return fmt.Sprintf("%d %s: %s", len(fs), noun, strings.Join(parts, ", "))
}

// Rel writes file relative to the directory wd when it lies inside it, as staticcheck and
// the go command do; otherwise it leaves it absolute.
func Rel(file, wd string) string {
	if wd == "" || !filepath.IsAbs(file) {
		return file
	}
	rel, err := filepath.Rel(wd, file)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return file
	}
	return rel
}
