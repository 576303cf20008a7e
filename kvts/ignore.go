package kvts

import (
	"fmt"
	"slices"
	"strings"
)

// Names are the analyzers kvts reports under, the same as the Go passes'.
var Names = []string{"kvrmw", "kvwriteread", "kvexists", "kvttl", "kvhotkey"}

const directivePrefix = "//kvlint:ignore"

type directive struct {
	n      *node
	names  []string
	reason string
	used   map[string]bool
}

// applyIgnores drops the findings a `//kvlint:ignore NAME[,NAME] -- reason` comment on
// their line or the line above silences, and reports malformed directives (as kvlint) and
// directives that silence nothing (as the analyzer they name), as the Go passes do.
func (p *project) applyIgnores(f *file) {
	var dirs []*directive
	f.root.walk(func(n *node) bool {
		if n.kind != "comment" {
			return true
		}
		t := n.text()
		rest, ok := strings.CutPrefix(t, directivePrefix)
		if !ok || (rest != "" && rest[0] != ' ' && rest[0] != '\t') {
			return false
		}
		names, reason, _ := strings.Cut(rest, "--")
		d := &directive{n: n, reason: strings.TrimSpace(reason), used: map[string]bool{}}
		for _, nm := range strings.Split(strings.TrimSpace(names), ",") {
			if nm = strings.TrimSpace(nm); nm != "" {
				d.names = append(d.names, nm)
			}
		}
		dirs = append(dirs, d)
		return false
	})
	if len(dirs) == 0 {
		return
	}
	kept := p.findings[:0]
	for _, fd := range p.findings {
		silenced := false
		if fd.File == f.path {
			for _, d := range dirs {
				if d.reason == "" || len(d.names) == 0 || (fd.Line != d.n.line && fd.Line != d.n.line+1) {
					continue
				}
				if slices.Contains(d.names, fd.Analyzer) {
					d.used[fd.Analyzer] = true
					silenced = true
				}
			}
		}
		if !silenced {
			kept = append(kept, fd)
		}
	}
	p.findings = kept
	for _, d := range dirs {
		switch {
		case len(d.names) == 0:
			p.report(d.n, "kvlint", "malformed kvlint:ignore directive: name the analyzer to silence, as in //kvlint:ignore kvrmw -- reason", nil, nil)
		case d.reason == "":
			p.report(d.n, "kvlint", fmt.Sprintf("kvlint:ignore directive without a reason: add one after --, as in //kvlint:ignore %s -- reason", strings.Join(d.names, ",")), nil, nil)
		default:
			for _, nm := range d.names {
				if !slices.Contains(Names, nm) {
					p.report(d.n, "kvlint", fmt.Sprintf("kvlint:ignore names unknown analyzer %q (known: %s)", nm, strings.Join(Names, ", ")), nil, nil)
				} else if !d.used[nm] {
					p.report(d.n, nm, fmt.Sprintf("kvlint:ignore directive for %s matches no %s finding on this line or the next: remove it", nm, nm), nil, nil)
				}
			}
		}
	}
}
