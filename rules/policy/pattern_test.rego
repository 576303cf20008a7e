package storewise.pattern_test

import data.storewise.fixtures
import data.storewise.pattern

# A settings page: D1 for read-your-writes, reads dominating, others may lag five minutes.
settings := {"consistency": "read-your-writes", "data_shape": "relational"}

test_read_through_cache_in_front_of_d1 if {
	p := pattern.pattern with input as fixtures.with_answers(settings)
	p.name == "read-through cache"
	p.products == ["d1", "kv"]
}

test_no_cache_when_staleness_is_below_what_kv_can_promise if {
	not pattern.pattern with input as fixtures.with_answers(object.union(settings, {"staleness_seconds": 60}))
}

test_no_cache_when_writes_are_frequent if {
	not pattern.pattern with input as fixtures.with_derived(settings, {"write_ratio": 0.3, "write_percent": "30"})
}

test_no_cache_for_strong_consistency if {
	not pattern.pattern with input as fixtures.with_answers(object.union(settings, {"consistency": "strong"}))
}

test_counters_beside_configuration if {
	p := pattern.pattern with input as fixtures.with_answers({"consistency": "coordination"})
	p.name == "counters beside configuration"
}

test_objects_with_metadata if {
	p := pattern.pattern with input as fixtures.with_answers({"data_shape": "objects", "value_bytes": 5000000, "max_value_bytes": 50000000})
	p.products == ["r2", "d1"]
}

test_incremental_adoption_beside_an_existing_database if {
	# Writes too frequent for a cache: the next pattern in priority applies.
	p := pattern.pattern with input as fixtures.with_derived({"existing_database": "postgres", "data_shape": "relational", "consistency": "strong"}, {"write_ratio": 0.3, "write_percent": "30"})
	p.name == "incremental adoption"
}

test_a_user_policy_that_bans_kv_removes_kv_patterns if {
	not pattern.pattern with input as fixtures.with_answers(settings)
		with data.storewise.user.eliminate as {{"product": "kv", "text": "no KV here"}}
}
