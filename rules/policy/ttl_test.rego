package storewise.ttl_test

import data.storewise.decision
import data.storewise.fixtures
import data.storewise.ttl

flags(overrides) := fixtures.with_pick(fixtures.with_answers(overrides), "kv", [])

test_kv_as_store_caches_within_the_staleness_budget if {
	t := ttl.ttl with input as flags({})
	t.role == "store"
	t.miss == "store"
	t.cache_ttl_seconds == 240 # 300 s ceiling less 60 s propagation
	t.expiration_ttl_seconds == null
}

test_never_below_the_api_minimums if {
	t := ttl.ttl with input as flags({"staleness_seconds": 10})
	t.cache_ttl_seconds == 30
	ttl.warnings == {"staleness_below_kv"} with input as flags({"staleness_seconds": 10})
}

test_cache_role_splits_the_budget_and_keeps_expiration_at_least_60 if {
	inp := fixtures.with_pick(fixtures.with_answers({"consistency": "read-your-writes", "data_shape": "relational", "staleness_seconds": 120}), "d1", ["kv", "r2"])
	t := ttl.ttl with input as inp
	t.role == "cache"
	t.cache_ttl_seconds == 30
	t.expiration_ttl_seconds == 60
	t.miss == "d1"
	t.stale == "read_your_writes"
}

test_a_distant_database_justifies_longer_ttls if {
	a := {"consistency": "eventual", "data_shape": "relational", "existing_database": "postgres", "staleness_seconds": 86400}
	far := ttl.ttl with input as fixtures.with_pick(fixtures.with_answers(a), "hyperdrive", ["kv", "r2"])
	near := ttl.ttl with input as fixtures.with_pick(fixtures.with_answers(object.union(a, {"users": "one-region"})), "hyperdrive", ["kv", "r2"])
	far.miss == "far_database"
	near.miss == "near_database"
	far.cache_ttl_seconds > near.cache_ttl_seconds
}

test_ttl_not_longer_than_the_change_interval if {
	t := ttl.ttl with input as fixtures.with_pick(fixtures.with_derived({"staleness_seconds": 86400}, {"change_interval_seconds": 120}), "kv", [])
	t.cache_ttl_seconds == 120
}

test_no_guidance_without_kv if {
	not ttl.ttl with input as fixtures.with_pick(fixtures.with_answers({"consistency": "strong", "data_shape": "relational"}), "d1", ["kv", "r2"])
}

test_advice_gathers_pattern_ttl_and_warnings if {
	adv := decision.advice with input as flags({"staleness_seconds": 10})
	adv.pattern == null
	adv.ttl.role == "store"
	adv.warnings == {"staleness_below_kv"}
}

test_d1_near_its_size_limit_warns if {
	inp := fixtures.with_pick(fixtures.with_answers({"dataset_gb": 9, "consistency": "strong"}), "d1", ["kv"])
	"d1_near_limit" in decision.warnings with input as inp
}
