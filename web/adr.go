package web

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/storewise/storewise/matrix"
	"github.com/storewise/storewise/rules"
)

// ADROptions is what the decision record shows beyond the recommendation.
type ADROptions struct {
	// Version is the Storewise release that wrote the record.
	Version string
	// Date is the record's date; the zero time means ReportDate().
	Date time.Time
}

// ADR writes the decision as an Architecture Decision Record in the MADR layout (context
// and problem statement, decision drivers, considered options, decision outcome with its
// consequences, pros and cons of the options, more information), for teams that keep ADRs
// in their repository. Status is "proposed": accepting it is the team's act, not the tool's.
func ADR(w io.Writer, r *rules.Recommendation, opts ADROptions) error {
	if opts.Date.IsZero() {
		d, err := ReportDate()
		if err != nil {
			return err
		}
		opts.Date = d
	}
	var src Sources
	var b strings.Builder
	p := func(format string, args ...any) { fmt.Fprintf(&b, format+"\n", args...) }
	cite := func(source string) string { return fmt.Sprintf(" [%d]", src.Cite(source)) }
	workload := mdText(r.Workload)
	if workload == "" {
		workload = "unnamed workload"
	}

	p("---")
	p("status: proposed")
	p("date: %s", opts.Date.Format("2006-01-02"))
	p("---")
	p("")
	if r.Primary == "" {
		p("# Storage for %s: no Cloudflare store fits as specified", workload)
	} else {
		p("# Storage for %s: %s", workload, mdText(lowerFirst(strings.TrimSuffix(strings.TrimPrefix(Verdict(r), "Use "), "."))))
	}

	p("")
	p("## Context and Problem Statement")
	p("")
	p("Where should %s keep its data on Cloudflare: %s? The workload, as described in its answers file:", workload, mdText(Considered(r)))
	p("")
	if r.Answers != nil {
		for _, q := range matrix.MustLoad().Questions {
			if q.Field == "workload" {
				continue
			}
			note := ""
			if !r.Answers.Given[q.Field] {
				note = " (assumed: not given)"
			}
			p("* `%s`: %s%s", q.Field, mdText(r.Answers.Text(q.Field)), note)
		}
	}
	if len(r.Findings) > 0 {
		p("")
		p("The code already uses Workers KV; kvlint reports:")
		p("")
		for _, f := range r.Findings {
			p("* `%s:%d` %s (%s)", mdCode(f.File), f.Line, mdText(f.Message), mdText(f.Analyzer))
		}
	}

	p("")
	p("## Decision Drivers")
	p("")
	p("In the order in which they weigh:")
	p("")
	for _, d := range tableDimensions(r) {
		p("* %s", mdText(DimensionTitle(d)))
	}

	p("")
	p("## Considered Options")
	p("")
	for _, e := range r.Ranking {
		if e.Eliminated {
			p("* %s (eliminated)", e.Name)
		} else {
			p("* %s (%d of 100)", e.Name, e.Score)
		}
	}

	p("")
	p("## Decision Outcome")
	p("")
	if pick, ok := Entry(r, r.Primary); ok {
		why := fmt.Sprintf("it scores %d of 100, the most of the options left", pick.Score)
		if r.RunnerUp != "" {
			if w := WhyNot(r, r.RunnerUp); w != "" {
				why += "; " + lowerFirst(strings.TrimSuffix(w, "."))
			}
		}
		p("Chosen option: %q, because %s.", pick.Name, mdText(why))
		if r.Contradiction != "" {
			p("")
			p("> **Warning:** %s", mdText(r.Contradiction))
		}
		if r.Pattern != nil {
			p("")
			p("Pattern, %s: %s%s", mdText(r.Pattern.Name), mdText(r.Pattern.Text), cite(r.Pattern.Source))
		}
		p("")
		p("### Consequences")
		p("")
		for _, x := range pick.Reasons {
			if x.Points >= 0 {
				p("* Good, because %s%s", mdText(because(x)), cite(x.Source))
			}
		}
		for _, x := range pick.Reasons {
			if x.Points < 0 {
				p("* Bad, because %s%s", mdText(because(x)), cite(x.Source))
			}
		}
		// What counts against the chosen products whatever the answers (D1's 10 GB cap, a
		// single-threaded database), and what a second product costs: MADR's consequences
		// are the bad as well as the good, and a reviewer should not find them later.
		for _, id := range chosenProducts(r) {
			prod, ok := matrix.MustLoad().Product(id)
			if !ok {
				continue
			}
			for _, key := range prod.Drawbacks {
				if f, ok := prod.Fact(key); ok {
					p("* Bad, because of %s's limit on %s: %s.%s", mdText(prod.Name), mdText(f.Title), mdText(f.Text), cite(f.Source))
				}
			}
		}
		if r.Pattern != nil {
			for _, id := range r.Pattern.Products {
				if id == r.Primary {
					continue
				}
				for _, c := range r.Cost {
					if c.Product == id {
						p("* Bad, because %s is a second product to pay for and to keep in step with %s: about %s a month on top of %s's %s%s", mdText(Name(r, id)), mdText(pick.Name), USD(c.MonthlyUSD), mdText(pick.Name), USD(primaryCost(r)), cacheNote(r))
					}
				}
			}
		}
		for _, c := range r.Cost {
			if c.Product == r.Primary && c.Excludes != "" {
				p("* Neutral, because the cost estimate of %s excludes %s.", USD(c.MonthlyUSD), mdText(c.Excludes))
			}
		}
		if r.TTL != nil {
			p("* Neutral, because KV needs TTLs: %s. %s", mdText(TTLSummary(r.TTL)), mdText(r.TTL.Text))
		}
		for _, s := range otherWarnings(r) {
			p("* Bad, because %s", mdText(lowerFirst(s)))
		}
	} else {
		p("No option is chosen: every product is eliminated by the answers as given. Revisit the hard limits below before deciding.")
		for _, s := range r.Warnings {
			p("")
			p("%s", mdText(s))
		}
	}

	p("")
	p("### Confirmation")
	p("")
	p("The answers above are the input: keep the answers file beside this record and regenerate it with `advisor --answers FILE --format adr` when they change.")
	if usesKV(r) {
		p("")
		p("`kvlint ./...` in CI keeps the code's use of Workers KV within what KV supports (no read-modify-write, no existence checks, TTLs in range).")
	}

	p("")
	p("## Pros and Cons of the Options")
	for _, e := range r.Ranking {
		p("")
		p("### %s", e.Name)
		p("")
		if e.Eliminated {
			for _, x := range e.Reasons {
				p("* Bad, because %s (eliminated on %s)%s", mdText(lowerFirst(strings.TrimSuffix(x.Text, "."))), mdText(DimensionTitle(x.Dimension)), cite(x.Source))
			}
			continue
		}
		for _, x := range e.Reasons {
			verdict := "Good"
			switch {
			case x.Points < 0:
				verdict = "Bad"
			case x.Points == 0:
				verdict = "Neutral"
			}
			p("* %s, because %s (%s, %s)%s", verdict, mdText(strings.TrimSuffix(because(x), ".")), mdText(DimensionTitle(x.Dimension)), Signed(x.Points), cite(x.Source))
		}
	}

	p("")
	p("## More Information")
	p("")
	p("What would change the decision:")
	p("")
	if len(r.Flips) == 0 {
		p("* No single different answer changes the pick.")
	}
	mdBullets(p, "*", flipTexts(r))
	if len(r.Assumptions) > 0 {
		p("")
		p("Assumptions:")
		p("")
		mdBullets(p, "*", r.Assumptions)
	}
	if list := src.List(); len(list) > 0 {
		p("")
		p("Sources:")
		p("")
		mdSources(p, list)
	}
	p("")
	p("Written by Storewise %s; every reason names its dimension, its points and its source.", mdText(opts.Version))
	_, err := io.WriteString(w, b.String())
	return err
}

