package matrix

import (
	"strings"
	"testing"
)

func TestEmbeddedDataLoads(t *testing.T) {
	m, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	// One question per answers-file field of contracts.md §1, in interview order.
	want := []string{"workload", "consistency", "staleness_seconds", "data_shape", "role", "partitioned", "value_bytes",
		"max_value_bytes", "dataset_gb", "reads_per_month", "writes_per_month",
		"hot_key_writes_per_second", "existing_database", "needs_database_features",
		"shared_database", "residency", "users", "transactions", "realtime"}
	if got := m.Fields(); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("fields:\n got %v\nwant %v", got, want)
	}
	if len(m.Examples) < 11 {
		t.Errorf("the seed's decision table has 11 rows, got %d examples", len(m.Examples))
	}
}

// The limits the policy relies on are pinned to the values copied from facts.md (the design
// docs live outside this repository, so this test does not read it): a change to these
// numbers in products.yaml must be made here too, on purpose.
func TestPolicyLimitsPinned(t *testing.T) {
	m := MustLoad()
	for _, c := range []struct {
		product, key string
		want         float64
	}{
		{KV, "max_value_bytes", 25 * 1024 * 1024},
		{KV, "max_writes_per_second_per_key", 1},
		{KV, "min_cache_ttl_seconds", 30},
		{KV, "min_expiration_ttl_seconds", 60},
		{D1, "max_database_gb", 10},
		{D1, "max_row_bytes", 2e6},
		{DurableObjects, "max_value_bytes", 2e6},
		{DurableObjects, "max_storage_gb_per_object", 10},
	} {
		p, _ := m.Product(c.product)
		f, ok := p.Fact(c.key)
		if !ok || f.Value != c.want {
			t.Errorf("%s %s = %v (found %v), want %v", c.product, c.key, f.Value, ok, c.want)
		}
	}
	kv, _ := m.Product(KV)
	w, _ := kv.Price("writes")
	r, _ := kv.Price("reads")
	if w.USD/r.USD != 10 {
		t.Errorf("KV writes should cost ten times its reads, got %v / %v", w.USD, r.USD)
	}
}

func TestInvalidDataIsRefused(t *testing.T) {
	cases := []struct {
		name, file, from, to, wantErr string
	}{
		{"fact without source", "products",
			`value: 512, unit: bytes, text: "512 bytes per key", source: "https://developers.cloudflare.com/kv/platform/limits/"`,
			`value: 512, unit: bytes, text: "512 bytes per key", source: ""`, `fact "max_key_bytes": no source URL`},
		{"fact without date", "products",
			`text: "512 bytes per key", source: "https://developers.cloudflare.com/kv/platform/limits/", as_of: 2026-11-01`,
			`text: "512 bytes per key", source: "https://developers.cloudflare.com/kv/platform/limits/", as_of: autumn`, `as_of "autumn" is not a date`},
		{"price without date", "products",
			`{key: reads, title: reads, included: 10000000, usd: 0.50, per: 1000000, source: "https://developers.cloudflare.com/kv/platform/pricing/", as_of: 2026-11-01}`,
			`{key: reads, title: reads, included: 10000000, usd: 0.50, per: 1000000, source: "https://developers.cloudflare.com/kv/platform/pricing/", as_of: soon}`,
			`price "reads": as_of "soon" is not a date`},
		{"repeated price key", "products",
			`{key: reads, title: reads, included: 10000000,`, `{key: writes, title: reads, included: 10000000,`,
			`price "writes": missing or repeated key`},
		{"drawback naming no fact", "products", "drawbacks: [max_database_gb, queries_per_second]", "drawbacks: [max_database_tb, queries_per_second]",
			`drawback "max_database_tb" is not one of its facts`},
		{"question without default", "questions", "    default: 0.1\n", "\n", "hot_key_writes_per_second: no default"},
		{"enum default not an option", "questions", "    default: none\n", "    default: oracle\n", `default oracle is not one of`},
		{"unknown key", "questions", "    type: bool\n    default: false\n", "    type: bool\n    defualt: false\n", "field defualt not found"},
		{"example naming an unknown product", "examples", "choose: [r2]", "choose: [s3]", `unknown product "s3"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p, q, e := string(productsYAML), string(questionsYAML), string(examplesYAML)
			target := map[string]*string{"products": &p, "questions": &q, "examples": &e}[c.file]
			if !strings.Contains(*target, c.from) {
				t.Fatalf("test setup: %q not in %s.yaml", c.from, c.file)
			}
			*target = strings.Replace(*target, c.from, c.to, 1)
			_, err := Parse([]byte(p), []byte(q), []byte(e))
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Fatalf("err = %v, want it to contain %q", err, c.wantErr)
			}
		})
	}
}
