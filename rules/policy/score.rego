# Points for and against each product, dimension by dimension. Each contribution is a reason
# {product, dimension, points, text, source}; the weights live in data.json (the seed's order:
# consistency outweighs data shape, which outweighs write ratio, which outweighs existing
# infrastructure). A share is a whole percentage of the dimension's weight (-100 to 100),
# and a table entry is [share, text, source].
package storewise.score


# The data documents, bound once per evaluation: a rule's value is cached for the whole
# query, where each read of the store itself costs microseconds.
facts := data.storewise.facts

seed := data.storewise.seed

thresholds := data.storewise.thresholds

weights := data.storewise.weights

a := input.answers

d := input.derived

# reason makes one contribution worth share percent of the dimension's weight. The points
# come from a table Go computes from the weights (data.storewise.points[dim][share + 100]):
# OPA's float arithmetic costs microseconds a step, and the policy makes dozens of reasons.
reason(p, dim, share, text, src) := {
	"product": p,
	"dimension": dim,
	"points": points_table[dim][share + 100],
	"text": text,
	"source": src,
}

points_table := data.storewise.points

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

reasons contains reason(p, "consistency", e[0], e[1], e[2]) if some p, e in consistency_table[a.consistency]

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

reasons contains reason(p, "data_shape", e[0], e[1], e[2]) if some p, e in shape_table[a.data_shape]

# --- write ratio: KV writes cost ten times its reads ---

read_heavy if d.write_ratio <= thresholds.read_heavy_write_ratio

write_heavy if d.write_ratio > thresholds.write_heavy_write_ratio

reasons contains reason("kv", "write_ratio", 100, sprintf("Writes are %v%% of operations: KV's sweet spot is data read far more often than it changes.", [d.write_percent]), seed.kv_right) if read_heavy

reasons contains reason(p, "write_ratio", 50, sprintf("Writes are %v%% of operations: read-heavy traffic suits it.", [d.write_percent]), seed.writes) if {
	read_heavy
	some p in {"d1", "hyperdrive", "r2"}
}

reasons contains reason("durable-objects", "write_ratio", 30, sprintf("Writes are %v%% of operations: every read still goes to the object's single location.", [d.write_percent]), seed.next) if read_heavy

kv_write_penalty := -100 if write_heavy

else := -50

reasons contains reason("kv", "write_ratio", kv_write_penalty, sprintf("Writes are %v%% of operations: KV writes cost ten times its reads, and past about 20%% writes D1 is cheaper (see the cost).", [d.write_percent]), seed.kv_wrong) if {
	not read_heavy
}

reasons contains reason(p, "write_ratio", e[0], sprintf("Writes are %v%% of operations: write-heavy workloads favour %s.", [d.write_percent, e[1]]), seed.writes) if {
	not read_heavy
	some p, e in {"d1": [100, "D1"], "hyperdrive": [85, "a relational database"], "durable-objects": [60, "storage that writes where it lives"]}
}

# --- existing infrastructure ---

fresh_start_table := {
	"d1": [100, "Starting fresh: D1 eliminates external dependencies, with no database to run outside Cloudflare, no connection strings to secure, no pool to monitor.", seed.infrastructure],
	"durable-objects": [50, "Starting fresh: nothing to operate outside Cloudflare.", seed.infrastructure],
	"kv": [50, "Starting fresh: nothing to operate outside Cloudflare.", seed.infrastructure],
	"r2": [50, "Starting fresh: nothing to operate outside Cloudflare.", seed.infrastructure],
	"hyperdrive": [-100, "Hyperdrive accelerates an existing PostgreSQL or MySQL database; with none, you would first have to run one outside Cloudflare.", seed.infrastructure],
}

reasons contains reason(p, "existing_infrastructure", e[0], e[1], e[2]) if {
	a.existing_database == "none"
	some p, e in fresh_start_table
}

reasons contains reason("hyperdrive", "existing_infrastructure", 67, sprintf("%s is already in production: Hyperdrive gives immediate value without migration, keeping your backups and operational knowledge.", [database_name]), seed.infrastructure) if a.existing_database != "none"

reasons contains reason("d1", "existing_infrastructure", -33, sprintf("Moving to D1 means migrating data, queries and operations off %s; start with the existing database and evaluate D1 later.", [database_name]), seed.matrix) if a.existing_database != "none"

reasons contains reason("hyperdrive", "existing_infrastructure", 33, "The database also serves other applications: it stays where it is, and Hyperdrive makes it a data layer shared with Workers.", seed.matrix) if {
	a.existing_database != "none"
	a.shared_database
}

reasons contains reason("d1", "existing_infrastructure", -33, "The database also serves other applications, which cannot move to D1 with this workload.", seed.hyperdrive_architecture) if {
	a.existing_database != "none"
	a.shared_database
}

reasons contains reason("hyperdrive", "existing_infrastructure", 33, sprintf("The workload needs features of %s that D1 lacks: keep them, through Hyperdrive.", [database_name]), seed.hyperdrive_architecture) if {
	a.existing_database != "none"
	a.needs_database_features
}

database_name := data.storewise.eliminate.database_name

# --- value size ---

reasons contains reason("kv", "value_size", 100, sprintf("Typical values (%s) are small: KV shines with values under 100 KB.", [size]), seed.kv_wrong) if {
	a.value_bytes <= thresholds.small_value_bytes
	size := data.storewise.eliminate.bytes(a.value_bytes)
}

