package web

import (
	"fmt"
	"html"
	"io"
	"strings"

	"github.com/storewise/storewise/rules"
)

// Markdown writes the recommendation as a design-review note fit for a pull request
// (GitHub-flavoured markdown): the verdict first, then the ranking, the reasons with their
// sources, the cost, the TTLs and what would change the answer.
func Markdown(w io.Writer, r *rules.Recommendation) error {
	var src Sources
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	// fold writes a long section's body inside <details>, as review bots fold theirs, so
	// the comment reads as the verdict and the reasons; summary is plain text.
	fold := func(summary string, body func()) {
		p("")
		p("<details>")
		p("<summary>%s</summary>", html.EscapeString(summary))
		body()
		p("")
		p("</details>")
	}

	p("# Storage recommendation: %s", mdText(r.Workload))
	p("")
	p("**%s**", mdText(Verdict(r)))
	if s := Summary(r); s != "" {
		p("")
		p("%s", mdText(s))
	}
	if r.Contradiction != "" {
		p("")
		p("> **Warning:** %s", mdText(r.Contradiction))
	}

	p("")
	p("## Ranking")
	p("")
	p("| # | Product | Score | |")
	p("|--:|---|--:|---|")
	for i, e := range r.Ranking {
		status := ""
		if e.Eliminated {
			status = "eliminated"
			if len(e.Reasons) > 0 {
				status += ": " + mdText(e.Reasons[0].Text)
			}
		} else if e.Product == r.Primary {
			status = "**pick**"
		}
		p("| %d | %s | %d | %s |", i+1, e.Name, e.Score, status)
	}

	if e, ok := Entry(r, r.Primary); ok {
		p("")
		p("## Why %s", e.Name)
		p("")
		p("| Dimension | Points | Reason |")
		p("|---|--:|---|")
		for _, x := range e.Reasons {
			p("| %s | %s | %s [%d] |", DimensionTitle(x.Dimension), Signed(x.Points), mdText(x.Text), src.Cite(x.Source))
		}
	}
	if ru, ok := Entry(r, r.RunnerUp); ok {
		pick, _ := Entry(r, r.Primary)
		p("")
		p("## Why not %s (runner-up)", ru.Name)
		behind, ahead := RunnerUpGaps(r)
		if len(behind) > 0 {
			p("")
			p("%s", mdText(GapIntro(r)))
			p("")
			p("| Dimension | %s | %s | Gap | %s's reason |", pick.Name, ru.Name, ru.Name)
			p("|---|--:|--:|--:|---|")
			for _, g := range behind {
				var why []string
				for _, x := range g.Reasons {
					why = append(why, fmt.Sprintf("%s [%d]", mdText(x.Text), src.Cite(x.Source)))
				}
				if len(why) == 0 {
					why = []string{"nothing earned here"}
				}
				p("| %s | %d | %d | %s | %s |", DimensionTitle(g.Dimension), g.Pick, g.RunnerUp, Signed(g.RunnerUp-g.Pick), strings.Join(why, " "))
			}
		}
		if s := GapLeads(r, ahead); s != "" {
			p("")
			p("%s", mdText(s))
		}
	}

	if out := eliminated(r); len(out) > 0 {
		p("")
		p("## Eliminated")
		names := make([]string, len(out))
		for i, e := range out {
			names[i] = e.Name
		}
		fold(fmt.Sprintf("%d ruled out: %s; the reasons", len(out), strings.Join(names, ", ")), func() {
			p("")
			for _, e := range out {
				for _, x := range e.Reasons {
					p("- **%s** (%s): %s [%d]", e.Name, DimensionTitle(x.Dimension), mdText(x.Text), src.Cite(x.Source))
				}
			}
		})
	}

	if r.Pattern != nil {
		p("")
		p("## Pattern: %s", mdText(r.Pattern.Name))
		p("")
		p("%s [%d]", mdText(r.Pattern.Text), src.Cite(r.Pattern.Source))
		if c := PatternCost(r); c != "" {
			p("")
			p("%s", mdText(c))
		}
	}

	p("")
	p("## Monthly cost")
	p("")
	p("Workers Paid plan, free allowances included, base fee not included.")
	costSummary := "Every product's cost, line by line"
	if r.Primary != "" {
		costSummary = fmt.Sprintf("%s: about %s a month; every product's cost, line by line", Name(r, r.Primary), USD(primaryCost(r)))
	}
	fold(costSummary, func() {
		p("")
		p("| Product | Per month | How |")
		p("|---|--:|---|")
		for _, c := range r.Cost {
			how := strings.Join(mapStrings(c.Lines, mdText), "<br>")
			if c.Excludes != "" {
				how += "<br>Excludes " + mdText(c.Excludes) + "."
			}
			p("| %s | %s | %s |", Name(r, c.Product), USD(c.MonthlyUSD), how)
		}
	})

	if r.TTL != nil {
		p("")
		p("## TTL guidance")
		p("")
		p("**%s.** %s", TTLSummary(r.TTL), mdText(r.TTL.Text))
		fold("The four questions behind these TTLs", func() {
			p("")
			for i, s := range r.TTL.Steps {
				p("%d. *%s* %s", i+1, mdText(s.Question), mdText(s.Answer))
			}
		})
	}

	p("")
	p("## What would change the answer")
	p("")
	if len(r.Flips) == 0 {
		p("No single different answer changes the pick.")
	}
	mdBullets(p, "-", flipTexts(r))

	if len(r.Findings) > 0 {
		p("")
		p("## Code findings")
		fold(fmt.Sprintf("%d found by kvlint in the scanned code, with the code", len(r.Findings)), func() {
			p("")
			for _, f := range r.Findings {
				p("- `%s:%d` %s (%s)", mdCode(f.File), f.Line, mdText(f.Message), mdText(f.Analyzer))
				if f.Code != "" {
					// A fenced block shows code as it is, markup included; only a run of
					// backticks as long as the fence could end it early.
					fence := codeFence(f.Code)
					p("")
					p("  %sgo", fence)
					for _, l := range strings.Split(strings.TrimRight(f.Code, "\n"), "\n") {
						p("  %s", l)
					}
					p("  %s", fence)
				}
			}
		})
	}
	if warnings := otherWarnings(r); len(warnings) > 0 {
		p("")
		p("## Warnings")
		p("")
		mdBullets(p, "-", warnings)
	}
	if len(r.Assumptions) > 0 {
		p("")
		p("## Assumptions")
		fold(fmt.Sprintf("%d answers not given: the defaults used", len(r.Assumptions)), func() {
			p("")
			mdBullets(p, "-", r.Assumptions)
		})
	}
	if list := src.List(); len(list) > 0 {
		p("")
		p("## Sources")
		fold(fmt.Sprintf("%d sources, numbered as cited", len(list)), func() {
			p("")
			mdSources(p, list)
		})
	}
	p("")
	p("<sub>Generated by Storewise from an answers file; every reason names its dimension, points and source.</sub>")
	_, err := io.WriteString(w, b.String())
	return err
}

