package web

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/storewise/storewise/rules"
)

// Moves says what changed from one recommendation to the next, most telling first: a new
// pick, products eliminated or back in the running, then the largest score changes. The
// interview shows it after each answer, so the user sees which answer moved the ranking.
// It returns at most limit lines (all when limit ≤ 0), none when nothing moved.
func Moves(prev, cur *rules.Recommendation, limit int) []string {
	if prev == nil || cur == nil {
		return nil
	}
	var out []string
	if prev.Primary != cur.Primary {
		switch {
		case cur.Primary == "":
			out = append(out, "No product fits any more.")
		case prev.Primary == "":
			out = append(out, fmt.Sprintf("New pick: %s.", Name(cur, cur.Primary)))
		default:
			out = append(out, fmt.Sprintf("New pick: %s (was %s).", Name(cur, cur.Primary), Name(prev, prev.Primary)))
		}
	}
	type change struct {
		text  string
		delta int
	}
	var elim, back, scores []change
	for _, p := range cur.Ranking {
		old, ok := Entry(prev, p.Product)
		if !ok {
			continue
		}
		switch {
		case p.Eliminated && !old.Eliminated:
			why := ""
			if len(p.Reasons) > 0 {
				why = ": " + strings.TrimSuffix(p.Reasons[0].Text, ".")
			}
			elim = append(elim, change{text: fmt.Sprintf("%s eliminated%s.", p.Name, why)})
		case !p.Eliminated && old.Eliminated:
			back = append(back, change{text: fmt.Sprintf("%s back in the running (%d).", p.Name, p.Score)})
		case !p.Eliminated && p.Score != old.Score:
			d := p.Score - old.Score
			scores = append(scores, change{text: fmt.Sprintf("%s %s (%d → %d).", p.Name, Signed(d), old.Score, p.Score), delta: d})
		}
	}
	slices.SortStableFunc(scores, func(x, y change) int { return cmp.Compare(abs(y.delta), abs(x.delta)) })
	for _, group := range [][]change{elim, back, scores} {
		for _, c := range group {
			out = append(out, c.text)
		}
	}
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// RankingLine writes the ranking in one line: the products that stand with their scores,
// then those eliminated.
func RankingLine(r *rules.Recommendation) string {
	var stand, out []string
	for _, p := range r.Ranking {
		if p.Eliminated {
			out = append(out, p.Name)
		} else {
			stand = append(stand, fmt.Sprintf("%s %d", p.Name, p.Score))
		}
	}
	s := strings.Join(stand, ", ")
	if s == "" {
		s = "nothing stands"
	}
	if len(out) > 0 {
		s += "; eliminated: " + strings.Join(out, ", ")
	}
	return s
}
