# Hybrids the seed endorses, given the pick (input.pick, which Go ranks from the cases).
# Several can fit; the first by priority is advised, in the order of the else chain.
# cases.yaml gives each its name, sentence and source.
package storewise.pattern

primary := input.pick.primary

# The products out, and those a user policy ruled out: a pattern does not bring a product
# back that the team's policy banned.
out := {p | some p in input.pick.eliminated}

banned := {p | some p in input.pick.banned}

# KV in front of the database as a read-through cache, when reads dominate and some
# staleness is fine ("cache-aside with short TTLs"). The user's own writes are read from the
# database, so read-your-writes is kept; strong consistency or coordination rule it out.
pattern := {"case": "read_through_cache", "products": [primary, "kv"]} if {
	primary in {"d1", "hyperdrive"}
	input.answers.consistency in {"eventual", "read-your-writes"}
	input.derived.write_ratio <= input.thresholds.cache_pattern_max_write_ratio
	input.answers.staleness_seconds >= kv_floor
	input.answers.max_value_bytes <= input.facts.kv.max_value_bytes
	not "kv" in banned
}

# Counters in Durable Objects, configuration beside them in KV: a coordination workload
# whose other reads tolerate staleness.
else := {"case": "counters_beside_configuration", "products": ["durable-objects", "kv"]} if {
	primary == "durable-objects"
	input.answers.consistency == "coordination"
	input.answers.staleness_seconds >= kv_floor
	not "kv" in banned
}

# Blobs in R2, their metadata in D1, so they can be listed and queried.
else := {"case": "objects_with_metadata", "products": ["r2", "d1"]} if {
	primary == "r2"
	not "d1" in banned
}

# New features on D1 beside the existing database through Hyperdrive: incremental adoption.
else := {"case": "incremental_adoption", "products": ["hyperdrive", "d1"]} if {
	primary == "hyperdrive"
	input.answers.existing_database != "none"
	not input.answers.shared_database
	not input.answers.needs_database_features
	not "d1" in out
}

# The least staleness KV can promise: a write's propagation plus the smallest cacheTtl.
kv_floor := input.facts.kv.propagation_seconds + input.facts.kv.min_cache_ttl_seconds
