package main

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"github.com/storewise/storewise/matrix"
	"github.com/storewise/storewise/rules"
	"github.com/storewise/storewise/web"
)

// styles are the interview's looks. Colours go through lipgloss, which drops them when
// NO_COLOR is set or the terminal has none; nothing is said by colour alone (an eliminated
// product is greyed and also says "eliminated").
type styles struct {
	theme   *huh.Theme
	title   lipgloss.Style
	heading lipgloss.Style
	faint   lipgloss.Style
	strong  lipgloss.Style
	bar     lipgloss.Style
	keys    lipgloss.Style
	status  lipgloss.Style
	panel   lipgloss.Style
}

func newStyles() styles {
	accent := lipgloss.AdaptiveColor{Light: "#5A3FC0", Dark: "#A99BF0"}
	theme := huh.ThemeCharm()
	// huh marks the chosen button of a Yes/No question by colour alone, which NO_COLOR (and a
	// colour-blind eye) loses: brackets mark it too, the other button padded to the same
	// width so the row does not jump.
	theme.Focused.FocusedButton = theme.Focused.FocusedButton.Transform(func(s string) string { return "[" + s + "]" })
	theme.Focused.BlurredButton = theme.Focused.BlurredButton.Transform(func(s string) string { return " " + s + " " })
	return styles{
		theme:   theme,
		title:   lipgloss.NewStyle().Bold(true).Foreground(accent),
		heading: lipgloss.NewStyle().Bold(true).Underline(true),
		faint:   lipgloss.NewStyle().Faint(true),
		strong:  lipgloss.NewStyle().Bold(true),
		bar:     lipgloss.NewStyle().Foreground(accent),
		keys:    lipgloss.NewStyle().Faint(true),
		status:  lipgloss.NewStyle().Bold(true),
		panel:   lipgloss.NewStyle().Border(lipgloss.NormalBorder(), false, false, false, true).PaddingLeft(1),
	}
}

// The side panel sits beside the question from this width on, below it on narrower screens.
const (
	wideLayout = 100
	panelWidth = 38
)

func (m *model) formWidth() int {
	if m.width >= wideLayout {
		return m.width - panelWidth - 2
	}
	return max(m.width, 20)
}

// bodyHeight is what the result screen has for its text: all but the header and footer.
func (m *model) bodyHeight() int { return max(1, m.height-3) }

func (m *model) View() string {
	switch m.screen {
	case screenQuestion:
		return m.questionView()
	case screenEvaluating:
		return m.frame(m.header("Working out what would change the answer..."), m.styles.faint.Render("Trying the nearest other answer to every question."), "ctrl+c quit")
	case screenResult:
		return m.resultView()
	case screenChange, screenFile:
		return m.frame(m.header("Recommendation"), m.form.View(), "enter confirm · esc cancel · ctrl+c quit")
	}
	return ""
}

func (m *model) header(right string) string {
	left := m.styles.title.Render("Storewise advisor")
	return truncateLine(left+m.styles.faint.Render(" · "+right), m.width)
}

// frame stacks header, body and footer, cutting the body so the footer stays on screen.
func (m *model) frame(header, body, footer string) string {
	lines := strings.Split(body, "\n")
	if room := m.height - 2; room > 0 && len(lines) > room {
		lines = lines[:room]
	}
	return header + "\n" + strings.Join(lines, "\n") + "\n" + m.styles.keys.Render(truncateLine(footer, m.width))
}

