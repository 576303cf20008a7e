# Hybrids the seed endorses, given the pick (input.pick, which Go ranks from the cases).
# Several can fit; the first by priority is advised, in the order of the else chain.
# cases.yaml gives each its name, sentence and source.
package storewise.pattern

primary := input.pick.primary

# The products out, and those a user policy ruled out: a pattern does not bring a product
# back that the team's policy banned.
out := {p | some p in input.pick.eliminated}

banned := {p | some p in input.pick.banned}

# Whole responses in Workers Cache in front of the Worker, with KV as the data cache the
# Worker reads by key on a miss.
pattern := {"case": "response_cache", "products": ["workers-cache", "kv"]} if {
	primary == "workers-cache"
	not "kv" in out
	not "kv" in banned
}

else := {"case": "response_cache_alone", "products": ["workers-cache"]} if primary == "workers-cache"

# Embeddings in Vectorize, the documents and metadata they point to in D1, so a match can
# be returned with its text and filtered by attributes.
else := {"case": "vectors_with_documents", "products": ["vectorize", "d1"]} if {
	primary == "vectorize"
	not "d1" in banned
}

# A queue beside the store its consumer writes to.
else := {"case": "queue_beside_store", "products": ["queues", store]} if {
	primary == "queues"
	store := input.pick.runner_up
	store in {"d1", "durable-objects", "r2", "kv", "hyperdrive"}
}

# A workflow's steps write their results to a store.
else := {"case": "workflow_beside_store", "products": ["workflows", store]} if {
	primary == "workflows"
	store := input.pick.runner_up
	store in {"d1", "durable-objects", "r2", "kv", "hyperdrive"}
}

# KV in front of the database as a read-through cache, when reads dominate and some
# staleness is fine ("cache-aside with short TTLs"). The user's own writes are read from the
# database, so read-your-writes is kept; strong consistency or coordination rule it out.
else := {"case": "read_through_cache", "products": [primary, "kv"]} if {
	primary in {"d1", "hyperdrive"}
	input.answers.consistency in {"eventual", "read-your-writes"}
	input.derived.write_ratio <= input.thresholds.cache_pattern_max_write_ratio
	input.answers.staleness_seconds >= kv_floor
	input.answers.max_value_bytes <= input.facts.kv.max_value_bytes
	not "kv" in banned
}

# Global readers of read-heavy data that must stay consistent: D1's read replicas, each
# session reading its own writes through the Sessions API.
else := {"case": "read_replicas", "products": ["d1"]} if {
	primary == "d1"
	input.answers.users == "global"
	input.answers.consistency in {"read-your-writes", "strong"}
	input.derived.write_ratio <= input.thresholds.read_heavy_write_ratio
}

# Values over 2 MB with coordination: the object coordinates, the blobs live in R2 under
# keys it hands out.
else := {"case": "coordinator_with_blobs", "products": ["durable-objects", "r2"]} if {
	primary == "durable-objects"
	input.answers.max_value_bytes > input.facts["durable-objects"].max_value_bytes
	not "r2" in banned
}

# One object per room, document or account as the control plane, pushing the small
# configuration its readers need to KV Instant (private beta) where a quarter-second
# propagation matters, or to KV.
else := {"case": "control_plane", "products": ["durable-objects", "kv"]} if {
	primary == "durable-objects"
	input.answers.realtime
	input.answers.staleness_seconds >= kv_floor
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

# Read-after-write on a database behind Hyperdrive: writes do not invalidate its query
# cache, so two configurations, one cached for reads that tolerate it and one uncached for
# reading what was just written.
else := {"case": "two_hyperdrive_configurations", "products": ["hyperdrive"]} if {
	primary == "hyperdrive"
	input.answers.consistency in {"read-your-writes", "strong"}
}

# The least staleness KV can promise: a write's propagation plus the smallest cacheTtl.
kv_floor := input.facts.kv.propagation_seconds + input.facts.kv.min_cache_ttl_seconds