// mdBullets writes free-text items as a markdown list with the given bullet.
func mdBullets(p func(string, ...any), bullet string, items []string) {
	for _, s := range items {
		p("%s %s", bullet, mdText(s))
	}
}

// flipTexts lists the sentences of what would change the answer.
func flipTexts(r *rules.Recommendation) []string {
	out := make([]string, len(r.Flips))
	for i, f := range r.Flips {
		out[i] = f.Text
	}
	return out
}

// mdSources writes a numbered list of sources: links for pages, text for the seed's
// sections.
func mdSources(p func(string, ...any), list []string) {
	for i, s := range list {
		if IsURL(s) {
			p("%d. <%s>", i+1, s)
		} else {
			p("%d. %s", i+1, mdText(s))
		}
	}
}

// mdText escapes free text for markdown: no HTML gets through, and characters that would
// start emphasis, links or code are taken literally.
func mdText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	r := strings.NewReplacer(
		"&", "&amp;", "<", "&lt;", ">", "&gt;",
		`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "#", `\#`, "|", `\|`,
	)
	return r.Replace(s)
}

// mdCode keeps a file name inside an inline code span.
func mdCode(s string) string { return strings.ReplaceAll(oneLine(s), "`", "'") }

func mapStrings(in []string, f func(string) string) []string {
	out := make([]string, len(in))
	for i, s := range in {
		out[i] = f(s)
	}
	return out
}

// codeFence returns a fence of backticks longer than any run of them in code (at least
// three), so the code cannot close its own block.
func codeFence(code string) string {
	longest, run := 0, 0
	for _, c := range code {
		if c == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}