func (m *model) questionView() string {
	if m.form == nil {
		return "" // before Init
	}
	q := m.m.Questions[m.cur]
	n, total := m.position()
	head := m.header(fmt.Sprintf("%s · question %d of %d", groupTitle(m.m, q.Group), n, total))
	form := m.form.View()
	if help := m.qu.hoverHelp(); help != "" {
		form += "\n" + m.styles.faint.Render(hang("→ ", "  ", help, m.formWidth()))
	}
	if m.status != "" {
		form += "\n" + m.styles.status.Render(m.status)
	}
	var keys string
	switch q.Type {
	case matrix.TypeEnum:
		keys = "↑/↓ choose · enter next"
	case matrix.TypeBool:
		keys = "←/→ or y/n · enter next"
	default:
		keys = "type · enter next"
	}
	keys += " · esc back · ctrl+c quit"
	var body string
	if m.width >= wideLayout {
		panel := m.styles.panel.Width(panelWidth).Render(m.panel(panelWidth-2, max(1, m.height-2)))
		body = lipgloss.JoinHorizontal(lipgloss.Top, lipgloss.NewStyle().Width(m.formWidth()+1).Render(form), panel)
	} else if panel := m.panel(m.width, m.height-2-lipgloss.Height(form)-1); panel != "" {
		body = form + "\n\n" + panel
	} else {
		// On a screen too short for even a few bars, the ranking in one line, so the
		// question stays whole.
		body = form + "\n" + truncateLine(m.styles.faint.Render(m.rankingTitle()+": "+web.RankingLine(m.live)), m.width)
	}
	return m.frame(head, body, keys)
}

// rankingTitle says what the live ranking stands on: before any answer, the defaults alone.
func (m *model) rankingTitle() string {
	for _, given := range m.a.Given {
		if given {
			return "Ranking so far"
		}
	}
	return "Ranking on the defaults (nothing answered yet)"
}

// position numbers the current question among those that apply now.
func (m *model) position() (int, int) {
	n, total := 0, 0
	for i, q := range m.m.Questions {
		if m.a.Asked(q) {
			total++
			if i <= m.cur {
				n++
			}
		}
	}
	return n, total
}

// panel is the live ranking: bars on the answers so far, and what the last answer moved, in
// the question's words. It takes at most room lines: on a short screen the details of what
// moved give way first (to one line), then that line, then the lowest bars; with no room
// for three lines it is empty.
func (m *model) panel(width, room int) string {
	heading := m.styles.strong.Render(truncateLine(m.rankingTitle(), width))
	bars := m.rankingBars(m.live, width)
	var moved []string
	movedLine := ""
	if m.lastField != "" {
		q, _ := m.m.Question(m.lastField)
		what := fmt.Sprintf("%s (%s)", q.Name(), truncate(m.a.Text(m.lastField), 24))
		if len(m.moves) == 0 {
			movedLine = m.styles.faint.Render(truncateLine("Ranking unchanged by "+what+".", width))
			moved = []string{movedLine}
		} else {
			moved = strings.Split(m.styles.faint.Render(hang("", "", "Moved by "+what+":", width)), "\n")
			for _, s := range m.moves {
				moved = append(moved, strings.Split(hang("  ", "    ", s, width), "\n")...)
			}
			movedLine = m.styles.faint.Render(truncateLine("Moved by "+what+": "+m.moves[0], width))
		}
	}
	lines := append(append([]string{heading}, bars...), moved...)
	switch {
	case len(lines) <= room:
	case movedLine != "" && len(bars)+2 <= room:
		lines = append(append([]string{heading}, bars...), movedLine)
	case len(bars)+1 <= room:
		lines = append([]string{heading}, bars...)
	case room >= 3:
		keep := room - 2
		lines = append(append([]string{heading}, bars[:keep]...),
			m.styles.faint.Render(fmt.Sprintf("… and %d more", len(bars)-keep)))
	default:
		return ""
	}
	return strings.Join(lines, "\n")
}

// rankingBars draws the live panel's line per product: a bar and the score, or, greyed,
// "eliminated".
func (m *model) rankingBars(r *rules.Recommendation, width int) []string {
	nameWidth := 0
	for _, p := range r.Ranking {
		nameWidth = max(nameWidth, lipgloss.Width(p.Name))
	}
	barWidth := max(5, min(40, width-nameWidth-6))
	var out []string
	for _, p := range r.Ranking {
		name := p.Name + strings.Repeat(" ", nameWidth-lipgloss.Width(p.Name))
		if p.Eliminated {
			out = append(out, m.styles.faint.Render(truncateLine(name+"  eliminated", width)))
			continue
		}
		n := max(0, min(barWidth, p.Score*barWidth/100))
		bar := m.styles.bar.Render(strings.Repeat("█", n)) + m.styles.faint.Render(strings.Repeat("░", barWidth-n))
		out = append(out, fmt.Sprintf("%s  %s %3d", name, bar, p.Score))
	}
	return out
}

