package storewise.ttl_test

import data.storewise.fixtures
import data.storewise.ttl

test_kv_as_store_caches_within_the_staleness_budget if {
	t := ttl.ttl with input as fixtures.with_answers({})
	t.role == "store"
	t.cache_ttl_seconds == 240 # 300 s ceiling less 60 s propagation
	t.expiration_ttl_seconds == null
}

test_never_below_the_api_minimums if {
	t := ttl.ttl with input as fixtures.with_answers({"staleness_seconds": 10})
	t.cache_ttl_seconds == 30
	count(ttl.warnings) == 1 with input as fixtures.with_answers({"staleness_seconds": 10})
}

test_cache_role_splits_the_budget_and_keeps_expiration_at_least_60 if {
	inp := fixtures.with_answers({"consistency": "read-your-writes", "data_shape": "relational", "staleness_seconds": 120})
	t := ttl.ttl with input as inp
	t.role == "cache"
	t.cache_ttl_seconds == 30
	t.expiration_ttl_seconds == 60
}

test_ttl_not_longer_than_the_change_interval if {
	t := ttl.ttl with input as fixtures.with_derived({"staleness_seconds": 86400}, {"change_interval_seconds": 120})
	t.cache_ttl_seconds == 120
}

test_no_guidance_without_kv if {
	not ttl.ttl with input as fixtures.with_answers({"consistency": "strong", "data_shape": "relational"})
}

test_four_questions_answered if {
	t := ttl.ttl with input as fixtures.with_answers({})
	count(t.steps) == 4
}

test_durations_read_naturally if {
	ttl.duration(2592000) == "30 days"
	ttl.duration(3600) == "60 minutes"
	ttl.duration(45) == "45 seconds"
}
