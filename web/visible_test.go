package web

import (
	"strings"
	"testing"

	"github.com/storewise/storewise/rules"
)

// Text output shows the control characters of free text as escapes: a workload's name, a
// user policy's sentences and dimensions, a finding's message cannot clear the screen,
// retitle the terminal or hide a NUL.
func TestTextShowsControlCharactersAsEscapes(t *testing.T) {
	r := sample()
	r.Workload = "flags\x1b[2J\x00 and \u202egnp.exe"
	r.Ranking[0].Reasons[0].Text = "reason \x1b]0;pwned\x07 here"
	r.Ranking[0].Reasons[0].Dimension = "dim\x1b[31m"
	r.Warnings = []string{"warn \u009b31m\x7f \xff"}
	r.Findings = []rules.Finding{{Analyzer: "kvrmw", File: "a\x1b.go", Line: 3, Message: "msg \x1b[1A\x08"}}
	var b strings.Builder
	if err := Text(&b, r, 80); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, c := range out {
		if c != '\n' && hidden(c) {
			t.Fatalf("the text output holds %U:\n%q", c, out)
		}
	}
	for _, want := range []string{`flags\x1b[2J\x00 and \u202egnp.exe`, `reason \x1b]0;pwned\x07 here`, `warn \x9b31m\x7f \xff`, `a\x1b.go:3: msg \x1b[1A\x08`} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %s:\n%s", want, out)
		}
	}
	if got := Visible("plain – text ✓"); got != "plain – text ✓" {
		t.Errorf("Visible changed plain text: %q", got)
	}
}
