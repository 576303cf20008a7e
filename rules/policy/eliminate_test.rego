package storewise.eliminate_test

import data.storewise.eliminate
import data.storewise.fixtures

test_eventual_keeps_kv if {
	not "kv" in fixtures.products_of(eliminate.eliminated) with input as fixtures.with_answers({})
}

test_any_stronger_consistency_eliminates_kv if {
	every c in ["read-your-writes", "strong", "coordination"] {
		"kv" in fixtures.products_of(eliminate.eliminated) with input as fixtures.with_answers({"consistency": c})
	}
}

test_relational_eliminates_kv_and_r2 if {
	fixtures.products_of(eliminate.eliminated) == {"kv", "r2"} with input as fixtures.with_answers({"data_shape": "relational"})
}

test_values_over_2mb_eliminate_d1_and_durable_objects_only if {
	fixtures.products_of(eliminate.eliminated) == {"d1", "durable-objects"} with input as fixtures.with_answers({"max_value_bytes": 3000000})
}

test_values_over_25mib_eliminate_kv_too if {
	fixtures.products_of(eliminate.eliminated) == {"kv", "d1", "durable-objects"} with input as fixtures.with_answers({"max_value_bytes": 30000000})
}

test_value_at_the_kv_limit_is_kept if {
	not "kv" in fixtures.products_of(eliminate.eliminated) with input as fixtures.with_answers({"max_value_bytes": 26214400})
}

test_hot_key_over_one_write_a_second_eliminates_kv if {
	"kv" in fixtures.products_of(eliminate.eliminated) with input as fixtures.with_answers({"hot_key_writes_per_second": 2})
	not "kv" in fixtures.products_of(eliminate.eliminated) with input as fixtures.with_answers({"hot_key_writes_per_second": 1})
}

test_dataset_over_10gb_eliminates_one_d1_database if {
	"d1" in fixtures.products_of(eliminate.eliminated) with input as fixtures.with_answers({"dataset_gb": 11})
	not "d1" in fixtures.products_of(eliminate.eliminated) with input as fixtures.with_answers({"dataset_gb": 10})
}

test_database_features_eliminate_d1_only_with_a_database if {
	"d1" in fixtures.products_of(eliminate.eliminated) with input as fixtures.with_answers({"existing_database": "postgres", "needs_database_features": true})
	not "d1" in fixtures.products_of(eliminate.eliminated) with input as fixtures.with_answers({"existing_database": "none", "needs_database_features": true})
}

test_every_elimination_has_text_and_source if {
	all := eliminate.eliminated with input as fixtures.with_answers({"consistency": "strong", "data_shape": "relational", "max_value_bytes": 3e7, "dataset_gb": 20, "hot_key_writes_per_second": 5, "transactions": "multi-row"})
	count(all) >= 6
	every e in all {
		e.text != ""
		e.source != ""
		e.dimension != ""
	}
}

test_user_eliminations_join_with_policy_dimension if {
	all := eliminate.all with input as fixtures.with_answers({}) with data.storewise.user.eliminate as {{"product": "kv", "text": "no"}}
	{"product": "kv", "text": "no", "dimension": "policy", "source": "user policy"} in all
}

test_bytes_are_written_like_the_limits_pages if {
	eliminate.bytes(30000000) == "28.6 MiB"
	eliminate.bytes(2500) == "2.5 KB"
	eliminate.bytes(12) == "12 bytes"
}

# The pick reads the cases (ids) while the result reads the eliminations: every case must
# have its sentence.
test_every_case_has_its_sentence if {
	inp := fixtures.with_answers({"consistency": "strong", "data_shape": "relational", "max_value_bytes": 3e7, "dataset_gb": 20, "hot_key_writes_per_second": 5, "transactions": "multi-row", "existing_database": "postgres", "needs_database_features": true})
	count(eliminate.eliminated) == count(eliminate.cases) with input as inp
	count(eliminate.cases) >= 8 with input as inp
	eliminate.ids == fixtures.products_of(eliminate.eliminated) with input as inp
}
