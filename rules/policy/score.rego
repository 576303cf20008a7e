# Points for and against each product, dimension by dimension. The weights live in data.json
# (the seed's order: consistency outweighs data shape, which outweighs write ratio, which
# outweighs existing infrastructure). A share is a whole percentage of the dimension's weight
# (-100 to 100).
#
# The policy is written in two halves, because the search for flips asks for the pick some
# fifty times and needs no sentence: `shares` decides the cases, as [product, dimension,
# share, case] tuples, and `totals` sums their points; prose[case][product] gives each case
# its [sentence, source], and only `reasons` (which the full result alone reads) asks for it.
# Each case's sentence follows its rule, and a table entry is [share, text, source], so a
# share and its sentence stay side by side.
package storewise.score

# The data documents, bound once per evaluation: a rule's value is cached for the whole
# query, where each read of the store itself costs microseconds.
facts := data.storewise.facts

seed := data.storewise.seed

thresholds := data.storewise.thresholds

weights := data.storewise.weights

a := input.answers

d := input.derived

# The points of a share come from a table Go computes from the weights
# (data.storewise.points[dim][share + 100]): OPA's float arithmetic costs microseconds a step.
points_table := data.storewise.points

products := data.storewise.order

# Each product's points: its cases' points and the user's own, summed without building a
# sentence.
totals[p] := sum(builtin) + sum(user) if {
	some p in products
	builtin := [points_table[dim][share + 100] | some [q, dim, share, _] in shares; q == p]
	user := [r.points | some r in user_points; r.product == p]
}

# reasons are the contributions with their sentences, for the full result only.
reasons contains {
	"product": p,
	"dimension": dim,
	"points": points_table[dim][share + 100],
	"text": t[0],
	"source": t[1],
} if {
	some [p, dim, share, c] in shares
	t := prose[c][p]
}

# User policies (--policy DIR, package storewise.user) add points of their own, straight
# into the same set.
reasons contains r if some r in user_points

user_points contains object.union({"dimension": "policy", "source": "user policy"}, r) if {
	some r in data.storewise.user.points
	is_object(r)
}

# --- consistency: "The first question isn't how fast but how stale." ---

consistency_table["eventual"] := {
	"kv": [100, "Eventual consistency is acceptable, and that is KV's trade: reads are served at the nearest edge in 2-10 ms because nowhere has to agree with anywhere else first.", seed.kv_cdn],
	"d1": [50, "D1 is strongly consistent on its primary: more than this workload needs.", seed.consistency],
	"hyperdrive": [50, "Your database stays consistent; Hyperdrive's query cache (60 s by default) adds staleness this workload accepts.", facts.hyperdrive.cache_max_age_seconds.source],
	"durable-objects": [33, "A Durable Object's strong, serialised consistency is not needed here.", facts["durable-objects"].requests_per_second_per_object.source],
	"r2": [33, "R2 is chosen for the shape and size of data, not for consistency.", seed.next]
}

consistency_table["read-your-writes"] := {
	"d1": [100, "A user must see what they just saved: D1 reads its own writes, the fix for the settings page that “doesn't save”.", seed.settings_page],
	"durable-objects": [80, "A Durable Object's storage is strongly consistent: a read after a write to the same object sees it.", facts["durable-objects"].requests_per_second_per_object.source],
	"hyperdrive": [80, "Your database reads its own writes; turn Hyperdrive's query cache off for those queries, since writes do not invalidate cached reads.", facts.hyperdrive.cache_max_age_seconds.source],
	"r2": [40, "R2 fits only if what is written is whole objects.", seed.next]
}

consistency_table["strong"] := {
	"d1": [100, "Strong consistency: D1's primary always returns the latest write (read replicas need the Sessions API).", seed.consistency],
	"hyperdrive": [85, "Your database is strongly consistent; turn Hyperdrive's query cache off for queries that must see the latest write.", facts.hyperdrive.cache_max_age_seconds.source],
	"durable-objects": [85, "Strongly consistent, transactional storage within each object.", facts["durable-objects"].requests_per_second_per_object.source],
	"r2": [40, "R2 fits only if what is written is whole objects.", seed.next]
}

