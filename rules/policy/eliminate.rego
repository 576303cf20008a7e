# Hard limits and contradictions: a product that cannot serve the workload at all.
# An eliminated product still appears in the ranking, greyed, with these reasons: reviewers
# ask "why not X?" first.
package storewise.eliminate

# The data documents, bound once per evaluation: a rule's value is cached for the whole
# query, where each read of the store itself costs microseconds.
facts := data.storewise.facts

seed := data.storewise.seed

a := input.answers

# Each elimination is a case, [product, dimension, case], with its [sentence, source] in
# prose[case]: the pick needs only which products are out (ids), so the search for flips,
# which asks for the pick some fifty times, never builds a sentence.
eliminated contains {"product": p, "dimension": dim, "text": t[0], "source": t[1]} if {
	some [p, dim, c] in cases
	t := prose[c]
}

cases contains ["kv", "consistency", "kv_not_consistent"] if a.consistency in {"read-your-writes", "strong"}

prose.kv_not_consistent := [sprintf("The workload needs %s consistency; KV is eventually consistent: another location can take 60 s or more to see a write, and read-your-own-write is not guaranteed even in the same location.", [a.consistency]), facts.kv.propagation_seconds.source]

cases contains ["kv", "consistency", "kv_cannot_coordinate"] if a.consistency == "coordination"

prose.kv_cannot_coordinate := ["Two requests must agree, and KV cannot count or coordinate: both read 5, both write 6, and an increment is lost.", seed.eventual]

cases contains ["kv", "data_shape", "kv_not_relational"] if a.data_shape == "relational"

prose.kv_not_relational := ["The data is relational; KV is key-value only and cannot query by attribute, join or filter.", seed.shape]

cases contains ["r2", "data_shape", "r2_not_relational"] if a.data_shape == "relational"

prose.r2_not_relational := ["The data is relational; R2 stores objects by key and has no queries across rows.", seed.next]

cases contains ["kv", "value_size", "kv_value_too_large"] if a.max_value_bytes > facts.kv.max_value_bytes.value

prose.kv_value_too_large := [sprintf("The largest value (%s) is over KV's limit: %s.", [bytes(a.max_value_bytes), facts.kv.max_value_bytes.text]), facts.kv.max_value_bytes.source]

cases contains ["d1", "value_size", "d1_value_too_large"] if a.max_value_bytes > facts.d1.max_row_bytes.value

prose.d1_value_too_large := [sprintf("The largest value (%s) does not fit a D1 row: %s.", [bytes(a.max_value_bytes), facts.d1.max_row_bytes.text]), facts.d1.max_row_bytes.source]

cases contains ["durable-objects", "value_size", "do_value_too_large"] if a.max_value_bytes > facts["durable-objects"].max_value_bytes.value

prose.do_value_too_large := [sprintf("The largest value (%s) does not fit Durable Object storage: %s.", [bytes(a.max_value_bytes), facts["durable-objects"].max_value_bytes.text]), facts["durable-objects"].max_value_bytes.source]

cases contains ["kv", "hot_keys", "kv_key_too_hot"] if a.hot_key_writes_per_second > facts.kv.max_writes_per_second_per_key.value

prose.kv_key_too_hot := [sprintf("The busiest key is written %v times a second; KV allows %s.", [a.hot_key_writes_per_second, facts.kv.max_writes_per_second_per_key.text]), facts.kv.max_writes_per_second_per_key.source]

cases contains ["d1", "dataset_size", "d1_dataset_too_large"] if a.dataset_gb > facts.d1.max_database_gb.value

prose.d1_dataset_too_large := [sprintf("%v GB does not fit a single D1 database: %s. Split it across databases only if it shards cleanly.", [a.dataset_gb, facts.d1.max_database_gb.text]), facts.d1.max_database_gb.source]

cases contains ["d1", "existing_infrastructure", "d1_lacks_features"] if {
	a.existing_database != "none"
	a.needs_database_features
}

prose.d1_lacks_features := [sprintf("The workload needs features of %s that D1 lacks; D1 is SQLite-based, so extensions, stored procedures and specific types do not come along.", [database_name]), seed.matrix]

cases contains ["kv", "transactions", "kv_no_transactions"] if a.transactions == "multi-row"

prose.kv_no_transactions := ["Several rows must change together; KV has no transactions, and other locations can see some writes before others.", seed.eventual]

database_name := "PostgreSQL" if a.existing_database == "postgres"

database_name := "MySQL" if a.existing_database == "mysql"

database_name := "no database" if a.existing_database == "none"

# bytes writes a size the way the limits pages do.
bytes(n) := sprintf("%v MiB", [round((n / 1048576) * 10) / 10]) if n >= 1048576

bytes(n) := sprintf("%v KB", [round((n / 1000) * 10) / 10]) if {
	n >= 1000
	n < 1048576
}

bytes(n) := sprintf("%v bytes", [n]) if n < 1000

# User policies (--policy DIR, package storewise.user) add eliminations of their own.
all contains object.union({"dimension": "policy", "source": "user policy"}, e) if {
	some e in data.storewise.user.eliminate
	is_object(e)
}

all contains e if some e in eliminated

# The products out, from the cases and the user's eliminations, without their sentences.
ids := {p | some [p, _, _] in cases} | {e.product | some e in data.storewise.user.eliminate; is_object(e)}
