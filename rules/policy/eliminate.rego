# Hard limits and contradictions: a product that cannot serve the workload at all.
# An eliminated product still appears in the ranking, greyed, with these reasons: reviewers
# ask "why not X?" first.
package storewise.eliminate


# The data documents, bound once per evaluation: a rule's value is cached for the whole
# query, where each read of the store itself costs microseconds.
facts := data.storewise.facts

seed := data.storewise.seed

a := input.answers

eliminated contains {
	"product": "kv",
	"dimension": "consistency",
	"text": sprintf("The workload needs %s consistency; KV is eventually consistent: another location can take 60 s or more to see a write, and read-your-own-write is not guaranteed even in the same location.", [a.consistency]),
	"source": facts.kv.propagation_seconds.source,
} if a.consistency in {"read-your-writes", "strong"}

eliminated contains {
	"product": "kv",
	"dimension": "consistency",
	"text": "Two requests must agree, and KV cannot count or coordinate: both read 5, both write 6, and an increment is lost.",
	"source": seed.eventual,
} if a.consistency == "coordination"

eliminated contains {
	"product": "kv",
	"dimension": "data_shape",
	"text": "The data is relational; KV is key-value only and cannot query by attribute, join or filter.",
	"source": seed.shape,
} if a.data_shape == "relational"

eliminated contains {
	"product": "r2",
	"dimension": "data_shape",
	"text": "The data is relational; R2 stores objects by key and has no queries across rows.",
	"source": seed.next,
} if a.data_shape == "relational"

eliminated contains {
	"product": "kv",
	"dimension": "value_size",
	"text": sprintf("The largest value (%s) is over KV's limit: %s.", [bytes(a.max_value_bytes), facts.kv.max_value_bytes.text]),
	"source": facts.kv.max_value_bytes.source,
} if a.max_value_bytes > facts.kv.max_value_bytes.value

eliminated contains {
	"product": "d1",
	"dimension": "value_size",
	"text": sprintf("The largest value (%s) does not fit a D1 row: %s.", [bytes(a.max_value_bytes), facts.d1.max_row_bytes.text]),
	"source": facts.d1.max_row_bytes.source,
} if a.max_value_bytes > facts.d1.max_row_bytes.value

eliminated contains {
	"product": "durable-objects",
	"dimension": "value_size",
	"text": sprintf("The largest value (%s) does not fit Durable Object storage: %s.", [bytes(a.max_value_bytes), facts["durable-objects"].max_value_bytes.text]),
	"source": facts["durable-objects"].max_value_bytes.source,
} if a.max_value_bytes > facts["durable-objects"].max_value_bytes.value

eliminated contains {
	"product": "kv",
	"dimension": "hot_keys",
	"text": sprintf("The busiest key is written %v times a second; KV allows %s.", [a.hot_key_writes_per_second, facts.kv.max_writes_per_second_per_key.text]),
	"source": facts.kv.max_writes_per_second_per_key.source,
} if a.hot_key_writes_per_second > facts.kv.max_writes_per_second_per_key.value

eliminated contains {
	"product": "d1",
	"dimension": "dataset_size",
	"text": sprintf("%v GB does not fit a single D1 database: %s. Split it across databases only if it shards cleanly.", [a.dataset_gb, facts.d1.max_database_gb.text]),
	"source": facts.d1.max_database_gb.source,
} if a.dataset_gb > facts.d1.max_database_gb.value

eliminated contains {
	"product": "d1",
	"dimension": "existing_infrastructure",
	"text": sprintf("The workload needs features of %s that D1 lacks; D1 is SQLite-based, so extensions, stored procedures and specific types do not come along.", [database_name]),
	"source": seed.matrix,
} if {
	a.existing_database != "none"
	a.needs_database_features
}

eliminated contains {
	"product": "kv",
	"dimension": "transactions",
	"text": "Several rows must change together; KV has no transactions, and other locations can see some writes before others.",
	"source": seed.eventual,
} if a.transactions == "multi-row"

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

ids := {e.product | some e in all}
