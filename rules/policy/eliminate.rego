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

out contains ["durable-objects", "value_too_large"] if {
	input.answers.max_value_bytes > input.facts["durable-objects"].max_value_bytes
}

out contains ["kv", "key_too_hot"] if {
	input.answers.hot_key_writes_per_second > input.facts.kv.max_writes_per_second_per_key
}

out contains ["d1", "dataset_too_large"] if input.answers.dataset_gb > input.facts.d1.max_database_gb

out contains ["d1", "lacks_features"] if {
	input.answers.needs_database_features
	input.answers.existing_database != "none"
}

out contains ["kv", "no_transactions"] if input.answers.transactions == "multi-row"

# User policies (--policy DIR, package storewise.user) add eliminations of their own.
user := [e | some e in data.storewise.user.eliminate; is_object(e)]

# The products out, for the cost comparison.
ids := {p | some [p, _] in out} | {e.product | some e in user}
