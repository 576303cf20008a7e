package storewise.score_test

import data.storewise.fixtures
import data.storewise.score

cases(inp) := c if c := score.cases with input as inp

# The seed's order of concerns is visible in the weights.
test_weights_keep_the_seed_order if {
	w := data.storewise.weights
	w.consistency > w.data_shape
	w.data_shape > w.write_ratio
	w.write_ratio > w.existing_infrastructure
}

test_enum_answers_pick_their_table_case if {
	c := cases(fixtures.with_answers({"consistency": "coordination", "data_shape": "per-entity", "transactions": "single-entity", "users": "one-region"}))
	{"consistency.coordination", "data_shape.per-entity", "transactions.single-entity", "users.one-region"} & c == {"consistency.coordination", "data_shape.per-entity", "transactions.single-entity", "users.one-region"}
}

test_write_ratio_bands_meet_at_the_thresholds if {
	"read_heavy" in cases(fixtures.with_derived({}, {"write_ratio": 0.2}))
	"mixed_writes" in cases(fixtures.with_derived({}, {"write_ratio": 0.3}))
	"mixed_writes" in cases(fixtures.with_derived({}, {"write_ratio": 0.5}))
	"write_heavy" in cases(fixtures.with_derived({}, {"write_ratio": 0.6}))
	every r in [0, 0.2, 0.21, 0.5, 0.51, 1] {
		count({"read_heavy", "mixed_writes", "write_heavy"} & cases(fixtures.with_derived({}, {"write_ratio": r}))) == 1
	}
}

test_existing_database_cases if {
	cases(fixtures.with_answers({})) & {"fresh_start", "database_in_production", "database_shared", "database_features"} == {"fresh_start"}
	all := {"existing_database": "postgres", "shared_database": true, "needs_database_features": true}
	cases(fixtures.with_answers(all)) & {"fresh_start", "database_in_production", "database_shared", "database_features"} == {"database_in_production", "database_shared", "database_features"}
}

test_a_shared_database_needs_a_database if {
	not "database_shared" in cases(fixtures.with_answers({"shared_database": true}))
}

test_value_size_bands if {
	"small_values" in cases(fixtures.with_answers({"value_bytes": 100000}))
	"large_values" in cases(fixtures.with_answers({"value_bytes": 100001}))
}

test_hot_key_bands if {
	cases(fixtures.with_answers({"hot_key_writes_per_second": 1})) & hot == {"hot_key_within_kv"}
	cases(fixtures.with_answers({"hot_key_writes_per_second": 2})) & hot == {"hot_key_within_object"}
	cases(fixtures.with_answers({"hot_key_writes_per_second": 400})) & hot == {"hot_key_within_object"}
	cases(fixtures.with_answers({"hot_key_writes_per_second": 600})) & hot == {"hot_key_within_object", "hot_key_beyond_d1"}
	cases(fixtures.with_answers({"hot_key_writes_per_second": 1001})) & hot == {"hot_key_beyond_object", "hot_key_beyond_d1"}
}

hot := {"hot_key_within_kv", "hot_key_within_object", "hot_key_beyond_object", "hot_key_beyond_d1"}

test_dataset_bands if {
	"fits_d1" in cases(fixtures.with_answers({"dataset_gb": 10}))
	cases(fixtures.with_answers({"dataset_gb": 11})) & {"fits_d1", "beyond_d1", "split_objects"} == {"beyond_d1", "split_objects"}
	not "split_objects" in cases(fixtures.with_answers({"dataset_gb": 11, "data_shape": "per-entity"}))
}

test_realtime if {
	"realtime" in cases(fixtures.with_answers({"realtime": true}))
	not "realtime" in cases(fixtures.with_answers({}))
}

# Fixture costs: kv 45, d1 0, durable-objects 20, hyperdrive 0, r2 32.
test_cheapest_product_left_gets_the_cheapest_band if {
	c := score.cost with input as fixtures.with_answers({})
	c.d1 == "cheapest"
	c.kv == "far_dearer"
}

test_hyperdrive_without_database_has_no_cost_band if {
	c := score.cost with input as fixtures.with_answers({})
	not c.hyperdrive
	kept := score.cost with input as fixtures.with_answers({"existing_database": "postgres"})
	kept.hyperdrive == "cheapest"
}

test_an_eliminated_product_does_not_set_the_cheapest if {
	# D1 is eliminated by the data set size: KV's $45 is then compared with DO's $20.
	c := score.cost with input as fixtures.with_answers({"dataset_gb": 20})
	not c.d1
	c["durable-objects"] == "cheapest"
	c.kv == "dearer" # within twice the cheapest plus $10
	c.r2 == "dearer"
}

test_user_points_are_objects_only if {
	score.user == [{"product": "d1", "points": 3, "text": "t"}] with input as fixtures.with_answers({})
		with data.storewise.user.points as {{"product": "d1", "points": 3, "text": "t"}, 7}
}
