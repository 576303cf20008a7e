# TTL guidance when KV is in the answer, following the seed's four questions: the staleness
# ceiling, the cost of a miss, how often the data changes, and the cost of serving stale
# data. "Match your TTL to the most restrictive answer", never below the API minimums.
package storewise.ttl

import data.storewise.rank

import data.storewise.pattern as patterns

# The data documents, bound once per evaluation: a rule's value is cached for the whole
# query, where each read of the store itself costs microseconds.
facts := data.storewise.facts

thresholds := data.storewise.thresholds

a := input.answers

d := input.derived

min_cache := facts.kv.min_cache_ttl_seconds.value

min_expiration := facts.kv.min_expiration_ttl_seconds.value

propagation := facts.kv.propagation_seconds.value

# KV either holds the data itself (the store) or caches another product (the cache).
role := "store" if rank.primary == "kv"

role := "store" if patterns.pattern.name == "counters beside configuration"

role := "cache" if patterns.pattern.name == "read-through cache"

# 1. The staleness ceiling, less the time a write takes to reach every location.
budget := a.staleness_seconds - propagation

ceiling_met if budget >= min_cache

# 2. The cost of a miss: crossing to a database far from global readers costs hundreds of
# milliseconds, which justifies longer TTLs; a D1 or KV miss costs tens.
costly_miss if {
	role == "cache"
	rank.primary == "hyperdrive"
	a.users == "global"
}

cache_cap := thresholds.ttl_max_cache_seconds_costly_miss if costly_miss

else := thresholds.ttl_max_cache_seconds

# 3. How often a typical key changes (computed in Go from writes, dataset and value size).
interval := d.change_interval_seconds

# A cache splits the ceiling between the copy's lifetime and the edge's cacheTtl.
cache_share := 4 if role == "cache"

else := 1

cache_ttl := max([min_cache, floor(min([budget / cache_share, interval, cache_cap]))])

expiration_ttl := max([min_expiration, floor(min([budget - cache_ttl, interval, thresholds.ttl_max_expiration_seconds]))]) if role == "cache"

default expiration := null

expiration := expiration_ttl

# 4. The cost of serving stale data.
stale_cost := "Stale data would confuse the user who just wrote it: return what was written, or read it from the database, never by re-reading KV." if a.consistency == "read-your-writes"

stale_cost := sprintf("Stale data is tolerable for up to %v s, as the answers say; when uncertain, err toward shorter TTLs.", [a.staleness_seconds]) if a.consistency != "read-your-writes"

miss_text := "KV holds the data itself: a miss at the edge reads KV's central store, and the default cacheTtl of 60 s suits most workloads." if role == "store"

miss_text := "A miss reads your database across the ocean for distant readers (400-600 ms without Hyperdrive's pool, 50-80 ms with it): longer TTLs are justified." if costly_miss

miss_text := sprintf("A miss reads %s (tens of milliseconds): keep TTLs short.", [origin[rank.primary]]) if {
	role == "cache"
	not costly_miss
}

origin := {"d1": "D1", "hyperdrive": "your database through Hyperdrive, close to these readers"}

steps := [
	{
		"question": "What is the maximum staleness the application can tolerate?",
		"answer": sprintf("%v s; writes take up to %v s to reach every location, which leaves %v s.", [a.staleness_seconds, propagation, max([budget, 0])]),
	},
	{"question": "What is the cost of a cache miss?", "answer": miss_text},
	{
		"question": "How often does the source data change?",
		"answer": sprintf("A typical key changes about every %s; a TTL shorter than that wastes cache capacity.", [duration(interval)]),
	},
	{"question": "What is the cost of serving stale data?", "answer": stale_cost},
]

text := sprintf("Read with cacheTtl %v s. KV holds the data, so set expirationTtl only for data with a lifetime (sessions: the session lifetime), never below %v s.", [cache_ttl, min_expiration]) if role == "store"

text := sprintf("Read with cacheTtl %v s and write cached copies with expirationTtl %v s: together with propagation, a change reaches every reader within about %v s.", [cache_ttl, expiration_ttl, (cache_ttl + expiration_ttl) + propagation]) if role == "cache"

ttl := {
	"role": role,
	"cache_ttl_seconds": cache_ttl,
	"expiration_ttl_seconds": expiration,
	"text": text,
	"steps": steps,
}

warnings contains sprintf("A staleness ceiling of %v s is below what KV can promise: writes take up to %v s to reach every location and cacheTtl is at least %v s. Raise the ceiling or keep these reads off KV.", [a.staleness_seconds, propagation, min_cache]) if {
	role
	not ceiling_met
}

duration(s) := sprintf("%v days", [round(s / 86400)]) if s >= 172800

duration(s) := sprintf("%v hours", [round(s / 3600)]) if {
	s >= 7200
	s < 172800
}

duration(s) := sprintf("%v minutes", [round(s / 60)]) if {
	s >= 120
	s < 7200
}

duration(s) := sprintf("%v seconds", [round(s)]) if s < 120