consistency_table["coordination"] := {
	"durable-objects": [100, "Two requests must agree: one Durable Object serialises its requests, which is what counters, locks, rate limits and inventory need.", seed.eventual],
	"d1": [10, "D1 can count inside transactions, but one database is single-threaded: too slow for hot coordination.", seed.matrix],
	"hyperdrive": [10, "Your database can lock rows, but every coordinated request pays a round trip to its region.", seed.geography]
}

shares contains [p, "consistency", e[0], "consistency"] if some p, e in consistency_table[a.consistency]

prose.consistency[p] := [e[1], e[2]] if some p, e in consistency_table[a.consistency]

# --- data shape ---

shape_table["key-value"] := {
	"kv": [100, "Lookups by a known key are KV's strength: session by token, configuration by name, response by hash.", seed.shape],
	"durable-objects": [50, "A Durable Object stores keys and values, but each object is one thread: spread keys over objects.", facts["durable-objects"].requests_per_second_per_object.source],
	"d1": [45, "A table with a primary key serves lookups, with SQL to spare.", seed.shape],
	"hyperdrive": [30, "Your database serves lookups, each one a round trip to its region over a pooled connection.", seed.geography],
	"r2": [20, "R2 reads by key too, but it is built for objects, not small lookups.", seed.next]
}

shape_table["relational"] := {
	"d1": [100, "Queries across rows (filter, join, aggregate) belong in D1 or Hyperdrive.", seed.shape],
	"hyperdrive": [100, "Queries across rows (filter, join, aggregate) belong in D1 or Hyperdrive.", seed.shape],
	"durable-objects": [20, "Each Durable Object has its own SQLite database, but queries cannot span objects.", seed.next]
}

shape_table["per-entity"] := {
	"durable-objects": [100, "State owned by one entity (room, user, device) is what a Durable Object is: one object per entity, strongly consistent.", seed.next],
	"d1": [45, "Rows per entity in D1 work, with every entity sharing one single-threaded database.", facts.d1.queries_per_second.source],
	"hyperdrive": [30, "Rows per entity in your database work, each access a round trip to its region.", seed.geography],
	"kv": [30, "KV can hold one value per entity if it is read by key and rarely written.", seed.kv_right]
}

shape_table["objects"] := {
	"r2": [100, "Large files and blobs belong in R2: object storage with no egress fees.", facts.r2.free_storage_gb.source],
	"kv": [20, "KV accepts values up to 25 MiB, but large values undermine caching and slow propagation.", seed.kv_wrong],
	"d1": [-50, "Files in D1 hit its 2 MB row limit and bloat a database capped at 10 GB.", facts.d1.max_row_bytes.source],
	"durable-objects": [-50, "Durable Object values are limited to 2 MB.", facts["durable-objects"].max_value_bytes.source],
	"hyperdrive": [-30, "Files in your database bloat it, and every read crosses to its region.", seed.geography]
}

shares contains [p, "data_shape", e[0], "data_shape"] if some p, e in shape_table[a.data_shape]

prose.data_shape[p] := [e[1], e[2]] if some p, e in shape_table[a.data_shape]

# --- write ratio: KV writes cost ten times its reads ---

read_heavy if d.write_ratio <= thresholds.read_heavy_write_ratio

write_heavy if d.write_ratio > thresholds.write_heavy_write_ratio

shares contains ["kv", "write_ratio", 100, "kv_read_heavy"] if read_heavy

prose.kv_read_heavy["kv"] := [sprintf("Writes are %v%% of operations: KV's sweet spot is data read far more often than it changes.", [d.write_percent]), seed.kv_right]

read_heavy_products := {"d1", "hyperdrive", "r2"}