// chosenProducts are the products the decision puts in use: the pick, then the others of
// its pattern.
func chosenProducts(r *rules.Recommendation) []string {
	out := []string{r.Primary}
	if r.Pattern != nil {
		for _, id := range r.Pattern.Products {
			if !slices.Contains(out, id) {
				out = append(out, id)
			}
		}
	}
	return out
}

// primaryCost is the pick's estimated monthly cost.
func primaryCost(r *rules.Recommendation) float64 {
	for _, c := range r.Cost {
		if c.Product == r.Primary {
			return c.MonthlyUSD
		}
	}
	return 0
}

// cacheNote adds what a cache costs beyond money: copies that can be stale.
func cacheNote(r *rules.Recommendation) string {
	if r.Pattern == nil || r.Pattern.Name != "read-through cache" || r.TTL == nil {
		return "."
	}
	return fmt.Sprintf(", and its copies can be stale (%s) and must be invalidated on writes.", mdText(TTLSummary(r.TTL)))
}

// usesKV reports whether the decision puts Workers KV in the code, as the store or a cache.
func usesKV(r *rules.Recommendation) bool {
	if r.Primary == "kv" {
		return true
	}
	return r.Pattern != nil && slices.Contains(r.Pattern.Products, "kv")
}

// because turns a reason into the clause after "because". The cost reasons start "About
// $12.50 a month": they need a verb.
func because(x rules.Reason) string {
	if x.Dimension == "cost" && strings.HasPrefix(x.Text, "About ") {
		return "it costs " + lowerFirst(x.Text)
	}
	return lowerFirst(x.Text)
}

// lowerFirst lets a reason written as a sentence follow "because": "The data is…" → "the
// data is…". Product names (the matrix's: Workers KV, Vectorize) and acronyms (D1,
// PostgreSQL) keep their capitals.
func lowerFirst(s string) string {
	word, _, _ := strings.Cut(s, " ")
	word = strings.TrimRight(word, ":;,.")
	if word == "" || slices.ContainsFunc(matrix.MustLoad().Products, func(p matrix.Product) bool { return strings.HasPrefix(s, p.Name) }) ||
		strings.IndexFunc(word[1:], func(r rune) bool { return unicode.IsUpper(r) || unicode.IsDigit(r) }) >= 0 {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
