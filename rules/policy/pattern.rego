# Hybrids the seed endorses. Several can fit; the first by priority is advised.
package storewise.pattern

import data.storewise.eliminate
import data.storewise.rank

# The data documents, bound once per evaluation: a rule's value is cached for the whole
# query, where each read of the store itself costs microseconds.
thresholds := data.storewise.thresholds

a := input.answers

d := input.derived

# KV in front of the database as a read-through cache, when reads dominate and some
# staleness is fine ("cache-aside with short TTLs"). The user's own writes are read from the
# database, so read-your-writes is kept; strong consistency or coordination rule it out.
candidates contains {
	"priority": 1,
	"name": "read-through cache",
	"products": [rank.primary, "kv"],
	"text": sprintf("Keep the data in %s and put KV in front of it as a read-through cache: read KV; on a miss read %s, put the value with an expirationTtl, return it. Show users what they just wrote from the write itself or from %s, never by re-reading KV; accept that other readers see updates after the TTL plus propagation.", [name[rank.primary], name[rank.primary], name[rank.primary]]),
	"source": data.storewise.seed.cache_invalidation,
} if {
	rank.primary in {"d1", "hyperdrive"}
	a.consistency in {"eventual", "read-your-writes"}
	d.write_ratio <= thresholds.cache_pattern_max_write_ratio
	a.staleness_seconds >= data.storewise.facts.kv.propagation_seconds.value + data.storewise.facts.kv.min_cache_ttl_seconds.value
	a.max_value_bytes <= data.storewise.facts.kv.max_value_bytes.value
	not "kv" in user_excluded
}

# Counters in Durable Objects, configuration beside them in KV: a coordination workload
# whose other reads tolerate staleness.
candidates contains {
	"priority": 2,
	"name": "counters beside configuration",
	"products": ["durable-objects", "kv"],
	"text": "Keep the counters, locks and limits in Durable Objects, one per entity, and the configuration they read (limits, plans, flags) in KV, where a minute of staleness is harmless and reads are local everywhere.",
	"source": data.storewise.seed.kv_wrong,
} if {
	rank.primary == "durable-objects"
	a.consistency == "coordination"
	a.staleness_seconds >= data.storewise.facts.kv.propagation_seconds.value + data.storewise.facts.kv.min_cache_ttl_seconds.value
	not "kv" in user_excluded
}

# Blobs in R2, their metadata in D1, so they can be listed and queried.
candidates contains {
	"priority": 3,
	"name": "objects with metadata",
	"products": ["r2", "d1"],
	"text": "Store the files in R2 and their metadata (owner, name, size, tags, R2 key) in D1, so they can be listed, searched and updated transactionally without touching the objects.",
	"source": data.storewise.seed.next,
} if {
	rank.primary == "r2"
	not "d1" in user_excluded
}

# New features on D1 beside the existing database through Hyperdrive: incremental adoption.
candidates contains {
	"priority": 4,
	"name": "incremental adoption",
	"products": ["hyperdrive", "d1"],
	"text": sprintf("Keep existing features on %s through Hyperdrive and build new, self-contained features on D1; migrate feature by feature, or keep the hybrid for good if it serves you.", [data.storewise.eliminate.database_name]),
	"source": data.storewise.seed.hyperdrive_architecture,
} if {
	rank.primary == "hyperdrive"
	a.existing_database != "none"
	not a.shared_database
	not a.needs_database_features
	not "d1" in eliminate.ids
}

# A product a user policy eliminated is not brought back through a pattern.
user_excluded := {e.product | some e in eliminate.all; e.dimension == "policy"}

name := {"d1": "D1", "hyperdrive": "your database (through Hyperdrive)"}

best := min({c.priority | some c in candidates})

pattern := object.remove(c, ["priority"]) if {
	some c in candidates
	c.priority == best
}