shares contains [p, "write_ratio", 50, "read_heavy"] if {
	read_heavy
	some p in read_heavy_products
}

prose.read_heavy[p] := [sprintf("Writes are %v%% of operations: read-heavy traffic suits it.", [d.write_percent]), seed.writes] if some p in read_heavy_products

shares contains ["durable-objects", "write_ratio", 30, "do_read_heavy"] if read_heavy

prose.do_read_heavy["durable-objects"] := [sprintf("Writes are %v%% of operations: every read still goes to the object's single location.", [d.write_percent]), seed.next]

kv_write_penalty := -100 if write_heavy

else := -50

shares contains ["kv", "write_ratio", kv_write_penalty, "kv_writes"] if not read_heavy

prose.kv_writes["kv"] := [sprintf("Writes are %v%% of operations: KV writes cost ten times its reads, and past about 20%% writes D1 is cheaper (see the cost).", [d.write_percent]), seed.kv_wrong]

writes_table := {"d1": [100, "D1"], "hyperdrive": [85, "a relational database"], "durable-objects": [60, "storage that writes where it lives"]}

shares contains [p, "write_ratio", e[0], "writes"] if {
	not read_heavy
	some p, e in writes_table
}

prose.writes[p] := [sprintf("Writes are %v%% of operations: write-heavy workloads favour %s.", [d.write_percent, writes_table[p][1]]), seed.writes] if some p, _ in writes_table

# --- existing infrastructure ---

fresh_start_table := {
	"d1": [100, "Starting fresh: D1 eliminates external dependencies, with no database to run outside Cloudflare, no connection strings to secure, no pool to monitor.", seed.infrastructure],
	"durable-objects": [50, "Starting fresh: nothing to operate outside Cloudflare.", seed.infrastructure],
	"kv": [50, "Starting fresh: nothing to operate outside Cloudflare.", seed.infrastructure],
	"r2": [50, "Starting fresh: nothing to operate outside Cloudflare.", seed.infrastructure],
	"hyperdrive": [-100, "Hyperdrive accelerates an existing PostgreSQL or MySQL database; with none, you would first have to run one outside Cloudflare.", seed.infrastructure],
}

shares contains [p, "existing_infrastructure", e[0], "fresh_start"] if {
	a.existing_database == "none"
	some p, e in fresh_start_table
}

prose.fresh_start[p] := [e[1], e[2]] if some p, e in fresh_start_table

shares contains ["hyperdrive", "existing_infrastructure", 67, "database_kept"] if a.existing_database != "none"

prose.database_kept["hyperdrive"] := [sprintf("%s is already in production: Hyperdrive gives immediate value without migration, keeping your backups and operational knowledge.", [database_name]), seed.infrastructure]

shares contains ["d1", "existing_infrastructure", -33, "database_migrated"] if a.existing_database != "none"

prose.database_migrated["d1"] := [sprintf("Moving to D1 means migrating data, queries and operations off %s; start with the existing database and evaluate D1 later.", [database_name]), seed.matrix]

shares contains ["hyperdrive", "existing_infrastructure", 33, "shared_kept"] if {
	a.existing_database != "none"
	a.shared_database
}

prose.shared_kept["hyperdrive"] := ["The database also serves other applications: it stays where it is, and Hyperdrive makes it a data layer shared with Workers.", seed.matrix]

shares contains ["d1", "existing_infrastructure", -33, "shared_stays"] if {
	a.existing_database != "none"
	a.shared_database
}

prose.shared_stays["d1"] := ["The database also serves other applications, which cannot move to D1 with this workload.", seed.hyperdrive_architecture]

shares contains ["hyperdrive", "existing_infrastructure", 33, "features_kept"] if {
	a.existing_database != "none"
	a.needs_database_features
}

prose.features_kept["hyperdrive"] := [sprintf("The workload needs features of %s that D1 lacks: keep them, through Hyperdrive.", [database_name]), seed.hyperdrive_architecture]

