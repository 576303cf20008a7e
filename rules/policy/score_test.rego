package storewise.score_test

import data.storewise.fixtures
import data.storewise.score

points(p, dim, inp) := sum([r.points | some r in score.reasons with input as inp; r.product == p; r.dimension == dim])

total(p, inp) := sum([r.points | some r in score.reasons with input as inp; r.product == p])

# The seed's order of concerns is visible in the weights.
test_weights_keep_the_seed_order if {
	w := data.storewise.weights
	w.consistency > w.data_shape
	w.data_shape > w.write_ratio
	w.write_ratio > w.existing_infrastructure
}

test_eventual_gives_kv_the_full_consistency_weight if {
	points("kv", "consistency", fixtures.with_answers({})) == data.storewise.weights.consistency
}

test_coordination_favours_durable_objects_over_d1 if {
	inp := fixtures.with_answers({"consistency": "coordination"})
	points("durable-objects", "consistency", inp) > points("d1", "consistency", inp)
}

test_write_heavy_penalises_kv_and_favours_d1 if {
	inp := fixtures.with_derived({}, {"write_ratio": 0.6, "write_percent": "60"})
	points("kv", "write_ratio", inp) < 0
	points("d1", "write_ratio", inp) == data.storewise.weights.write_ratio
}

test_between_20_and_50_percent_writes_kv_loses_half if {
	inp := fixtures.with_derived({}, {"write_ratio": 0.3, "write_percent": "30"})
	points("kv", "write_ratio", inp) == -7
}

test_existing_database_favours_hyperdrive_and_costs_d1_a_migration if {
	inp := fixtures.with_answers({"existing_database": "postgres", "data_shape": "relational"})
	points("hyperdrive", "existing_infrastructure", inp) > 0
	points("d1", "existing_infrastructure", inp) < 0
}

test_starting_fresh_favours_d1_over_hyperdrive if {
	inp := fixtures.with_answers({"data_shape": "relational"})
	points("d1", "existing_infrastructure", inp) > 0
	points("hyperdrive", "existing_infrastructure", inp) < 0
}

test_cheapest_product_left_gets_cost_points if {
	inp := fixtures.with_answers({})
	points("d1", "cost", inp) == data.storewise.weights.cost
	points("kv", "cost", inp) < 0
}

test_hyperdrive_without_database_has_no_cost_points if {
	inp := fixtures.with_answers({})
	points("hyperdrive", "cost", inp) == 0
}

test_an_eliminated_product_does_not_set_the_cheapest if {
	# D1 is eliminated by the data set size: KV's $45 is then compared with DO's $20.
	inp := fixtures.with_answers({"dataset_gb": 20})
	points("durable-objects", "cost", inp) == data.storewise.weights.cost
}

test_realtime_favours_durable_objects if {
	inp := fixtures.with_answers({"realtime": true})
	points("durable-objects", "realtime", inp) > 0
	points("kv", "realtime", inp) < 0
}

test_every_reason_names_dimension_and_source if {
	rs := score.reasons with input as fixtures.with_answers({"transactions": "single-entity", "realtime": true})
	every r in rs {
		r.dimension in {d | some d in data.storewise.dimensions}
		r.source != ""
		r.text != ""
	}
}

# The pick sums the cases' shares (totals) while the result reads the reasons: every case
# must have its sentence, and both must give each product the same points.
test_every_case_has_its_sentence_and_the_same_points if {
	every inp in [
		fixtures.with_answers({}),
		fixtures.with_answers({"transactions": "single-entity", "realtime": true, "users": "one-region"}),
		fixtures.with_answers({"consistency": "coordination", "data_shape": "per-entity", "hot_key_writes_per_second": 600}),
		fixtures.with_answers({"existing_database": "mysql", "shared_database": true, "needs_database_features": true, "data_shape": "relational"}),
		fixtures.with_derived({"data_shape": "objects", "value_bytes": 5000000, "max_value_bytes": 50000000, "dataset_gb": 2000, "transactions": "multi-row"}, {"write_ratio": 0.6, "write_percent": "60"}),
	] {
		count(score.reasons) == count(score.shares) with input as inp
		every p in data.storewise.order {
			score.totals[p] == total(p, inp) with input as inp
		}
	}
}
