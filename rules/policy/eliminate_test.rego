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
	fixtures.out(fixtures.with_answers({"data_shape": "relational"})) == {"kv", "r2"}
}

test_values_over_2mb_eliminate_d1_and_durable_objects_only if {
	fixtures.out(fixtures.with_answers({"max_value_bytes": 3000000})) == {"d1", "durable-objects"}
}

test_values_over_25mib_eliminate_kv_too if {
	fixtures.out(fixtures.with_answers({"max_value_bytes": 30000000})) == {"kv", "d1", "durable-objects"}
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
	ids == {"r2"}
}
