# Hard limits and contradictions: a product that cannot serve the workload at all.
# An eliminated product still appears in the ranking, greyed, with these reasons: reviewers
# ask "why not X?" first.
#
# out holds [product, case] for each case that rules a product out; cases.yaml gives each its
# dimension, sentence and source. The rules read input directly, not through aliases: OPA
# indexes a rule on `input.x == "value"` and skips it when the value differs, and a read of
# input costs less than one of data (hence input.facts, input.thresholds).
package storewise.eliminate

out contains ["kv", "not_consistent"] if input.answers.consistency in {"read-your-writes", "strong"}

out contains ["kv", "cannot_coordinate"] if input.answers.consistency == "coordination"

out contains ["kv", "not_relational"] if input.answers.data_shape == "relational"

out contains ["r2", "not_relational"] if input.answers.data_shape == "relational"

out contains ["kv", "value_too_large"] if input.answers.max_value_bytes > input.facts.kv.max_value_bytes

out contains ["d1", "value_too_large"] if input.answers.max_value_bytes > input.facts.d1.max_row_bytes

# Values over 2 MB with coordination: the object still coordinates, with the blobs in R2
# (pattern coordinator_with_blobs); without coordination the values rule it out.
out contains ["durable-objects", "value_too_large"] if {
	input.answers.max_value_bytes > input.facts["durable-objects"].max_value_bytes
	input.answers.consistency != "coordination"
}

# A staleness ceiling below what classic KV can promise (a write's propagation plus the
# smallest cacheTtl) rules KV out: saying "use KV" and "keep these reads off KV" together
# helps no one. KV Instant (route.rego) is considered instead.
out contains ["kv", "staleness_below_kv"] if {
	input.answers.consistency == "eventual"
	input.answers.staleness_seconds < kv_floor
}

kv_floor := input.facts.kv.propagation_seconds + input.facts.kv.min_cache_ttl_seconds

out contains ["kv", "key_too_hot"] if {
	input.answers.hot_key_writes_per_second > input.facts.kv.max_writes_per_second_per_key
}

# Data that splits into independent parts takes a database per part (up to 1,000,000 per
# account): the 10 GB cap is per part.
out contains ["d1", "dataset_too_large"] if {
	input.answers.dataset_gb > input.facts.d1.max_database_gb
	input.answers.dataset_gb > input.facts["durable-objects"].max_storage_gb_per_object
	not input.answers.partitioned
}

# Hyperdrive fronts a database that exists. Without one it is no pick, except for one
# relational database too large for D1 that cannot be split: then a PostgreSQL or MySQL
# must be run somewhere (warning run_a_database).
out contains ["hyperdrive", "no_database"] if {
	input.answers.existing_database == "none"
	not one_big_database
}

# Relational data over one object's storage that cannot be split: queries cannot span
# objects.
out contains ["durable-objects", "relational_too_large"] if one_big_database

one_big_database if {
	input.answers.data_shape == "relational"
	input.answers.dataset_gb > input.facts.d1.max_database_gb
	input.answers.dataset_gb > input.facts["durable-objects"].max_storage_gb_per_object
	not input.answers.partitioned
}

# --- KV Instant (private beta): small namespaces, fast propagation, still eventual ---
out contains ["kv-instant", "namespace_too_large"] if {
	input.answers.dataset_gb * 1000000000 > input.facts["kv-instant"].max_namespace_bytes
}

out contains ["kv-instant", "namespace_too_busy"] if {
	input.answers.writes_per_month / 2592000 > input.facts["kv-instant"].writes_per_second_per_namespace
}

out contains ["kv-instant", "namespace_too_busy"] if {
	input.answers.hot_key_writes_per_second > input.facts["kv-instant"].writes_per_second_per_namespace
}

# --- residency: a jurisdiction is chosen when a store is created, and only some offer one.
# Hyperdrive is exempt: the data stays in your database, wherever you run it.
out contains [p, "not_in_jurisdiction"] if {
	input.answers.residency != "none"
	some p, facts in input.facts
	p != "hyperdrive"
	not facts[concat("_", ["jurisdiction", input.answers.residency])]
}

out contains ["d1", "lacks_features"] if {
	input.answers.needs_database_features
	input.answers.existing_database != "none"
}

out contains ["kv", "no_transactions"] if input.answers.transactions == "multi-row"

# User policies (--policy DIR, package storewise.user) add eliminations of their own.
user := [e | some e in data.storewise.user.eliminate; is_object(e)]

# The products out, for the cost comparison.
ids := {p | some [p, _] in out} | {e.product | some e in user}
