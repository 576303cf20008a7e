package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/storewise/storewise/rules"
)

// Cloudflare's storage map of 2026 (shared/design/advisor.md): each route and judgement,
// as the batch command's JSON shows it to a user. Each case is an answers file; the checks
// read the recommendation a user would read.
func TestStorageMapOf2026(t *testing.T) {
	kv := "consistency: eventual\nstaleness_seconds: 300\ndata_shape: key-value\nreads_per_month: 300M\nwrites_per_month: 3000\n"
	for _, c := range []struct {
		name, answers string
		primary       string
		check         func(t *testing.T, r *rules.Recommendation)
	}{
		// --- routes: the kind of data or work names its product, still explained ---
		{"embeddings go to Vectorize, with their documents in D1", "data_shape: vectors\nvalue_bytes: 3KB\ndataset_gb: 3\nreads_per_month: 1M\nwrites_per_month: 100k\n", "vectorize",
			func(t *testing.T, r *rules.Recommendation) {
				routed(t, r)
				pattern(t, r, "vectorize", "d1")
			}},
		{"events and metrics go to Analytics Engine", "data_shape: time-series\nreads_per_month: 10k\nwrites_per_month: 50M\n", "analytics-engine",
			func(t *testing.T, r *rules.Recommendation) { routed(t, r) }},
		{"a few events a month stay in a D1 table", "data_shape: time-series\nreads_per_month: 1000\nwrites_per_month: 20000\n", "d1",
			func(t *testing.T, r *rules.Recommendation) {
				if r.RunnerUp != "analytics-engine" {
					t.Errorf("runner-up %q, want analytics-engine, the product for larger volumes", r.RunnerUp)
				}
			}},
		{"messages go to Queues, beside the store the consumer writes", "data_shape: messages\nreads_per_month: 5M\nwrites_per_month: 5M\n", "queues",
			func(t *testing.T, r *rules.Recommendation) {
				routed(t, r)
				pattern(t, r, "queues", r.RunnerUp)
			}},
		{"a multi-step process goes to Workflows", "data_shape: workflow\nreads_per_month: 100k\nwrites_per_month: 100k\n", "workflows",
			func(t *testing.T, r *rules.Recommendation) { routed(t, r) }},
		{"whole responses go to Workers Cache, KV stays the data cache", kv + "role: response-cache\n", "workers-cache",
			func(t *testing.T, r *rules.Recommendation) {
				routed(t, r)
				pattern(t, r, "workers-cache", "kv")
				if r.Pattern.Cost == nil || r.Pattern.Cost.HitRatio == nil || *r.Pattern.Cost.HitRatio != 0.9 || !strings.Contains(strings.Join(r.Pattern.Cost.Lines, " "), "hit ratio 90%") {
					t.Errorf("the cache's hit ratio is not assumed and shown: %+v", r.Pattern.Cost)
				}
			}},
		{"values read by key inside the Worker stay in KV", kv + "role: data-cache\n", "kv",
			func(t *testing.T, r *rules.Recommendation) {
				if has(r, "workers-cache") {
					t.Errorf("Workers Cache ranked for a data cache read by key: %v", products(r))
				}
			}},
		{"a key-value workload is not shown the routed products", kv, "kv",
			func(t *testing.T, r *rules.Recommendation) {
				for _, p := range []string{"vectorize", "queues", "workflows", "analytics-engine", "workers-cache", "kv-instant"} {
					if has(r, p) {
						t.Errorf("%s in the ranking of a key-value workload: %v", p, products(r))
					}
				}
				for _, f := range r.Flips {
					if f.Field == "data_shape" && slices.Contains([]string{"vectors", "time-series", "messages", "workflow"}, f.To) {
						t.Errorf("a flip offers a routed kind: %s", f.Text)
					}
				}
			}},

		// --- judgements ---
		{"live clients need the one product that holds connections", "consistency: strong\ndata_shape: relational\nrealtime: true\nreads_per_month: 10M\nwrites_per_month: 5M\n", "durable-objects",
			func(t *testing.T, r *rules.Recommendation) {
				c := costOf(t, r, "durable-objects")
				if !strings.Contains(strings.Join(c.Lines, " "), "WebSocket messages, 20 to a request") {
					t.Errorf("Durable Objects' cost does not count WebSocket messages 20:1: %v", c.Lines)
				}
			}},
		{"starting fresh counts for Durable Objects as for D1", "consistency: coordination\ndata_shape: per-entity\n", "durable-objects",
			func(t *testing.T, r *rules.Recommendation) {
				if do, d1 := entryOf(t, r, "durable-objects").Points["existing_infrastructure"], entryOf(t, r, "d1").Points["existing_infrastructure"]; do != d1 {
					t.Errorf("starting fresh: Durable Objects %d, D1 %d points", do, d1)
				}
			}},
		{"a ceiling below KV's floor rules KV out, KV Instant considered", "consistency: eventual\nstaleness_seconds: 30\ndata_shape: key-value\nvalue_bytes: 200\nmax_value_bytes: 1KB\ndataset_gb: 0.0005\nreads_per_month: 100M\nwrites_per_month: 1000\nhot_key_writes_per_second: 0.01\n", "kv-instant",
			func(t *testing.T, r *rules.Recommendation) {
				if e := entryOf(t, r, "kv"); !e.Eliminated {
					t.Errorf("classic KV stands with a 30 s ceiling: %+v", e)
				}
				if !strings.Contains(strings.Join(r.Warnings, " "), "private beta") || !strings.Contains(entryOf(t, r, "kv-instant").Name, "private beta") {
					t.Errorf("KV Instant is not said to be in private beta: %q", r.Warnings)
				}
			}},
		{"a ceiling below KV's floor with a namespace too large for KV Instant", "consistency: eventual\nstaleness_seconds: 30\ndata_shape: key-value\ndataset_gb: 2\nreads_per_month: 100M\nwrites_per_month: 1000\n", "d1",
			func(t *testing.T, r *rules.Recommendation) {
				if !entryOf(t, r, "kv").Eliminated || !entryOf(t, r, "kv-instant").Eliminated {
					t.Errorf("KV or KV Instant stands: %v", products(r))
				}
			}},
		{"Hyperdrive is no pick without a database", "consistency: strong\ndata_shape: relational\ndataset_gb: 5\n", "d1",
			func(t *testing.T, r *rules.Recommendation) {
				if e := entryOf(t, r, "hyperdrive"); !e.Eliminated || !strings.Contains(e.Reasons[0].Text, "no PostgreSQL or MySQL database") {
					t.Errorf("Hyperdrive without a database: %+v", e)
				}
			}},
		{"one relational database too large for D1 that cannot be split: Hyperdrive, and a database to run", "consistency: strong\ndata_shape: relational\ndataset_gb: 50\n", "hyperdrive",
			func(t *testing.T, r *rules.Recommendation) {
				if !strings.Contains(strings.Join(r.Warnings, " "), "a PostgreSQL or MySQL database has to be run somewhere") {
					t.Errorf("no warning that a database must be run: %q", r.Warnings)
				}
			}},
		{"partitioned data lifts D1's cap", "consistency: strong\ndata_shape: relational\ndataset_gb: 50\npartitioned: true\n", "d1",
			func(t *testing.T, r *rules.Recommendation) {
				if entryOf(t, r, "d1").Eliminated || strings.Contains(strings.Join(r.Warnings, " "), "close to D1's limit") {
					t.Errorf("D1 out, or warned about its cap, for data split per tenant: %q", r.Warnings)
				}
			}},
		{"partitioned entities favour a Durable Object each", "consistency: strong\ndata_shape: per-entity\ndataset_gb: 50\npartitioned: true\n", "durable-objects", nil},
		{"blobs go to R2, strongly consistent per object", "consistency: strong\ndata_shape: objects\nvalue_bytes: 5MB\nmax_value_bytes: 50MB\ndataset_gb: 500\n", "r2",
			func(t *testing.T, r *rules.Recommendation) {
				if pts := entryOf(t, r, "r2").Points["consistency"]; pts < 25 {
					t.Errorf("R2 scores %d of 30 on strong consistency; it is strongly consistent per object", pts)
				}
			}},
		{"tiny volumes carry no write-ratio signal", "consistency: read-your-writes\ndata_shape: key-value\nreads_per_month: 1000\nwrites_per_month: 900\n", "d1",
			func(t *testing.T, r *rules.Recommendation) {
				for _, e := range r.Ranking {
					if e.Points["write_ratio"] != 0 {
						t.Errorf("%s has %d write-ratio points on 1,900 operations a month", e.Product, e.Points["write_ratio"])
					}
				}
			}},
		{"values over 2 MB with coordination: Durable Objects, blobs in R2", "consistency: coordination\ndata_shape: objects\nvalue_bytes: 5MB\nmax_value_bytes: 50MB\nhot_key_writes_per_second: 5000\n", "durable-objects",
			func(t *testing.T, r *rules.Recommendation) { pattern(t, r, "durable-objects", "r2") }},
		{"nothing fits well: said, with the combination that would", "consistency: coordination\ndata_shape: relational\ndataset_gb: 50\nhot_key_writes_per_second: 2000\ntransactions: multi-row\n", "hyperdrive",
			func(t *testing.T, r *rules.Recommendation) {
				if w := strings.Join(r.Warnings, " "); !strings.Contains(w, "Nothing fits these answers well") || !strings.Contains(w, "Combine Hyperdrive and Durable Objects") {
					t.Errorf("no poor-fit warning naming the combination: %q", r.Warnings)
				}
			}},
		{"residency rules out what cannot be placed there", "data_shape: vectors\nresidency: eu\nvalue_bytes: 3KB\n", "d1",
			func(t *testing.T, r *rules.Recommendation) {
				if e := entryOf(t, r, "vectorize"); !e.Eliminated || !strings.Contains(e.Reasons[0].Text, "eu jurisdiction") {
					t.Errorf("Vectorize in the EU: %+v", e)
				}
			}},
		{"FedRAMP leaves D1 out", "consistency: strong\ndata_shape: relational\nresidency: fedramp\n", "durable-objects",
			func(t *testing.T, r *rules.Recommendation) {
				if !entryOf(t, r, "d1").Eliminated {
					t.Errorf("D1 stands under FedRAMP")
				}
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			file := filepath.Join(t.TempDir(), "answers.yaml")
			if err := os.WriteFile(file, []byte("version: 1\n"+c.answers), 0o644); err != nil {
				t.Fatal(err)
			}
			r := recommend(t, file)
			if r.Primary != c.primary {
				t.Fatalf("primary %q, want %q; ranking %v", r.Primary, c.primary, products(r))
			}
			if c.check != nil {
				c.check(t, r)
			}
		})
	}
}

