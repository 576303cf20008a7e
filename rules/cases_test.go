package rules

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/storewise/storewise/matrix"
)

// Every case in policy/cases.yaml is one the policy can decide: a sweep of varied answers
// reaches each score case, elimination, cost band, pattern, TTL answer and warning, so no
// sentence is dead text and no rule's key is missing (readCases refuses unknown keys).
func TestEveryCaseIsReachable(t *testing.T) {
	ctx := context.Background()
	e := engine(t)
	seen := map[string]bool{}
	rng := rand.New(rand.NewPCG(1, 2))
	pick := func(vs ...string) string { return vs[rng.IntN(len(vs))] }
	fixed := []string{
		// KV as the store with a ceiling below what it can promise.
		"consistency: eventual\ndata_shape: key-value\nstaleness_seconds: 10\nreads_per_month: 300M\nwrites_per_month: 3000\n",
		// KV Instant (private beta) where classic KV is too slow: a small, quiet namespace.
		"consistency: eventual\ndata_shape: key-value\nstaleness_seconds: 5\ndataset_gb: 0.0005\nreads_per_month: 300M\nwrites_per_month: 3000\nhot_key_writes_per_second: 0.01\n",
		// Whole responses in Workers Cache, KV the data cache behind.
		"consistency: eventual\ndata_shape: key-value\nrole: response-cache\nstaleness_seconds: 300\nreads_per_month: 300M\nwrites_per_month: 3000\n",
		// Global readers of consistent, read-heavy data too fresh for a cache: D1's replicas.
		"consistency: read-your-writes\ndata_shape: relational\nstaleness_seconds: 60\nusers: global\nreads_per_month: 300M\nwrites_per_month: 1M\n",
		// A database kept for new features beside D1.
		"consistency: read-your-writes\ndata_shape: relational\nexisting_database: postgres\nusers: one-region\ntransactions: multi-row\n",
	}
	for i := range 600 + len(fixed) {
		src := ""
		if i < len(fixed) {
			src = fixed[i]
		} else {
			src = fmt.Sprintf("consistency: %s\ndata_shape: %s\nstaleness_seconds: %s\nvalue_bytes: %s\nmax_value_bytes: %s\ndataset_gb: %s\nreads_per_month: %s\nwrites_per_month: %s\nhot_key_writes_per_second: %s\nexisting_database: %s\nusers: %s\ntransactions: %s\nrealtime: %s\nresidency: %s\n",
				pick("eventual", "read-your-writes", "strong", "coordination"), pick("key-value", "relational", "per-entity", "objects", "vectors", "time-series", "messages", "workflow"),
				pick("10", "120", "300", "86400"), pick("1024", "200000"), pick("300000", "3000000", "30000000"),
				pick("1", "9", "20"), pick("10000", "1000000", "300000000"), pick("10", "1000000", "300000000"),
				pick("0.1", "2", "400", "600", "1200"), pick("none", "postgres"), pick("global", "one-region"),
				pick("none", "single-entity", "multi-row"), pick("true", "false"), pick("none", "none", "eu", "us", "fedramp"))
		}
		if i >= len(fixed) && strings.Contains(src, "data_shape: key-value") {
			src += fmt.Sprintf("role: %s\n", pick("record", "data-cache", "response-cache"))
		}
		if i >= len(fixed) && (strings.Contains(src, "data_shape: relational") || strings.Contains(src, "data_shape: per-entity")) {
			src += fmt.Sprintf("partitioned: %s\n", pick("true", "false"))
		}
		if strings.Contains(src, "existing_database: postgres") {
			src += fmt.Sprintf("shared_database: %s\nneeds_database_features: %s\n", pick("true", "false"), pick("true", "false"))
		}
		a := parse(t, strings.Replace(src, "value_bytes: 200000\nmax_value_bytes: 300000\n", "value_bytes: 200000\nmax_value_bytes: 3000000\n", 1))
		d, in, err := e.input(a, Costs(e.m, a))
		if err != nil {
			t.Fatal(err)
		}
		p, err := e.pick(ctx, in)
		if err != nil {
			t.Fatalf("%v\n%s", err, src)
		}
		adv, err := e.advise(ctx, a, d, in, p)
		if err != nil {
			t.Fatalf("%v\n%s", err, src)
		}
		for _, c := range p.cases {
			seen["score."+c] = true
		}
		for _, band := range p.cost {
			seen["cost."+band] = true
		}
		for prod, cs := range p.out {
			for _, c := range cs {
				seen["eliminate."+prod+"."+c] = true
			}
		}
		if adv.pattern != nil {
			seen["patterns."+adv.pattern.key] = true
		}
		if adv.ttl != nil {
			seen["ttl.text."+adv.ttl.role] = true
			seen["ttl.miss."+adv.ttl.miss] = true
			seen["ttl.stale."+adv.ttl.stale] = true
		}
		for _, w := range adv.warnings {
			seen["warnings."+w] = true
		}
	}
	var want []string
	for c := range e.book.score {
		want = append(want, "score."+c)
	}
	for band := range e.book.cost {
		want = append(want, "cost."+band)
	}
	for prod, cs := range e.book.eliminate {
		for c := range cs {
			want = append(want, "eliminate."+prod+"."+c)
		}
	}
	for k := range e.book.patterns {
		want = append(want, "patterns."+k)
	}
	for role := range e.book.ttlText {
		want = append(want, "ttl.text."+role)
	}
	for k := range e.book.steps[1].answers {
		want = append(want, "ttl.miss."+k)
	}
	for k := range e.book.steps[3].answers {
		want = append(want, "ttl.stale."+k)
	}
	for k := range e.book.warnings {
		want = append(want, "warnings."+k)
	}
	for _, k := range want {
		if !seen[k] {
			t.Errorf("%s: no answers in the sweep reach this case (dead text, or a rule that no longer emits it)", k)
		}
	}
}

