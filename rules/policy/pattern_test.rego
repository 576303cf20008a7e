package storewise.pattern_test

import data.storewise.fixtures
import data.storewise.pattern

# A settings page: D1 for read-your-writes, reads dominating, others may lag five minutes.
settings := fixtures.with_pick(fixtures.with_answers({"consistency": "read-your-writes", "data_shape": "relational"}), "d1", ["kv", "r2"])

test_read_through_cache_in_front_of_d1 if {
	p := pattern.pattern with input as settings
	p == {"case": "read_through_cache", "products": ["d1", "kv"]}
}

test_no_cache_when_staleness_is_below_what_kv_can_promise if {
	pattern.pattern.case != "read_through_cache" with input as object.union(settings, {"answers": {"staleness_seconds": 60}})
}

test_no_cache_when_writes_are_frequent if {
	not pattern.pattern with input as object.union(settings, {"derived": {"write_ratio": 0.3}})
}

# Without the cache, global readers of consistent data get D1's read replicas.
test_no_cache_for_strong_consistency if {
	pattern.pattern.case == "read_replicas" with input as object.union(settings, {"answers": {"consistency": "strong"}})
}

test_no_cache_when_values_exceed_kv if {
	pattern.pattern.case == "read_replicas" with input as object.union(settings, {"answers": {"max_value_bytes": 30000000}})
	not pattern.pattern with input as object.union(settings, {"answers": {"max_value_bytes": 30000000, "users": "one-region"}})
}

test_counters_beside_configuration if {
	inp := fixtures.with_pick(fixtures.with_answers({"consistency": "coordination"}), "durable-objects", ["kv"])
	pattern.pattern.case == "counters_beside_configuration" with input as inp
}

test_objects_with_metadata if {
	inp := fixtures.with_pick(fixtures.with_answers({"data_shape": "objects"}), "r2", [])
	p := pattern.pattern with input as inp
	p.products == ["r2", "d1"]
}

test_incremental_adoption_beside_an_existing_database if {
	# Writes too frequent for a cache: the next pattern in priority applies.
	inp := fixtures.with_pick(fixtures.with_derived({"existing_database": "postgres", "data_shape": "relational", "consistency": "strong"}, {"write_ratio": 0.3}), "hyperdrive", ["kv", "r2"])
	pattern.pattern.case == "incremental_adoption" with input as inp
	pattern.pattern.case == "two_hyperdrive_configurations" with input as object.union(inp, {"pick": {"eliminated": ["d1"]}})
}

test_a_user_policy_that_bans_kv_removes_kv_patterns if {
	pattern.pattern.case == "read_replicas" with input as object.union(settings, {"pick": {"banned": ["kv"]}})
}

test_routed_picks_come_with_what_they_work_beside if {
	q := fixtures.with_pick(fixtures.with_answers({"data_shape": "messages"}), "queues", [])
	pattern.pattern == {"case": "queue_beside_store", "products": ["queues", "d1"]} with input as object.union(q, {"pick": {"runner_up": "d1"}})
	v := fixtures.with_pick(fixtures.with_answers({"data_shape": "vectors"}), "vectorize", [])
	pattern.pattern.products == ["vectorize", "d1"] with input as v
	c := fixtures.with_pick(fixtures.with_answers({"role": "response-cache"}), "workers-cache", [])
	pattern.pattern == {"case": "response_cache", "products": ["workers-cache", "kv"]} with input as c
	pattern.pattern.case == "response_cache_alone" with input as object.union(c, {"pick": {"eliminated": ["kv"]}})
}

test_durable_objects_coordinate_large_values_kept_in_r2 if {
	inp := fixtures.with_pick(fixtures.with_answers({"consistency": "coordination", "max_value_bytes": 5000000}), "durable-objects", ["kv", "d1"])
	pattern.pattern.products == ["durable-objects", "r2"] with input as inp
}

test_no_pattern_without_a_pick if {
	not pattern.pattern with input as fixtures.with_pick(fixtures.with_answers({}), null, ["kv", "d1", "durable-objects", "hyperdrive", "r2"])
}
