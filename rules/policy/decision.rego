# The two documents the advisor evaluates. `cases` is everything the pick needs: the cases
# that hold, each product's cost band, the eliminations and the user's own entries; Go sums
# the points and ranks. `advice` is what follows from the pick (input.pick): the hybrid
# pattern, the TTL guidance and the warnings. Every case is a key of cases.yaml.
package storewise.decision

import data.storewise.eliminate
import data.storewise.pattern
import data.storewise.score
import data.storewise.ttl

cases := {
	"score": score.cases,
	"cost": score.cost,
	"out": eliminate.out,
	"user": {
		"eliminate": eliminate.user,
		"points": score.user,
		"warnings": [w | some w in data.storewise.user.warnings; is_string(w)],
	},
}

default guidance := null

guidance := ttl.ttl

default hybrid := null

hybrid := pattern.pattern

warnings contains w if some w in ttl.warnings

warnings contains "d1_near_limit" if {
	input.pick.primary == "d1"
	input.derived.d1_fill > input.thresholds.d1_near_full
}

advice := {"pattern": hybrid, "ttl": guidance, "warnings": warnings}
