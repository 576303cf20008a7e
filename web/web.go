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
	switch r.Pattern.Name {
	case "read-through cache":
		return fmt.Sprintf("Use %s, with %s in front of it as a read-through cache.", primary, strings.Join(others, " and "))
	}
	return fmt.Sprintf("Use %s, with %s beside it (%s).", primary, strings.Join(others, " and "), r.Pattern.Name)
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
