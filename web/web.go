// Package web renders a recommendation for people: plain text for a terminal, markdown for
// a pull-request comment or design review note, and (in html.go) the static HTML report. It
// knows no policy: everything it shows comes from a rules.Recommendation.
package web

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/storewise/storewise/matrix"
	"github.com/storewise/storewise/rules"
)

// Sources numbers the distinct sources of a recommendation in order of first appearance,
// so reasons can cite [n] and the list can follow.
type Sources struct {
	list []string
	idx  map[string]int
}

// Cite returns the 1-based number of a source, adding it if new.
func (s *Sources) Cite(src string) int {
	if s.idx == nil {
		s.idx = map[string]int{}
	}
	if n, ok := s.idx[src]; ok {
		return n
	}
	s.list = append(s.list, src)
	s.idx[src] = len(s.list)
	return len(s.list)
}

// List returns the sources in citation order.
func (s *Sources) List() []string { return slices.Clone(s.list) }

// IsURL reports whether a source is a link (the seed's sections are cited by name).
func IsURL(src string) bool {
	return strings.HasPrefix(src, "https://") || strings.HasPrefix(src, "http://")
}

// Name returns a product's display name.
func Name(r *rules.Recommendation, id string) string {
	if e, ok := Entry(r, id); ok && e.Name != "" {
		return e.Name
	}
	return id
}

// Considered lists the products the recommendation weighed, in the matrix's order, as a
// reader names them: "Workers KV, D1, Durable Objects, Hyperdrive or R2", and Vectorize
// too when the workload's vectors were routed to it.
func Considered(r *rules.Recommendation) string {
	names := considered(r)
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}

func considered(r *rules.Recommendation) []string {
	var names []string
	for _, p := range matrix.MustLoad().Products {
		if _, ok := Entry(r, p.ID); ok {
			names = append(names, Name(r, p.ID))
		}
	}
	return names
}

// Summary is the pick's score and the runner-up's, with why the runner-up is not the pick;
// empty when every product is eliminated.
func Summary(r *rules.Recommendation) string {
	pick, ok := Entry(r, r.Primary)
	if !ok {
		return ""
	}
	s := fmt.Sprintf("%s scores %d of 100.", pick.Name, pick.Score)
	if ru, ok := Entry(r, r.RunnerUp); ok {
		s = strings.TrimSpace(s + fmt.Sprintf(" Runner-up: %s, %d. %s", ru.Name, ru.Score, WhyNot(r, r.RunnerUp)))
	}
	return s
}

// otherWarnings are the warnings but the contradiction between the scanned code and the
// answers, which every format shows beside the verdict instead.
func otherWarnings(r *rules.Recommendation) []string {
	var out []string
	for _, s := range r.Warnings {
		if s != r.Contradiction {
			out = append(out, s)
		}
	}
	return out
}

// eliminated lists the products ruled out, in ranking order.
func eliminated(r *rules.Recommendation) []rules.Ranked {
	var out []rules.Ranked
	for _, e := range r.Ranking {
		if e.Eliminated {
			out = append(out, e)
		}
	}
	return out
}

// Entry returns a product's ranking entry.
func Entry(r *rules.Recommendation, id string) (rules.Ranked, bool) {
	for _, p := range r.Ranking {
		if p.Product == id {
			return p, true
		}
	}
	return rules.Ranked{}, false
}

// Verdict says the recommendation in one sentence.
func Verdict(r *rules.Recommendation) string {
	if r.Primary == "" {
		return "No Cloudflare store fits these answers as given: every product is eliminated."
	}
	primary := Name(r, r.Primary)
	if r.Pattern == nil {
		return fmt.Sprintf("Use %s.", primary)
	}
	var others []string
	for _, p := range r.Pattern.Products {
		if p != r.Primary {
			others = append(others, Name(r, p))
		}
	}
	if len(others) == 0 {
		return fmt.Sprintf("Use %s, as %s.", primary, r.Pattern.Name)
	}
	switch r.Pattern.Name {
	case "read-through cache":
		return fmt.Sprintf("Use %s, with %s in front of it as a read-through cache.", primary, strings.Join(others, " and "))
	}
	return fmt.Sprintf("Use %s, with %s beside it (%s).", primary, strings.Join(others, " and "), r.Pattern.Name)
}

// PatternCost says what the pattern's products cost together, and what that assumes.
func PatternCost(r *rules.Recommendation) string {
	if r.Pattern == nil || r.Pattern.Cost == nil || len(r.Pattern.Products) < 2 {
		return ""
	}
	c := r.Pattern.Cost
	var parts []string
	for _, pc := range c.Products {
		parts = append(parts, Name(r, pc.Product)+" "+USD(pc.MonthlyUSD))
	}
	s := fmt.Sprintf("Together about %s a month (%s)", USD(c.MonthlyUSD), strings.Join(parts, ", "))
	if len(c.Lines) > 0 {
		s += "; " + strings.Join(c.Lines, "; ")
	}
	return s + "."
}

