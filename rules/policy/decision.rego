# The two documents the advisor evaluates. `cases` is everything the pick needs: the cases
# that hold, each product's cost band, the eliminations and the user's own entries; Go sums
# the points and ranks. `advice` is what follows from the pick (input.pick): the hybrid
# pattern, the TTL guidance and the warnings. Every case is a key of cases.yaml.
package storewise.decision

import data.storewise.eliminate
import data.storewise.pattern
import data.storewise.route
import data.storewise.score
import data.storewise.ttl

cases := {
	"score": (score.cases | route.cases),
	"inplay": route.inplay,
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

warnings contains "d1_near_limit" if {
	input.pick.primary == "d1"
	not input.answers.partitioned
	input.derived.d1_fill > input.thresholds.d1_near_full
}

warnings contains "run_a_database" if {
	input.pick.primary == "hyperdrive"
	input.answers.existing_database == "none"
}

warnings contains "kv_instant_beta" if input.pick.primary == "kv-instant"

advice := {"pattern": hybrid, "ttl": guidance, "warnings": warnings}
