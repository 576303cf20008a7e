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
import data.storewise.route

# --- consistency: "The first question isn't how fast but how stale." ---
cases contains "consistency.eventual" if input.answers.consistency == "eventual"

cases contains "consistency.read-your-writes" if input.answers.consistency == "read-your-writes"

cases contains "consistency.strong" if input.answers.consistency == "strong"

cases contains "consistency.coordination" if input.answers.consistency == "coordination"

# Classic KV is out (eliminate.staleness_below_kv); KV Instant's quarter-second propagation
# may meet the ceiling.
cases contains "staleness_below_kv" if {
	input.answers.staleness_seconds < eliminate.kv_floor
	input.answers.consistency == "eventual"
}

# --- data shape ---
cases contains "data_shape.key-value" if input.answers.data_shape == "key-value"

cases contains "data_shape.relational" if input.answers.data_shape == "relational"

cases contains "data_shape.per-entity" if input.answers.data_shape == "per-entity"

cases contains "data_shape.objects" if input.answers.data_shape == "objects"

cases contains "data_shape.vectors" if input.answers.data_shape == "vectors"

cases contains "data_shape.time-series" if input.answers.data_shape == "time-series"

cases contains "data_shape.messages" if input.answers.data_shape == "messages"

cases contains "data_shape.workflow" if input.answers.data_shape == "workflow"

# Values over 2 MB that two requests must agree on: a Durable Object coordinates, the blobs
# live in R2 (pattern coordinator_with_blobs).
cases contains "coordinated_blobs" if {
	input.answers.consistency == "coordination"
	input.answers.max_value_bytes > input.facts["durable-objects"].max_value_bytes
}

# Independent parts (per tenant, user, document): a Durable Object per entity, or a D1
# database per tenant.
cases contains "partitioned" if {
	input.answers.partitioned
	input.answers.data_shape in {"relational", "per-entity"}
}

# --- write ratio: KV writes cost ten times its reads ---
# Volumes too small to matter carry no write-ratio signal: every product's allowance covers
# them.
cases contains write_ratio

write_ratio := "tiny_volume" if {
	input.answers.reads_per_month + input.answers.writes_per_month < input.thresholds.tiny_volume_operations_per_month
} else := "read_heavy" if input.derived.write_ratio <= input.thresholds.read_heavy_write_ratio

else := "mixed_writes" if input.derived.write_ratio <= input.thresholds.write_heavy_write_ratio

else := "write_heavy"

# --- existing infrastructure ---
cases contains "fresh_start" if input.answers.existing_database == "none"

# Starting fresh with one relational database too large for D1 that cannot be split: a
# PostgreSQL or MySQL has to be run somewhere, and Hyperdrive is how Workers reach it.
cases contains "one_big_database" if eliminate.one_big_database

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
cases contains value_size

value_size := "small_values" if input.answers.value_bytes <= input.thresholds.small_value_bytes

else := "large_values"

# --- hot keys ---
cases contains hot_key

hot_key := "hot_key_within_kv" if input.answers.hot_key_writes_per_second <= input.facts.kv.max_writes_per_second_per_key

else := "hot_key_within_object" if input.answers.hot_key_writes_per_second <= input.facts["durable-objects"].requests_per_second_per_object

else := "hot_key_beyond_object"

cases contains "hot_key_beyond_d1" if {
	input.answers.hot_key_writes_per_second > input.thresholds.d1_hot_writes_per_second
}

# --- dataset size ---
cases contains dataset

dataset := "fits_d1" if input.answers.dataset_gb <= input.facts.d1.max_database_gb

else := "beyond_d1"

cases contains "split_objects" if {
	input.answers.dataset_gb > input.facts["durable-objects"].max_storage_gb_per_object
	input.answers.data_shape != "per-entity"
	not input.answers.partitioned
}

# --- realtime ---
cases contains "realtime" if input.answers.realtime

# --- transactions ---
cases contains "transactions.none" if input.answers.transactions == "none"

cases contains "transactions.single-entity" if input.answers.transactions == "single-entity"

cases contains "transactions.multi-row" if input.answers.transactions == "multi-row"

# --- users ---
cases contains "users.global" if input.answers.users == "global"

cases contains "users.one-region" if input.answers.users == "one-region"

# --- cost: computed in Go from the prices (input.derived.cost_cents), compared here ---

# Each product's cost band against the cheapest product left: cost[product] is a key of
# cases.yaml's cost section. Hyperdrive's cost is only known when the database already
# exists (it is billed by its host either way), and an eliminated product sets no price.
# The comparison is in whole cents: OPA's arithmetic on fractions costs microseconds a step.
# Products out of play (route.rego) set no price either.
excluded := eliminate.ids | {"hyperdrive"} if input.answers.existing_database == "none"

else := eliminate.ids

stores := {"kv", "d1", "durable-objects", "hyperdrive", "r2"}

# In play, evaluated once (a function over route.inplay would evaluate it per product).
playing := stores | route.inplay

priced := {p: cents |
	some p, cents in input.derived.cost_cents
	not p in excluded
	p in playing
}

cheapest := min([cents | some cents in priced])

# Within a dollar of the cheapest; within twice it plus ten dollars; beyond.
near := cheapest + 100

far := (cheapest * 2) + 1000

cost[p] := band(cents) if some p, cents in priced

band(cents) := "cheapest" if cents <= near

else := "dearer" if cents <= far

else := "far_dearer"

# User policies (--policy DIR, package storewise.user) add points of their own.
user := [r | some r in data.storewise.user.points; is_object(r)]
