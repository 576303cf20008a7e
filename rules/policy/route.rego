# Routing before scoring, as Cloudflare's own guidance does ("Choose a data or storage
# product", cloudflare/skills product-selection): the kind of data or work names its
# product before the five stores are weighed. Embeddings go to Vectorize, events and
# metrics to Analytics Engine (a D1 table is fine while they are few), messages to Queues,
# multi-step processes to Workflows, whole HTTP responses to Workers Cache, and live
# coordination (WebSockets, presence) to Durable Objects, the one product that holds
# connections. A route is a score case of the `route` dimension (cases.yaml), whose weight
# outweighs every other dimension together, so the routed product leads the ranking and
# the five stores still rank behind it as its nearest alternatives; a user policy can
# still eliminate it or add points to any product.
#
# A product beyond the five is in play only where its route (or, for KV Instant, a
# staleness ceiling classic KV cannot meet) makes it a candidate: a key-value workload is not
# shown Vectorize ruled out.
package storewise.route

# --- the routes ---
cases contains "route.vectors" if input.answers.data_shape == "vectors"

cases contains "route.time-series" if {
	input.answers.data_shape == "time-series"
	input.answers.writes_per_month > input.thresholds.tiny_time_series_writes_per_month
}

cases contains "route.time-series-tiny" if {
	input.answers.data_shape == "time-series"
	input.answers.writes_per_month <= input.thresholds.tiny_time_series_writes_per_month
}

cases contains "route.messages" if input.answers.data_shape == "messages"

cases contains "route.workflow" if input.answers.data_shape == "workflow"

cases contains "route.response-cache" if {
	input.answers.data_shape == "key-value"
	input.answers.role == "response-cache"
}

cases contains "route.realtime" if input.answers.realtime

# --- what is in play beyond the five stores ---
inplay contains "vectorize" if input.answers.data_shape == "vectors"

inplay contains "analytics-engine" if input.answers.data_shape == "time-series"

inplay contains "queues" if input.answers.data_shape == "messages"

inplay contains "workflows" if input.answers.data_shape == "workflow"

inplay contains "workers-cache" if {
	input.answers.data_shape == "key-value"
	input.answers.role == "response-cache"
}

# KV Instant (private beta) is considered where classic KV's staleness floor alone is too
# slow for an eventually consistent key-value workload: its writes reach every location in
# about a quarter of a second. Stronger consistency rules out both KVs.
inplay contains "kv-instant" if {
	input.answers.data_shape == "key-value"
	input.answers.consistency == "eventual"
	input.answers.staleness_seconds < kv_floor
}

# The least staleness classic KV can promise: a write's propagation plus the smallest
# cacheTtl.
kv_floor := input.facts.kv.propagation_seconds + input.facts.kv.min_cache_ttl_seconds
