package kvapi

import (
	"fmt"
	"go/token"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis"
)

// Names are the analyzers a //kvlint:ignore directive may name (contracts.md §3).
var Names = []string{"kvrmw", "kvwriteread", "kvexists", "kvttl", "kvhotkey"}

const directivePrefix = "//kvlint:ignore"

// directive is one //kvlint:ignore comment:
//
//	//kvlint:ignore kvrmw[,kvexists] -- why this finding does not apply
//
// It silences the named analyzers' findings on its own line or the line below. As with
// staticcheck's lint:ignore, the reason is required, and a directive that silences
// nothing is reported so that stale ones do not pile up.
type directive struct {
	Pos    token.Pos
	File   string
	Line   int
	Names  []string
	Reason string
}

func parseDirectives(pass *analysis.Pass) []*directive {
	var dirs []*directive
	for _, f := range pass.Files {
		for _, cg := range f.Comments {
			for _, c := range cg.List {
				rest, ok := strings.CutPrefix(c.Text, directivePrefix)
				if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
					continue
				}
				names, reason, _ := strings.Cut(rest, "--")
				pos := pass.Fset.Position(c.Slash)
				d := &directive{Pos: c.Slash, File: pos.Filename, Line: pos.Line, Reason: strings.TrimSpace(reason)}
				for _, n := range strings.Split(strings.TrimSpace(names), ",") {
					if n = strings.TrimSpace(n); n != "" {
						d.Names = append(d.Names, n)
					}
				}
				dirs = append(dirs, d)
			}
		}
	}
	return dirs
}

// valid reports whether the directive can suppress anything.
func (d *directive) valid() bool { return len(d.Names) > 0 && d.Reason != "" }

// reportMalformed reports directives that cannot work: no analyzer, an unknown analyzer,
// or no reason.
func reportMalformed(pass *analysis.Pass, dirs []*directive) {
	for _, d := range dirs {
		switch {
		case len(d.Names) == 0:
			pass.Reportf(d.Pos, "malformed kvlint:ignore directive: name the analyzer to silence, as in //kvlint:ignore kvrmw -- reason")
		case d.Reason == "":
			pass.Reportf(d.Pos, "kvlint:ignore directive without a reason: add one after --, as in //kvlint:ignore %s -- reason", strings.Join(d.Names, ","))
		default:
			for _, n := range d.Names {
				if !slices.Contains(Names, n) {
					pass.Reportf(d.Pos, "kvlint:ignore names unknown analyzer %q (known: %s)", n, strings.Join(Names, ", "))
				}
			}
		}
	}
}

// Reporter reports one analyzer's diagnostics, dropping those a directive silences, and
// then the directives for that analyzer that silenced nothing.
type Reporter struct {
	pass *analysis.Pass
	name string
	dirs []*directive
	used map[*directive]bool
}

// newReporter returns the reporter of analyzer name in pass.
func newReporter(pass *analysis.Pass, name string, res *Result) *Reporter {
	r := &Reporter{pass: pass, name: name, used: map[*directive]bool{}}
	for _, d := range res.Directives {
		if d.valid() && slices.Contains(d.Names, name) {
			r.dirs = append(r.dirs, d)
		}
	}
	return r
}

// InTestFile reports whether pos lies in a _test.go file. Tests write and read back,
// overwrite keys and use short TTLs on purpose, usually against local fakes: the passes
// that would flag that skip them.
func (r *Reporter) InTestFile(pos token.Pos) bool {
	return strings.HasSuffix(r.pass.Fset.Position(pos).Filename, "_test.go")
}

// Report reports d unless a directive silences it.
func (r *Reporter) Report(d analysis.Diagnostic) {
	pos := r.pass.Fset.Position(d.Pos)
	for _, dir := range r.dirs {
		if dir.File == pos.Filename && (dir.Line == pos.Line || dir.Line+1 == pos.Line) {
			r.used[dir] = true
			return
		}
	}
	r.pass.Report(d)
}

// Reportf is Report with a formatted message and one related position.
func (r *Reporter) Reportf(pos token.Pos, related token.Pos, relatedMsg string, format string, args ...any) {
	d := analysis.Diagnostic{Pos: pos, Message: fmt.Sprintf(format, args...)}
	if related.IsValid() {
		d.Related = []analysis.RelatedInformation{{Pos: related, Message: relatedMsg}}
	}
	r.Report(d)
}

// Finish reports the directives for this analyzer that silenced nothing.
func (r *Reporter) Finish() {
	for _, d := range r.dirs {
		if !r.used[d] {
			r.pass.Reportf(d.Pos, "kvlint:ignore directive for %s matches no %s finding on this line or the next: remove it", r.name, r.name)
		}
	}
}