// The verdict never says "use KV" and "keep these reads off KV" together, and a product of
// the advised pattern is never called eliminated without "as the store of record".
func TestVerdictNeverContradictsItself(t *testing.T) {
	for _, file := range []string{"testdata/read-through.yaml", "testdata/feature-flags.yaml"} {
		for _, format := range []string{"text", "json", "markdown"} {
			code, out, errs := advisor(t, "--answers", file, "--format", format)
			if code != 0 {
				t.Fatalf("%s: %s", file, errs)
			}
			if strings.Contains(out, "Use Workers KV") && strings.Contains(out, "off KV") {
				t.Errorf("%s (%s) says use KV and keep reads off it", file, format)
			}
		}
		r := recommend(t, file)
		if r.Pattern == nil {
			continue
		}
		for _, p := range r.Pattern.Products {
			if e := entryOf(t, r, p); e.Eliminated {
				for _, reason := range e.Reasons {
					if !strings.HasPrefix(reason.Text, "As the store of record") {
						t.Errorf("%s: %s, part of the %s, eliminated without 'as the store of record': %s", file, p, r.Pattern.Name, reason.Text)
					}
				}
			}
		}
	}
}

func routed(t *testing.T, r *rules.Recommendation) {
	t.Helper()
	e := entryOf(t, r, r.Primary)
	if len(e.Reasons) == 0 || e.Reasons[0].Dimension != "route" || !strings.HasPrefix(e.Reasons[0].Source, "https://") {
		t.Errorf("the routed pick is not explained by its route with a public source: %+v", e.Reasons)
	}
	if r.RunnerUp == "" {
		t.Errorf("no nearest alternative to the routed pick")
	}
	if len(r.Flips) == 0 {
		t.Errorf("nothing says what would change the routed pick")
	}
	costOf(t, r, r.Primary)
}