// WhyNot names the strongest reason the runner-up lost: its elimination, or the dimension
// where the pick gains most over it.
func WhyNot(r *rules.Recommendation, id string) string {
	e, ok := Entry(r, id)
	if !ok {
		return ""
	}
	if e.Eliminated && len(e.Reasons) > 0 {
		return e.Reasons[0].Text
	}
	pick, ok := Entry(r, r.Primary)
	if !ok || id == r.Primary {
		return ""
	}
	best, gap := "", 0
	for _, dim := range dimensionsOf(pick, e) {
		if g := pick.Points[dim] - e.Points[dim]; g > gap {
			best, gap = dim, g
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf("%s scores %d points fewer on %s.", e.Name, gap, DimensionTitle(best))
}

// Gap is one dimension on which the runner-up and the pick score differently: the points
// of each, and the runner-up's reasons there (its own words for its score).
type Gap struct {
	Dimension      string
	Pick, RunnerUp int
	Reasons        []rules.Reason
}

// RunnerUpGaps says where and by how much the runner-up falls short of the pick, dimension
// by dimension, the largest shortfall first (behind), and where it leads, the largest lead
// first (ahead). Dimensions on which both score the same are left out. Both are empty
// without a standing runner-up.
func RunnerUpGaps(r *rules.Recommendation) (behind, ahead []Gap) {
	pick, ok1 := Entry(r, r.Primary)
	ru, ok2 := Entry(r, r.RunnerUp)
	if !ok1 || !ok2 || ru.Eliminated || r.RunnerUp == r.Primary {
		return nil, nil
	}
	for _, dim := range tableDimensions(r) {
		g := Gap{Dimension: dim, Pick: pick.Points[dim], RunnerUp: ru.Points[dim]}
		for _, x := range ru.Reasons {
			if x.Dimension == dim {
				g.Reasons = append(g.Reasons, x)
			}
		}
		switch {
		case g.RunnerUp < g.Pick:
			behind = append(behind, g)
		case g.RunnerUp > g.Pick:
			ahead = append(ahead, g)
		}
	}
	slices.SortStableFunc(behind, func(x, y Gap) int { return (y.Pick - y.RunnerUp) - (x.Pick - x.RunnerUp) })
	slices.SortStableFunc(ahead, func(x, y Gap) int { return (y.RunnerUp - y.Pick) - (x.RunnerUp - x.Pick) })
	return behind, ahead
}

// GapIntro is the sentence over the runner-up's shortfalls: by how much it trails overall.
func GapIntro(r *rules.Recommendation) string {
	pick, _ := Entry(r, r.Primary)
	ru, _ := Entry(r, r.RunnerUp)
	return fmt.Sprintf("%s scores %d points fewer than %s (%d against %d). Where it falls short, the largest gap first:", ru.Name, pick.Score-ru.Score, pick.Name, ru.Score, pick.Score)
}

// GapLeads says in one sentence where the runner-up leads the pick, or "".
func GapLeads(r *rules.Recommendation, ahead []Gap) string {
	if len(ahead) == 0 {
		return ""
	}
	parts := make([]string, len(ahead))
	for i, g := range ahead {
		parts[i] = fmt.Sprintf("%s (%s: %d against %d)", DimensionTitle(g.Dimension), Signed(g.RunnerUp-g.Pick), g.RunnerUp, g.Pick)
	}
	return fmt.Sprintf("Where %s leads: %s.", Name(r, r.RunnerUp), strings.Join(parts, ", "))
}

// gapText is a shortfall's explanation: the points of each, then the runner-up's reasons.
func gapText(r *rules.Recommendation, g Gap, reason func(rules.Reason) string) string {
	s := fmt.Sprintf("%d against %d.", g.RunnerUp, g.Pick)
	if len(g.Reasons) == 0 {
		return s + fmt.Sprintf(" %s earns nothing here.", Name(r, r.RunnerUp))
	}
	for _, x := range g.Reasons {
		s += " " + reason(x)
	}
	return s
}

func dimensionsOf(entries ...rules.Ranked) []string {
	var dims []string
	for _, e := range entries {
		for d := range e.Points {
			if !slices.Contains(dims, d) {
				dims = append(dims, d)
			}
		}
	}
	slices.Sort(dims)
	return dims
}

// DimensionTitle writes a dimension id as words: write_ratio → write ratio.
func DimensionTitle(dim string) string { return strings.ReplaceAll(dim, "_", " ") }

// USD writes a monthly amount: $0.00, $1,234.50.
func USD(v float64) string {
	s := strconv.FormatFloat(math.Round(v*100)/100, 'f', 2, 64)
	whole, frac, _ := strings.Cut(s, ".")
	var b strings.Builder
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return "$" + b.String() + "." + frac
}

// Signed writes points with their sign: +30, -4.
func Signed(n int) string {
	if n > 0 {
		return "+" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// TTLSummary writes the TTL guidance's numbers in one line.
func TTLSummary(t *rules.TTL) string {
	exp := "none (KV holds the data)"
	if t.ExpirationTTLSeconds != nil {
		exp = fmt.Sprintf("%d s", *t.ExpirationTTLSeconds)
	}
	return fmt.Sprintf("cacheTtl %d s, expirationTtl %s", t.CacheTTLSeconds, exp)
}
