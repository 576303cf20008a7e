# Shared inputs for the policy tests: the batch defaults, with a derived block like the one
# Go computes, and the facts and thresholds Go passes beside them.
package storewise.fixtures

answers := {
	"workload": "test",
	"consistency": "eventual",
	"staleness_seconds": 300,
	"data_shape": "key-value",
	"role": "record",
	"partitioned": false,
	"value_bytes": 1024,
	"max_value_bytes": 102400,
	"dataset_gb": 1,
	"reads_per_month": 100000000,
	"writes_per_month": 100000,
	"hot_key_writes_per_second": 0.1,
	"existing_database": "none",
	"needs_database_features": false,
	"shared_database": false,
	"residency": "none",
	"users": "global",
	"transactions": "none",
	"realtime": false,
}

derived := {
	"write_ratio": 0.001,
	"write_percent": "0.1",
	"cost": {"kv": 45, "d1": 0, "durable-objects": 20, "hyperdrive": 0, "r2": 32},
	"cost_text": {"kv": "45.00", "d1": "0.00", "durable-objects": "20.00", "hyperdrive": "0.00", "r2": "32.00"},
	"cost_cents": {"kv": 4500, "d1": 0, "durable-objects": 2000, "hyperdrive": 0, "r2": 3200},
	"change_interval_seconds": 2592000,
	"d1_fill": 0.1,
}

# input.facts and input.thresholds, as the engine builds them from the matrix and data.json.
limits := {
	"facts": {p: {k: f.value | some k, f in fs} | some p, fs in data.storewise.facts},
	"thresholds": data.storewise.thresholds,
}

with_answers(overrides) := object.union(limits, {"answers": object.union(answers, overrides), "derived": derived})

with_derived(a, d) := object.union(limits, {"answers": object.union(answers, a), "derived": object.union(derived, d)})

# with_pick adds the pick Go ranked from the cases, for the advice (pattern, TTL, warnings).
with_pick(inp, primary, eliminated) := object.union(inp, {"pick": {"primary": primary, "runner_up": null, "eliminated": eliminated, "banned": []}})

# The products the cases rule out.
# The five stores ruled out (the routed products have tests of their own).
out(inp) := {p | some [p, _] in o; p in stores} if o := data.storewise.eliminate.out with input as inp

stores := {"kv", "d1", "durable-objects", "hyperdrive", "r2"}
