package storewise.eliminate_test

import data.storewise.eliminate
import data.storewise.fixtures

test_eventual_keeps_kv if {
	not "kv" in fixtures.out(fixtures.with_answers({}))
}

test_any_stronger_consistency_eliminates_kv if {
	every c in ["read-your-writes", "strong", "coordination"] {
		"kv" in fixtures.out(fixtures.with_answers({"consistency": c}))
	}
}

test_relational_eliminates_kv_and_r2 if {
	fixtures.out(fixtures.with_answers({"data_shape": "relational"})) == {"kv", "r2", "hyperdrive"}
}

test_values_over_2mb_eliminate_d1_and_durable_objects_only if {
	fixtures.out(fixtures.with_answers({"max_value_bytes": 3000000})) == {"d1", "durable-objects", "hyperdrive"}
}

test_values_over_25mib_eliminate_kv_too if {
	fixtures.out(fixtures.with_answers({"max_value_bytes": 30000000})) == {"kv", "d1", "durable-objects", "hyperdrive"}
}

test_value_at_the_kv_limit_is_kept if {
	not "kv" in fixtures.out(fixtures.with_answers({"max_value_bytes": 26214400}))
}

test_hot_key_over_one_write_a_second_eliminates_kv if {
	"kv" in fixtures.out(fixtures.with_answers({"hot_key_writes_per_second": 2}))
	not "kv" in fixtures.out(fixtures.with_answers({"hot_key_writes_per_second": 1}))
}

test_dataset_over_10gb_eliminates_one_d1_database if {
	"d1" in fixtures.out(fixtures.with_answers({"dataset_gb": 11}))
	not "d1" in fixtures.out(fixtures.with_answers({"dataset_gb": 10}))
}

test_database_features_eliminate_d1_only_with_a_database if {
	"d1" in fixtures.out(fixtures.with_answers({"existing_database": "postgres", "needs_database_features": true}))
	not "d1" in fixtures.out(fixtures.with_answers({"existing_database": "none", "needs_database_features": true}))
}

test_multi_row_transactions_eliminate_kv if {
	["kv", "no_transactions"] in eliminate.out with input as fixtures.with_answers({"transactions": "multi-row"})
}

test_user_eliminations_count_for_the_cost_comparison if {
	ids := eliminate.ids with input as fixtures.with_answers({}) with data.storewise.user.eliminate as {{"product": "r2", "text": "no"}, "not an object"}
	"r2" in ids
	not "kv" in ids
}

test_partitioned_data_lifts_d1s_cap if {
	"d1" in fixtures.out(fixtures.with_answers({"dataset_gb": 50, "data_shape": "relational"}))
	not "d1" in fixtures.out(fixtures.with_answers({"dataset_gb": 50, "data_shape": "relational", "partitioned": true}))
}

test_hyperdrive_needs_a_database_but_for_one_that_cannot_fit_d1 if {
	"hyperdrive" in fixtures.out(fixtures.with_answers({"data_shape": "relational"}))
	not "hyperdrive" in fixtures.out(fixtures.with_answers({"data_shape": "relational", "existing_database": "postgres"}))
	not "hyperdrive" in fixtures.out(fixtures.with_answers({"data_shape": "relational", "dataset_gb": 50}))
	"hyperdrive" in fixtures.out(fixtures.with_answers({"data_shape": "relational", "dataset_gb": 50, "partitioned": true}))
}

test_coordination_keeps_durable_objects_with_large_values if {
	"durable-objects" in fixtures.out(fixtures.with_answers({"max_value_bytes": 3000000}))
	not "durable-objects" in fixtures.out(fixtures.with_answers({"max_value_bytes": 3000000, "consistency": "coordination"}))
}

test_residency_rules_out_what_cannot_be_placed_there if {
	fixtures.out(fixtures.with_answers({"residency": "eu"})) == {"hyperdrive"}
	fixtures.out(fixtures.with_answers({"residency": "us"})) == {"durable-objects", "r2", "hyperdrive"}
	fixtures.out(fixtures.with_answers({"residency": "fedramp"})) == {"d1", "hyperdrive"}
	o := eliminate.out with input as fixtures.with_answers({"residency": "eu"})
	["vectorize", "not_in_jurisdiction"] in o
	["kv-instant", "not_in_jurisdiction"] in o
}

test_kv_instant_takes_only_small_quiet_eventual_namespaces if {
	small := {"dataset_gb": 0.0005, "writes_per_month": 10000, "hot_key_writes_per_second": 0.01}
	kvi(fixtures.with_answers(small)) == set()
	kvi(fixtures.with_answers(object.union(small, {"dataset_gb": 0.002}))) == {"namespace_too_large"}
	kvi(fixtures.with_answers(object.union(small, {"writes_per_month": 5000000}))) == {"namespace_too_busy"}
}

kvi(inp) := {c | some ["kv-instant", c] in o} if o := eliminate.out with input as inp