func pattern(t *testing.T, r *rules.Recommendation, want ...string) {
	t.Helper()
	if r.Pattern == nil || !slices.Equal(r.Pattern.Products, want) {
		t.Fatalf("pattern %+v, want %v", r.Pattern, want)
	}
	if r.Pattern.Cost == nil || len(r.Pattern.Cost.Products) != len(want) {
		t.Errorf("the pattern's products are not costed together: %+v", r.Pattern.Cost)
	}
}

func has(r *rules.Recommendation, p string) bool { return slices.Contains(products(r), p) }

func products(r *rules.Recommendation) []string {
	var out []string
	for _, e := range r.Ranking {
		out = append(out, e.Product)
	}
	return out
}

func entryOf(t *testing.T, r *rules.Recommendation, id string) rules.Ranked {
	t.Helper()
	for _, e := range r.Ranking {
		if e.Product == id {
			return e
		}
	}
	t.Fatalf("%s is not in the ranking %v", id, products(r))
	return rules.Ranked{}
}

func costOf(t *testing.T, r *rules.Recommendation, id string) rules.Cost {
	t.Helper()
	for _, c := range r.Cost {
		if c.Product == id {
			return c
		}
	}
	t.Fatalf("no cost for %s", id)
	return rules.Cost{}
}

// The interview asks the new questions only where they matter: a key-value workload hears
// what its store holds (a record, a data cache, whole responses) and nothing of parts split
// per tenant; embeddings hear neither.
func TestInterviewAsksTheNewQuestionsWhereTheyMatter(t *testing.T) {
	_, errs, code := runAdvisor(t, strings.Join(featureFlagLines, "\n")+"\n", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, "What does this store hold?") || !strings.Contains(errs, "Where must the data stay?") {
		t.Errorf("a key-value workload is not asked its role and residency:\n%s", errs)
	}
	if strings.Contains(errs, "independent parts") {
		t.Errorf("a key-value workload is asked whether it splits per tenant:\n%s", errs)
	}
	// Embeddings: the fifth kind; the role question does not follow.
	lines := []string{"search", "1", "300", "5"}
	_, errs, code = runAdvisor(t, strings.Join(lines, "\n")+"\n", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if strings.Contains(errs, "What does this store hold?") || strings.Contains(errs, "independent parts") {
		t.Errorf("embeddings are asked a key-value or a relational question:\n%s", errs)
	}
}
