# TTL guidance when KV is in the answer, following the seed's four questions: the staleness
# ceiling, the cost of a miss, how often the data changes, and the cost of serving stale
# data. "Match your TTL to the most restrictive answer", never below the API minimums.
# cases.yaml words the questions' answers (miss, stale) and the guidance (by role).
# The pick comes from Go (input.pick), which ranks the products from the cases.
package storewise.ttl

import data.storewise.pattern

# KV either holds the data itself (the store) or caches another product (the cache).
role := "store" if input.pick.primary == "kv"

role := "store" if pattern.pattern.case == "counters_beside_configuration"

role := "store" if pattern.pattern.case == "control_plane"

role := "cache" if pattern.pattern.case == "read_through_cache"

# 1. The staleness ceiling, less the time a write takes to reach every location: the
# budget the TTLs share. A ceiling below what KV can promise rules KV out altogether
# (eliminate.staleness_below_kv), so no guidance here ever pairs with "keep off KV".

# A cache splits the budget between the copy's lifetime (expirationTtl) and the edge's
# cacheTtl, which takes a quarter; KV as the store gives cacheTtl all of it.
cache_share := 0.25 if role == "cache"

else := 1

# 2. The cost of a miss: crossing to a database far from global readers costs hundreds of
# milliseconds, which justifies longer TTLs; a D1 or KV miss costs tens.
miss := "store" if role == "store"

miss := "far_database" if {
	role == "cache"
	input.pick.primary == "hyperdrive"
	input.answers.users == "global"
}

miss := "near_database" if {
	role == "cache"
	input.pick.primary == "hyperdrive"
	input.answers.users != "global"
}

miss := "d1" if {
	role == "cache"
	input.pick.primary == "d1"
}

cache_cap := input.thresholds.ttl_max_cache_seconds_costly_miss if miss == "far_database"

else := input.thresholds.ttl_max_cache_seconds

# 3. How often a typical key changes: Go computes it (input.derived.change_interval_seconds)
# and no TTL is longer, which would only waste cache capacity.

# 4. The cost of serving stale data.
stale := "read_your_writes" if input.answers.consistency == "read-your-writes"

else := "tolerable"

# The guidance: the answers to the four questions. Go does the arithmetic ("match your TTL
# to the most restrictive answer"): cacheTtl is the least of the budget's share, the change
# interval and the cap, never below the minimum cacheTtl; a cache's expirationTtl is the
# least of the rest of the budget, the change interval and the longest expiration, never
# below the minimum expirationTtl.
ttl := {
	"role": role,
	"miss": miss,
	"stale": stale,
	"cache_share": cache_share,
	"cache_cap_seconds": cache_cap,
}
