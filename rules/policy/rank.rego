# The ranking: each product's points summed (an eliminated product scores 0), sorted highest
# first; ties break by eliminated last, then by the canonical product order, so the same
# answers always give the same ranking.
package storewise.rank

import data.storewise.eliminate
import data.storewise.score

products := data.storewise.order

# Rules without arguments are evaluated once per query; the ranking reads these tables
# instead of calling functions per product. The points are the sums of the cases' shares
# (score.totals), so the pick never builds a reason's sentence.
points := score.totals

scores := {p: s |
	some p in products
	s := score_of(p)
}

score_of(p) := 0 if p in eliminate.ids

score_of(p) := max([0, points[p]]) if not p in eliminate.ids

order := [t[3] | some t in sort([[0 - scores[p], to_number(p in eliminate.ids), i, p] | some i, p in products])]

ranking := [{"product": p, "score": scores[p], "eliminated": p in eliminate.ids} | some p in order]

candidates := [p | some p in order; not p in eliminate.ids]

primary := candidates[0]

runner_up := candidates[1]
