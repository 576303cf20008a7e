# TTL guidance when KV is in the answer, following the seed's four questions: the staleness
# ceiling, the cost of a miss, how often the data changes, and the cost of serving stale
# data. "Match your TTL to the most restrictive answer", never below the API minimums.
# cases.yaml words the questions' answers (miss, stale) and the guidance (by role).
package storewise.ttl

import data.storewise.pattern



primary := input.pick.primary

# KV either holds the data itself (the store) or caches another product (the cache).
role := "store" if primary == "kv"

role := "store" if pattern.pattern.case == "counters_beside_configuration"

role := "cache" if pattern.pattern.case == "read_through_cache"

# 1. The staleness ceiling, less the time a write takes to reach every location.
budget := input.answers.staleness_seconds - input.facts.kv.propagation_seconds

ceiling_met if budget >= input.facts.kv.min_cache_ttl_seconds

# 2. The cost of a miss: crossing to a database far from global readers costs hundreds of
# milliseconds, which justifies longer TTLs; a D1 or KV miss costs tens.
miss := "store" if role == "store"

miss := "far_database" if {
	role == "cache"
	primary == "hyperdrive"
	input.answers.users == "global"
}

miss := "near_database" if {
	role == "cache"
	primary == "hyperdrive"
	input.answers.users != "global"
}

miss := "d1" if {
	role == "cache"
	primary == "d1"
}

cache_cap := input.thresholds.ttl_max_cache_seconds_costly_miss if miss == "far_database"

else := input.thresholds.ttl_max_cache_seconds

# 3. How often a typical key changes (computed in Go from writes, dataset and value size).
interval := input.derived.change_interval_seconds

# A cache splits the ceiling between the copy's lifetime and the edge's cacheTtl.
cache_share := 4 if role == "cache"

else := 1

cache_ttl := max([input.facts.kv.min_cache_ttl_seconds, floor(min([budget / cache_share, interval, cache_cap]))])

default expiration_ttl := null

expiration_ttl := max([
	input.facts.kv.min_expiration_ttl_seconds,
	floor(min([budget - cache_ttl, interval, input.thresholds.ttl_max_expiration_seconds])),
]) if role == "cache"

# 4. The cost of serving stale data.
stale := "read_your_writes" if input.answers.consistency == "read-your-writes"

else := "tolerable"

ttl := {
	"role": role,
	"cache_ttl_seconds": cache_ttl,
	"expiration_ttl_seconds": expiration_ttl,
	"miss": miss,
	"stale": stale,
}

warnings contains "staleness_below_kv" if {
	role
	not ceiling_met
}
