# The one document the advisor evaluates: everything the other packages decided, gathered.
package storewise.decision

import data.storewise.eliminate
import data.storewise.rank
import data.storewise.score
import data.storewise.ttl

import data.storewise.pattern as patterns

default primary := null

primary := rank.primary

default runner_up := null

runner_up := rank.runner_up

default pattern := null

pattern := patterns.pattern

default guidance := null

guidance := ttl.ttl

warnings contains w if some w in ttl.warnings

warnings contains w if {
	some w in data.storewise.user.warnings
	is_string(w)
}

warnings contains sprintf("%v GB is close to D1's limit of %v GB per database, which cannot be raised: plan how the data splits before it grows.", [input.answers.dataset_gb, data.storewise.facts.d1.max_database_gb.value]) if {
	rank.primary == "d1"
	input.answers.dataset_gb > 0.8 * data.storewise.facts.d1.max_database_gb.value
}

result := {
	"eliminated": [e | some e in eliminate.all],
	"reasons": [r | some r in score.reasons],
	"ranking": rank.ranking,
	"primary": primary,
	"runner_up": runner_up,
	"pattern": pattern,
	"ttl": guidance,
	"warnings": [w | some w in warnings],
}
