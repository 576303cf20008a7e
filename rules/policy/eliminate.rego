# Hard limits and contradictions: a product that cannot serve the workload at all.
# An eliminated product still appears in the ranking, greyed, with these reasons: reviewers
# ask "why not X?" first.
#
# out[product] holds the cases that rule the product out; cases.yaml gives each its
# dimension, sentence and source. The rules read input and data directly, not through
# aliases: OPA indexes a rule on `input.x == "value"` and skips it when the value differs.
package storewise.eliminate

out.kv contains "not_consistent" if input.answers.consistency in {"read-your-writes", "strong"}

out.kv contains "cannot_coordinate" if input.answers.consistency == "coordination"

out.kv contains "not_relational" if input.answers.data_shape == "relational"

out.r2 contains "not_relational" if input.answers.data_shape == "relational"

out.kv contains "value_too_large" if input.answers.max_value_bytes > data.storewise.facts.kv.max_value_bytes.value

out.d1 contains "value_too_large" if input.answers.max_value_bytes > data.storewise.facts.d1.max_row_bytes.value

out["durable-objects"] contains "value_too_large" if {
	input.answers.max_value_bytes > data.storewise.facts["durable-objects"].max_value_bytes.value
}

out.kv contains "key_too_hot" if {
	input.answers.hot_key_writes_per_second > data.storewise.facts.kv.max_writes_per_second_per_key.value
}

out.d1 contains "dataset_too_large" if input.answers.dataset_gb > data.storewise.facts.d1.max_database_gb.value

out.d1 contains "lacks_features" if {
	input.answers.needs_database_features
	input.answers.existing_database != "none"
}

out.kv contains "no_transactions" if input.answers.transactions == "multi-row"

# User policies (--policy DIR, package storewise.user) add eliminations of their own.
user := [e | some e in data.storewise.user.eliminate; is_object(e)]

# The products out, for the cost comparison. (A product's set in out exists, empty, even
# when no rule eliminates it.)
ids := {p | some p, cs in out; count(cs) > 0} | {e.product | some e in user}
