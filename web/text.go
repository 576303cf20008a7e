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
	heading := func(s string) { line("\n%s\n%s", s, strings.Repeat("─", utf8.RuneCountInString(s))) }

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
		reasons(&b, &src, ru.Reasons, width)
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
		b.WriteString(wrap(fmt.Sprintf("  %s  %-23s  ", pts, DimensionTitle(x.Dimension)), strings.Repeat(" ", 32),
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
	var b strings.Builder
	b.WriteString(first)
	col := utf8.RuneCountInString(first)
	for i, w := range strings.Fields(text) {
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
