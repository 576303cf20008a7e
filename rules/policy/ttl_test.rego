package storewise.ttl_test

import data.storewise.decision
import data.storewise.eliminate
import data.storewise.fixtures
import data.storewise.ttl

flags(overrides) := fixtures.with_pick(fixtures.with_answers(overrides), "kv", [])

test_kv_as_store_gives_cache_ttl_the_whole_budget if {
	t := ttl.ttl with input as flags({})
	t.role == "store"
	t.miss == "store"
	t.stale == "tolerable"
	t.cache_share == 1
	t.cache_cap_seconds == data.storewise.thresholds.ttl_max_cache_seconds
}

test_a_ceiling_below_what_kv_promises_rules_kv_out_instead_of_warning if {
	# 90 s = 60 s of propagation + the 30 s minimum cacheTtl: just enough.
	["kv", "staleness_below_kv"] in eliminate.out with input as flags({"staleness_seconds": 89})
	not ["kv", "staleness_below_kv"] in eliminate.out with input as flags({"staleness_seconds": 90})
	count(decision.warnings) == 0 with input as flags({"staleness_seconds": 89})
}

test_cache_role_gives_cache_ttl_a_quarter if {
	inp := fixtures.with_pick(fixtures.with_answers({"consistency": "read-your-writes", "data_shape": "relational", "staleness_seconds": 120}), "d1", ["kv", "r2"])
	t := ttl.ttl with input as inp
	t.role == "cache"
	t.cache_share == 0.25
	t.miss == "d1"
	t.stale == "read_your_writes"
}

test_a_distant_database_justifies_longer_ttls if {
	a := {"consistency": "eventual", "data_shape": "relational", "existing_database": "postgres", "staleness_seconds": 86400}
	far := ttl.ttl with input as fixtures.with_pick(fixtures.with_answers(a), "hyperdrive", ["kv", "r2"])
	near := ttl.ttl with input as fixtures.with_pick(fixtures.with_answers(object.union(a, {"users": "one-region"})), "hyperdrive", ["kv", "r2"])
	far.miss == "far_database"
	near.miss == "near_database"
	far.cache_cap_seconds > near.cache_cap_seconds
}

test_no_guidance_without_kv if {
	not ttl.ttl with input as fixtures.with_pick(fixtures.with_answers({"consistency": "strong", "data_shape": "relational"}), "d1", ["kv", "r2"])
}

test_advice_gathers_pattern_ttl_and_warnings if {
	adv := decision.advice with input as flags({"staleness_seconds": 10})
	adv.pattern == null
	adv.ttl.role == "store"
	adv.warnings == set()
}

test_d1_near_its_size_limit_warns if {
	inp := fixtures.with_pick(fixtures.with_derived({"dataset_gb": 9, "consistency": "strong"}, {"d1_fill": 0.9}), "d1", ["kv"])
	"d1_near_limit" in decision.warnings with input as inp
}
