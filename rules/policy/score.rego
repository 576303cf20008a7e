# Points for and against each product, dimension by dimension: the cases that hold for the
# answers, by key. cases.yaml gives each case its dimension and, per product, a share of
# the dimension's weight (data.json) with its sentence; Go sums the points and ranks.
#
# The rules read input directly, not through aliases: OPA indexes a rule on
# `input.x == "value"` and skips it when the value differs, a read of input costs less than
# one of data (hence input.facts and input.thresholds, which Go passes from the matrix and
# data.json), and each rule evaluated costs microseconds, where the flip search evaluates
# the pick some fifty times.
package storewise.score

import data.storewise.eliminate

# --- consistency: "The first question isn't how fast but how stale." ---
cases contains concat(".", ["consistency", input.answers.consistency])

# --- data shape ---
cases contains concat(".", ["data_shape", input.answers.data_shape])

# --- write ratio: KV writes cost ten times its reads ---
cases contains "read_heavy" if input.derived.write_ratio <= input.thresholds.read_heavy_write_ratio

cases contains "mixed_writes" if {
	input.derived.write_ratio > input.thresholds.read_heavy_write_ratio
	input.derived.write_ratio <= input.thresholds.write_heavy_write_ratio
}

cases contains "write_heavy" if input.derived.write_ratio > input.thresholds.write_heavy_write_ratio

# --- existing infrastructure ---
cases contains "fresh_start" if input.answers.existing_database == "none"

cases contains "database_in_production" if input.answers.existing_database != "none"

cases contains "database_shared" if {
	input.answers.shared_database
	input.answers.existing_database != "none"
}

cases contains "database_features" if {
	input.answers.needs_database_features
	input.answers.existing_database != "none"
}

# --- value size ---
cases contains "small_values" if input.answers.value_bytes <= input.thresholds.small_value_bytes

cases contains "large_values" if input.answers.value_bytes > input.thresholds.small_value_bytes

# --- hot keys ---
cases contains "hot_key_within_kv" if {
	input.answers.hot_key_writes_per_second <= input.facts.kv.max_writes_per_second_per_key
}

cases contains "hot_key_within_object" if {
	input.answers.hot_key_writes_per_second > input.facts.kv.max_writes_per_second_per_key
	input.answers.hot_key_writes_per_second <= input.facts["durable-objects"].writes_per_second_per_object
}

cases contains "hot_key_beyond_object" if {
	input.answers.hot_key_writes_per_second > input.facts["durable-objects"].writes_per_second_per_object
}

cases contains "hot_key_beyond_d1" if {
	input.answers.hot_key_writes_per_second > input.thresholds.d1_hot_writes_per_second
}

# --- dataset size ---
cases contains "fits_d1" if input.answers.dataset_gb <= input.facts.d1.max_database_gb

cases contains "beyond_d1" if input.answers.dataset_gb > input.facts.d1.max_database_gb

cases contains "split_objects" if {
	input.answers.dataset_gb > input.facts["durable-objects"].max_storage_gb_per_object
	input.answers.data_shape != "per-entity"
}

# --- realtime ---
cases contains "realtime" if input.answers.realtime

# --- transactions ---
cases contains concat(".", ["transactions", input.answers.transactions])

# --- users ---
cases contains concat(".", ["users", input.answers.users])

# --- cost: computed in Go from the prices (input.derived.cost), compared here ---

# Each product's cost band against the cheapest product left: cost[product] is a key of
# cases.yaml's cost section. Hyperdrive's cost is only known when the database already
# exists (it is billed by its host either way), and an eliminated product sets no price.
costed := ({p | some p, _ in input.derived.cost} - eliminate.ids) - unknown_cost

unknown_cost := {"hyperdrive"} if input.answers.existing_database == "none"

else := set()

cheapest := min({input.derived.cost[p] | some p in costed})

# The bands' bounds, computed once: OPA's float arithmetic costs microseconds a step.
near := cheapest + 1

far := (cheapest * 2) + 10

cost[p] := "cheapest" if {
	some p in costed
	input.derived.cost[p] <= near
}

cost[p] := "dearer" if {
	some p in costed
	input.derived.cost[p] > near
	input.derived.cost[p] <= far
}

cost[p] := "far_dearer" if {
	some p in costed
	input.derived.cost[p] > far
}

# User policies (--policy DIR, package storewise.user) add points of their own.
user := [r | some r in data.storewise.user.points; is_object(r)]