func (m *model) resultView() string {
	lines := m.resultLines()
	end := min(len(lines), m.scroll+m.bodyHeight())
	body := strings.Join(lines[min(m.scroll, end):end], "\n")
	more := ""
	if len(lines) > m.bodyHeight() {
		more = fmt.Sprintf(" · ↑↓ %d%%", 100*end/len(lines))
	}
	footer := "s save answers · r write report · b change an answer · q quit" + more
	if m.status != "" {
		footer = m.status + "\n" + footer
		if end-m.scroll >= m.bodyHeight() {
			body = strings.Join(lines[m.scroll:end-1], "\n")
		}
	}
	var fl []string
	for _, l := range strings.Split(footer, "\n") {
		fl = append(fl, truncateLine(l, m.width))
	}
	return m.header("Recommendation: "+web.Visible(m.rec.Workload)) + "\n" + body + "\n" + m.styles.keys.Render(strings.Join(fl, "\n"))
}

// resultLines renders the whole recommendation for the result screen, wrapped to the
// terminal (at most 100 columns, which reads better than a full wide screen). It is
// --format text at that width, so the screen says all the memo says (eliminations, TTL
// steps, findings, sources), styled: the title is the screen's header, headings are bold,
// the verdict strong, the bars coloured and eliminated products greyed.
func (m *model) resultLines() []string {
	w := max(40, min(m.width, 100))
	var b strings.Builder
	if err := web.Text(&b, m.rec, w); err != nil {
		return []string{err.Error()}
	}
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	// The title paragraph and the blank line after it: the header already says it.
	for len(lines) > 0 && lines[0] != "" {
		lines = lines[1:]
	}
	if len(lines) > 0 {
		lines = lines[1:]
	}
	var out []string
	verdict, ranking := true, false
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		if i+1 < len(lines) && l != "" && strings.Trim(lines[i+1], "─") == "" && lines[i+1] != "" {
			out = append(out, m.styles.heading.Render(l)) // the underline is the style's
			i++
			verdict, ranking = false, l == "Ranking"
			continue
		}
		switch {
		case l == "":
			verdict = false
		case verdict:
			l = m.styles.strong.Render(l)
		case ranking && !strings.ContainsAny(l, "█·"): // an eliminated product, wrapped
			l = m.styles.faint.Render(l)
		case ranking:
			l = m.styledBar(l)
		}
		out = append(out, l)
	}
	return out
}

// styledBar colours a ranking line's bar: the filled part in the accent, the rest faint.
func (m *model) styledBar(l string) string {
	i := strings.IndexAny(l, "█·")
	if i < 0 {
		return l
	}
	filled := len(l[i:]) - len(strings.TrimLeft(l[i:], "█"))
	empty := len(l[i+filled:]) - len(strings.TrimLeft(l[i+filled:], "·"))
	return l[:i] + m.styles.bar.Render(l[i:i+filled]) + m.styles.faint.Render(l[i+filled:i+filled+empty]) + l[i+filled+empty:]
}

// hang wraps text to width after first, with later lines indented by rest.
func hang(first, rest, text string, width int) string {
	avail := max(10, width-max(lipgloss.Width(first), lipgloss.Width(rest)))
	wrapped := strings.Split(lipgloss.NewStyle().Width(avail).Render(text), "\n")
	for i := range wrapped {
		wrapped[i] = strings.TrimRight(wrapped[i], " ")
		if i == 0 {
			wrapped[i] = first + wrapped[i]
		} else {
			wrapped[i] = rest + wrapped[i]
		}
	}
	return strings.Join(wrapped, "\n")
}

// truncateLine keeps one line within width cells, escape sequences included.
func truncateLine(s string, width int) string {
	if width <= 0 || lipgloss.Width(s) <= width {
		return s
	}
	return lipgloss.NewStyle().MaxWidth(width).Render(s)
}
