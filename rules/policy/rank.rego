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

out := eliminate.ids

# An eliminated product scores 0; the others their points, never below 0.
scores[p] := 0 if {
	some p in products
	p in out
}

scores[p] := max([0, points[p]]) if {
	some p in products
	not p in out
}

order := [t[3] | some t in sort([[0 - scores[p], to_number(p in out), i, p] | some i, p in products])]

ranking := [{"product": p, "score": scores[p], "eliminated": p in out} | some p in order]

# The products left, in the ranking's order, sorted apart: the pick needs neither the
# eliminated products nor the ranking's objects.
candidates := [t[2] | some t in sort([[0 - scores[p], i, p] | some i, p in products; not p in out])]

primary := candidates[0]

runner_up := candidates[1]
