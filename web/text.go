package web

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/storewise/storewise/rules"
)

// Text writes the recommendation as a short memo for a terminal: the pick and why, the
// runner-up and why not, the cost, the TTLs, what would change it. Plain text, no colour,
// lines wrapped to width (80 when width ≤ 0).
func Text(w io.Writer, r *rules.Recommendation, width int) error {
	if width <= 0 {
		width = 80
	}
	var src Sources
	var b strings.Builder
	line := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	// wrapped writes a paragraph: first line after first, the others after rest.
	wrapped := func(first, rest, text string) { b.WriteString(wrap(first, rest, text, width)) }
	heading := func(s string) {
		s = Visible(s)
		line("\n%s\n%s", s, strings.Repeat("─", utf8.RuneCountInString(s)))
	}

	wrapped("", "  ", "Storewise recommendation: "+oneLine(r.Workload))
	line("")
	wrapped("  ", "  ", Verdict(r))
	if r.Primary != "" {
		pick, _ := Entry(r, r.Primary)
		s := fmt.Sprintf("Pick: %s, %d points.", pick.Name, pick.Score)
		if r.RunnerUp != "" {
			ru, _ := Entry(r, r.RunnerUp)
			s += fmt.Sprintf(" Runner-up: %s, %d points. %s", ru.Name, ru.Score, WhyNot(r, r.RunnerUp))
		}
		wrapped("  ", "  ", s)
	}
	if r.Contradiction != "" {
		line("")
		wrapped("  Warning: ", "           ", r.Contradiction)
	}

	heading("Ranking")
	nameWidth := 0
	for _, p := range r.Ranking {
		nameWidth = max(nameWidth, utf8.RuneCountInString(p.Name))
	}
	barWidth := max(10, min(40, width-nameWidth-12))
	for _, p := range r.Ranking {
		if p.Eliminated {
			reason := ""
			if len(p.Reasons) > 0 {
				reason = p.Reasons[0].Text
			}
			wrapped(fmt.Sprintf("  %-*s  ", nameWidth, p.Name), strings.Repeat(" ", nameWidth+4), "eliminated: "+reason)
			continue
		}
		n := p.Score * barWidth / 100
		line("  %-*s  %s%s %3d", nameWidth, p.Name, strings.Repeat("█", n), strings.Repeat("·", barWidth-n), p.Score)
	}

	if pick, ok := Entry(r, r.Primary); ok {
		heading("Why " + pick.Name)
		reasons(&b, &src, pick.Reasons, width)
	}
	if ru, ok := Entry(r, r.RunnerUp); ok {
		heading("Why not " + ru.Name + " (runner-up)")
		behind, ahead := RunnerUpGaps(r)
		if len(behind) > 0 {
			wrapped("  ", "  ", GapIntro(r))
		}
		for _, g := range behind {
			text := gapText(r, g, func(x rules.Reason) string { return fmt.Sprintf("%s [%d]", x.Text, src.Cite(x.Source)) })
			b.WriteString(wrap(fmt.Sprintf("  %3s  %-23s  ", Signed(g.RunnerUp-g.Pick), DimensionTitle(g.Dimension)), strings.Repeat(" ", 32), text, width))
		}
		if s := GapLeads(r, ahead); s != "" {
			wrapped("  ", "  ", s)
		}
	}
	if out := eliminated(r); len(out) > 0 {
		heading("Eliminated")
		for _, p := range out {
			for _, rs := range p.Reasons {
				wrapped("  - ", "    ", fmt.Sprintf("%s: %s [%d]", p.Name, rs.Text, src.Cite(rs.Source)))
			}
		}
	}

	if r.Pattern != nil {
		heading("Pattern: " + r.Pattern.Name)
		wrapped("  ", "  ", fmt.Sprintf("%s [%d]", r.Pattern.Text, src.Cite(r.Pattern.Source)))
		if c := PatternCost(r); c != "" {
			wrapped("  ", "  ", c)
		}
	}

	heading("Monthly cost (Workers Paid plan, base fee not included)")
	for _, c := range r.Cost {
		note := ""
		if c.Excludes != "" {
			note = "(excludes " + c.Excludes + ")"
		}
		wrapped(fmt.Sprintf("  %-*s  %10s  ", nameWidth, Name(r, c.Product), USD(c.MonthlyUSD)), strings.Repeat(" ", nameWidth+16), note)
	}
	if len(r.Cost) > 0 {
		line("  Details: --format json or markdown.")
	}

	if r.TTL != nil {
		heading("TTL guidance: " + TTLSummary(r.TTL))
		wrapped("  ", "  ", r.TTL.Text)
		for i, s := range r.TTL.Steps {
			wrapped(fmt.Sprintf("  %d. ", i+1), "     ", s.Question+" "+s.Answer)
		}
	}

	if len(r.Flips) > 0 {
		heading("What would change the answer")
		for _, f := range r.Flips {
			wrapped("  - ", "    ", f.Text)
		}
	}
	if len(r.Findings) > 0 {
		heading("Code findings")
		for _, f := range r.Findings {
			wrapped("  - ", "    ", fmt.Sprintf("%s:%d: %s (%s)", f.File, f.Line, oneLine(f.Message), f.Analyzer))
		}
	}
	if warnings := otherWarnings(r); len(warnings) > 0 {
		heading("Warnings")
		for _, s := range warnings {
			wrapped("  - ", "    ", s)
		}
	}
	if len(r.Assumptions) > 0 {
		heading("Assumptions")
		for _, s := range r.Assumptions {
			wrapped("  - ", "    ", s)
		}
	}
	if list := src.List(); len(list) > 0 {
		heading("Sources")
		for i, s := range list {
			wrapped(fmt.Sprintf("  [%d] ", i+1), "      ", s)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func reasons(b *strings.Builder, src *Sources, rs []rules.Reason, width int) {
	for _, x := range rs {
		pts := "   "
		if x.Points != 0 {
			pts = fmt.Sprintf("%3s", Signed(x.Points))
		}
		// A route's +100 takes a column from the title, which is short, so the text stays
		// in its column.
		b.WriteString(wrap(fmt.Sprintf("  %s  %-*s  ", pts, 26-len(pts), DimensionTitle(x.Dimension)), strings.Repeat(" ", 32),
			fmt.Sprintf("%s [%d]", x.Text, src.Cite(x.Source)), width))
	}
}

// wrap breaks text into lines of at most width runes: the first line starts with first,
// the others with rest (a hanging indent for lists and table rows). Runs of spaces inside
// the first line's prefix survive, so aligned columns stay aligned.
func wrap(first, rest, text string, width int) string {
	if strings.TrimSpace(text) == "" {
		return strings.TrimRight(first, " ") + "\n"
	}
	// Free text (a workload's name, a user policy's sentences, a finding's message) reaches
	// a terminal: its control characters are shown, never obeyed.
	first, rest = Visible(first), Visible(rest)
	var b strings.Builder
	b.WriteString(first)
	col := utf8.RuneCountInString(first)
	for i, w := range strings.Fields(text) {
		w = Visible(w)
		n := utf8.RuneCountInString(w)
		if i > 0 {
			if col+1+n > width {
				b.WriteString("\n" + rest)
				col = utf8.RuneCountInString(rest)
			} else {
				b.WriteByte(' ')
				col++
			}
		}
		b.WriteString(w)
		col += n
	}
	b.WriteByte('\n')
	return b.String()
}

// oneLine keeps free text (a workload name, a finding) from breaking the layout.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Visible replaces the control characters of s (C0 but for the spaces wrapping makes of
// tabs and newlines, DEL, C1, and the bidirectional overrides that reorder what a line
// seems to say) with visible escapes: ESC is shown as \x1b, NUL as \x00, U+202E as
// \u202e. A terminal shows free text, it does not obey it.
func Visible(s string) string {
	if !strings.ContainsFunc(s, hidden) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1: // a byte that is not UTF-8, as the byte
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case !hidden(r):
			b.WriteRune(r)
		case r < 0x100:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			fmt.Fprintf(&b, "\\u%04x", r)
		}
		i += n
	}
	return b.String()
}

func hidden(r rune) bool {
	switch {
	case r == ' ':
		return false
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, r == utf8.RuneError:
		return true
	case r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}