reasons contains reason("kv", "value_size", -100, sprintf("Typical values (%s) are large for KV: they undermine caching and slow propagation.", [size]), seed.kv_wrong) if {
	a.value_bytes > thresholds.small_value_bytes
	size := data.storewise.eliminate.bytes(a.value_bytes)
}

reasons contains reason("r2", "value_size", 100, sprintf("Typical values (%s) are substantial objects: R2's territory.", [size]), seed.kv_wrong) if {
	a.value_bytes > thresholds.small_value_bytes
	size := data.storewise.eliminate.bytes(a.value_bytes)
}

# --- hot keys ---

reasons contains reason("kv", "hot_keys", 100, sprintf("The busiest key is written %v times a second, within KV's limit: %s.", [a.hot_key_writes_per_second, facts.kv.max_writes_per_second_per_key.text]), facts.kv.max_writes_per_second_per_key.source) if {
	a.hot_key_writes_per_second <= facts.kv.max_writes_per_second_per_key.value
}

reasons contains reason("durable-objects", "hot_keys", 100, sprintf("One Durable Object absorbs %v writes a second to one entity and serialises them.", [a.hot_key_writes_per_second]), facts["durable-objects"].writes_per_second_per_object.source) if {
	a.hot_key_writes_per_second > facts.kv.max_writes_per_second_per_key.value
	a.hot_key_writes_per_second <= facts["durable-objects"].writes_per_second_per_object.value
}

reasons contains reason("durable-objects", "hot_keys", -100, sprintf("%v writes a second to one entity is more than one Durable Object sustains with storage writes (%s): shard the entity.", [a.hot_key_writes_per_second, facts["durable-objects"].writes_per_second_per_object.text]), facts["durable-objects"].writes_per_second_per_object.source) if {
	a.hot_key_writes_per_second > facts["durable-objects"].writes_per_second_per_object.value
}

reasons contains reason("d1", "hot_keys", -100, sprintf("%v writes a second to one row approach what one D1 database serves in total: %s.", [a.hot_key_writes_per_second, facts.d1.queries_per_second.text]), facts.d1.queries_per_second.source) if {
	a.hot_key_writes_per_second > thresholds.d1_hot_writes_per_second
}

# --- dataset size ---

reasons contains reason("d1", "dataset_size", 100, sprintf("%v GB fits one D1 database (%s).", [a.dataset_gb, facts.d1.max_database_gb.text]), facts.d1.max_database_gb.source) if {
	a.dataset_gb <= facts.d1.max_database_gb.value
}

reasons contains reason("r2", "dataset_size", 100, sprintf("%v GB is no concern for R2, which bills storage by the GB-month.", [a.dataset_gb]), facts.r2.free_storage_gb.source) if {
	a.dataset_gb > facts.d1.max_database_gb.value
}

reasons contains reason("durable-objects", "dataset_size", -100, sprintf("%v GB must be split across objects: %s.", [a.dataset_gb, facts["durable-objects"].max_storage_gb_per_object.text]), facts["durable-objects"].max_storage_gb_per_object.source) if {
	a.dataset_gb > facts["durable-objects"].max_storage_gb_per_object.value
	a.data_shape != "per-entity"
}

# --- realtime ---

reasons contains reason("durable-objects", "realtime", 100, "Clients coordinate live: a Durable Object holds a room's WebSockets and serialises its messages.", seed.next) if a.realtime

reasons contains reason("kv", "realtime", -100, "KV cannot relay live updates: other locations see a write up to 60 s later.", seed.eventual) if a.realtime

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

reasons contains reason(p, "transactions", e[0], e[1], e[2]) if some p, e in transactions_table[a.transactions]

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

reasons contains reason(p, "users", e[0], e[1], e[2]) if some p, e in users_table[a.users]

# --- cost: computed in Go from the prices (input.derived.cost), compared here ---

# Products whose cost is known: Hyperdrive's is only known when the database already exists
# (it is billed by its host either way).
costed contains p if {
	some p, _ in d.cost
	not p in data.storewise.eliminate.ids
	not unknown_cost(p)
}

unknown_cost("hyperdrive") if a.existing_database == "none"

cheapest := min({d.cost[p] | some p in costed})

reasons contains reason(p, "cost", 100, sprintf("About $%v a month, the least of the options left.", [d.cost_text[p]]), seed.writes) if {
	some p in costed
	d.cost[p] <= cheapest + 1
}

reasons contains reason(p, "cost", -50, sprintf("About $%v a month, more than the cheapest option left.", [d.cost_text[p]]), seed.writes) if {
	some p in costed
	d.cost[p] > cheapest + 1
	d.cost[p] <= (cheapest * 2) + 10
}

reasons contains reason(p, "cost", -100, sprintf("About $%v a month, far more than the cheapest option left.", [d.cost_text[p]]), seed.writes) if {
	some p in costed
	d.cost[p] > (cheapest * 2) + 10
}

# User policies (--policy DIR, package storewise.user) add points of their own, straight
# into the same set: a second set of every reason would cost a copy per evaluation.
reasons contains object.union({"dimension": "policy", "source": "user policy"}, r) if {
	some r in data.storewise.user.points
	is_object(r)
}