database_name := data.storewise.eliminate.database_name

# --- value size ---

shares contains ["kv", "value_size", 100, "small_values"] if a.value_bytes <= thresholds.small_value_bytes

prose.small_values["kv"] := [sprintf("Typical values (%s) are small: KV shines with values under 100 KB.", [size]), seed.kv_wrong]

shares contains ["kv", "value_size", -100, "large_values"] if a.value_bytes > thresholds.small_value_bytes

prose.large_values["kv"] := [sprintf("Typical values (%s) are large for KV: they undermine caching and slow propagation.", [size]), seed.kv_wrong]

shares contains ["r2", "value_size", 100, "object_values"] if a.value_bytes > thresholds.small_value_bytes

prose.object_values["r2"] := [sprintf("Typical values (%s) are substantial objects: R2's territory.", [size]), seed.kv_wrong]

size := data.storewise.eliminate.bytes(a.value_bytes)

# --- hot keys ---

shares contains ["kv", "hot_keys", 100, "kv_hot_keys"] if {
	a.hot_key_writes_per_second <= facts.kv.max_writes_per_second_per_key.value
}

prose.kv_hot_keys["kv"] := [sprintf("The busiest key is written %v times a second, within KV's limit: %s.", [a.hot_key_writes_per_second, facts.kv.max_writes_per_second_per_key.text]), facts.kv.max_writes_per_second_per_key.source]

shares contains ["durable-objects", "hot_keys", 100, "do_hot_keys"] if {
	a.hot_key_writes_per_second > facts.kv.max_writes_per_second_per_key.value
	a.hot_key_writes_per_second <= facts["durable-objects"].writes_per_second_per_object.value
}

prose.do_hot_keys["durable-objects"] := [sprintf("One Durable Object absorbs %v writes a second to one entity and serialises them.", [a.hot_key_writes_per_second]), facts["durable-objects"].writes_per_second_per_object.source]

shares contains ["durable-objects", "hot_keys", -100, "do_too_hot"] if {
	a.hot_key_writes_per_second > facts["durable-objects"].writes_per_second_per_object.value
}

prose.do_too_hot["durable-objects"] := [sprintf("%v writes a second to one entity is more than one Durable Object sustains with storage writes (%s): shard the entity.", [a.hot_key_writes_per_second, facts["durable-objects"].writes_per_second_per_object.text]), facts["durable-objects"].writes_per_second_per_object.source]

shares contains ["d1", "hot_keys", -100, "d1_too_hot"] if {
	a.hot_key_writes_per_second > thresholds.d1_hot_writes_per_second
}

prose.d1_too_hot["d1"] := [sprintf("%v writes a second to one row approach what one D1 database serves in total: %s.", [a.hot_key_writes_per_second, facts.d1.queries_per_second.text]), facts.d1.queries_per_second.source]

# --- dataset size ---

shares contains ["d1", "dataset_size", 100, "d1_fits"] if {
	a.dataset_gb <= facts.d1.max_database_gb.value
}

prose.d1_fits["d1"] := [sprintf("%v GB fits one D1 database (%s).", [a.dataset_gb, facts.d1.max_database_gb.text]), facts.d1.max_database_gb.source]

shares contains ["r2", "dataset_size", 100, "r2_fits"] if {
	a.dataset_gb > facts.d1.max_database_gb.value
}

prose.r2_fits["r2"] := [sprintf("%v GB is no concern for R2, which bills storage by the GB-month.", [a.dataset_gb]), facts.r2.free_storage_gb.source]

shares contains ["durable-objects", "dataset_size", -100, "do_split"] if {
	a.dataset_gb > facts["durable-objects"].max_storage_gb_per_object.value
	a.data_shape != "per-entity"
}

prose.do_split["durable-objects"] := [sprintf("%v GB must be split across objects: %s.", [a.dataset_gb, facts["durable-objects"].max_storage_gb_per_object.text]), facts["durable-objects"].max_storage_gb_per_object.source]