// A mistake in cases.yaml is an error at load that names the case and what is wrong.
func TestBookRefusesBadCases(t *testing.T) {
	m := matrix.MustLoad()
	_, pd, err := policyStore(m)
	if err != nil {
		t.Fatal(err)
	}
	good, err := policyFS.ReadFile("policy/cases.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := loadBook(good, m, pd); err != nil {
		t.Fatalf("the built-in cases do not load: %v", err)
	}
	for _, c := range []struct{ name, yaml, want string }{
		{"unknown product", "score:\n  x:\n    dimension: users\n    k v: [10, \"t\", book:next]\n", `score.x: unknown product "k v"`},
		{"unknown dimension", "score:\n  x:\n    dimension: speed\n    kv: [10, \"t\", book:next]\n", `score.x: dimension "speed" has no weight`},
		{"no dimension", "score:\n  x:\n    kv: [10, \"t\", book:next]\n", "score.x: a score case needs a dimension"},
		{"share out of range", "score:\n  x:\n    dimension: users\n    kv: [150, \"t\", book:next]\n", "cases.yaml:4: score.x.kv: want [share, sentence, source]"},
		{"unknown book section", "score:\n  x:\n    dimension: users\n    kv: [10, \"t\", book:nowhere]\n", `source "book:nowhere" is none of`},
		{"unknown fact", "eliminate:\n  kv:\n    x: [users, \"t\", fact:kv.speed]\n", `source "fact:kv.speed" is none of`},
		{"unknown placeholder", "warnings:\n  x: \"{colour} is wrong\"\n", "warnings.x: unknown placeholder {colour}"},
		{"unknown fact placeholder", "warnings:\n  x: \"{fact:r2.speed}\"\n", "warnings.x: {fact:r2.speed}: no such fact"},
		{"unclosed placeholder", "warnings:\n  x: \"{dataset_gb GB\"\n", "warnings.x: unclosed {"},
		{"empty sentence", "warnings:\n  x: \"\"\n", "warnings.x: the sentence is empty"},
		{"unknown section", "scores: {}\n", "field scores not found"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := loadBook([]byte(c.yaml), m, pd)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want it to say %q", err, c.want)
			}
		})
	}
}

// A case the policy decides but cases.yaml does not define is an error, not a blank.
func TestUnknownCasesAreRefused(t *testing.T) {
	e := engine(t)
	for _, doc := range []string{
		`{"score": {"consistency.sometimes"}, "cost": {}, "out": set(), "user": {"eliminate": [], "points": [], "warnings": []}}`,
		`{"score": set(), "cost": {"kv": "free"}, "out": set(), "user": {"eliminate": [], "points": [], "warnings": []}}`,
		`{"score": set(), "cost": {}, "out": {["kv", "too_blue"]}, "user": {"eliminate": [], "points": [], "warnings": []}}`,
	} {
		if _, err := e.readCases(ast.MustParseTerm(doc).Value); err == nil || !strings.Contains(err.Error(), "policy/cases.yaml does not define") {
			t.Errorf("%s: err = %v", doc, err)
		}
	}
}

// Numbers in sentences read as the policy's sprintf("%v") wrote them before Go rendered
// the sentences: whole numbers bare, fractions as Go's %v, sizes like the limits pages.
func TestNumbersReadNaturally(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{number(300), "300"},
		{number(0.1), "0.1"},
		{number(2e9), "2000000000"},
		{number(2500000.5), "2.5000005e+06"},
		{size(30000000), "28.6 MiB"},
		{size(2500), "2.5 KB"},
		{size(12), "12 bytes"},
		{duration(2592000), "30 days"},
		{duration(7200), "2 hours"},
		{duration(3600), "60 minutes"},
		{duration(45), "45 seconds"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