# --- realtime ---

shares contains ["durable-objects", "realtime", 100, "do_realtime"] if a.realtime

prose.do_realtime["durable-objects"] := ["Clients coordinate live: a Durable Object holds a room's WebSockets and serialises its messages.", seed.next]

shares contains ["kv", "realtime", -100, "kv_realtime"] if a.realtime

prose.kv_realtime["kv"] := ["KV cannot relay live updates: other locations see a write up to 60 s later.", seed.eventual]

# --- transactions ---

transactions_table["multi-row"] := {
	"d1": [100, "Several rows change together: D1 runs SQL transactions.", seed.shape],
	"hyperdrive": [100, "Your database's transactions keep working: a transaction holds its pooled connection until it commits.", seed.transactions],
	"durable-objects": [33, "A Durable Object is transactional, but only within itself.", seed.next]
}

transactions_table["single-entity"] := {
	"durable-objects": [100, "Atomic updates of one entity: a Durable Object's storage is transactional and its requests serialised.", seed.next],
	"d1": [67, "A transaction per entity in D1 works.", seed.shape],
	"hyperdrive": [67, "A transaction per entity in your database works.", seed.transactions],
	"kv": [-100, "KV replaces a whole value: read-modify-write is not atomic, and concurrent writes are last-write-wins.", facts.kv.max_writes_per_second_per_key.source]
}

transactions_table["none"] := {
}

shares contains [p, "transactions", e[0], "transactions"] if some p, e in transactions_table[a.transactions]

prose.transactions[p] := [e[1], e[2]] if some p, e in transactions_table[a.transactions]

# --- users ---

users_table["global"] := {
	"kv": [100, "Readers on several continents: KV reads are local everywhere, 2-10 ms.", seed.kv_cdn],
	"hyperdrive": [50, "Hyperdrive's gain grows with distance: a cold connection from Sydney to us-east-1 drops from 400-600 ms to 50-80 ms.", seed.geography],
	"d1": [50, "D1 read replicas (Sessions API, public beta) serve distant readers.", facts.d1.max_database_gb.source]
}

users_table["one-region"] := {
	"d1": [100, "Readers near one place: a database near them answers quickly.", seed.geography],
	"hyperdrive": [100, "Readers near one place: with the database close to them, Hyperdrive still saves connection setup.", seed.geography]
}

shares contains [p, "users", e[0], "users"] if some p, e in users_table[a.users]

prose.users[p] := [e[1], e[2]] if some p, e in users_table[a.users]

# --- cost: computed in Go from the prices (input.derived.cost), compared here ---

# Products whose cost is known: Hyperdrive's is only known when the database already exists
# (it is billed by its host either way).
costed := ({p | some p, _ in d.cost} - data.storewise.eliminate.ids) - unknown_cost

unknown_cost := {"hyperdrive"} if a.existing_database == "none"

else := set()

cheapest := min({d.cost[p] | some p in costed})

# The bands' bounds, computed once: OPA's float arithmetic costs microseconds a step.
near := cheapest + 1

far := (cheapest * 2) + 10

shares contains [p, "cost", 100, "cheapest"] if {
	some p in costed
	d.cost[p] <= near
}

prose.cheapest[p] := [sprintf("About $%v a month, the least of the options left.", [d.cost_text[p]]), seed.writes] if some p in costed

shares contains [p, "cost", -50, "dearer"] if {
	some p in costed
	d.cost[p] > near
	d.cost[p] <= far
}

prose.dearer[p] := [sprintf("About $%v a month, more than the cheapest option left.", [d.cost_text[p]]), seed.writes] if some p in costed

shares contains [p, "cost", -100, "far_dearer"] if {
	some p in costed
	d.cost[p] > far
}

prose.far_dearer[p] := [sprintf("About $%v a month, far more than the cheapest option left.", [d.cost_text[p]]), seed.writes] if some p in costed
