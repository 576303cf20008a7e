package rules

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/storewise/storewise/matrix"
)

func engine(t testing.TB) *Engine {
	t.Helper()
	e, err := New(context.Background(), matrix.MustLoad(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func everyProduct(points float64) []userEntry {
	var out []userEntry
	for _, p := range matrix.ProductIDs {
		out = append(out, userEntry{product: p, text: "t", points: points})
	}
	return out
}

func TestRankTiesBreakByProductOrder(t *testing.T) {
	e := engine(t)
	p := &picked{userPoints: everyProduct(10)}
	e.rank(p)
	if !slices.Equal(p.order, matrix.ProductIDs) || p.primary != matrix.ProductIDs[0] || p.runnerUp != matrix.ProductIDs[1] {
		t.Errorf("order %v, primary %q, runner-up %q; want the canonical order", p.order, p.primary, p.runnerUp)
	}
}

func TestRankEliminatedProductsScoreZeroAndNeverLead(t *testing.T) {
	e := engine(t)
	// KV would lead on points, but a case rules it out.
	p := &picked{cases: []string{"consistency.eventual"}, out: map[string][]string{"kv": {"not_consistent"}}}
	e.rank(p)
	if p.primary == "kv" || p.scores["kv"] != 0 || !p.eliminated["kv"] || p.order[len(p.order)-1] != "kv" {
		t.Errorf("primary %q, kv score %v, order %v: an eliminated product must score 0 and rank last among equals", p.primary, p.scores["kv"], p.order)
	}
	if p.primary != "d1" {
		t.Errorf("primary %q, want d1 (50%% of consistency, first of the 50%% products in order)", p.primary)
	}
}

func TestRankNoPrimaryWhenEverythingIsEliminated(t *testing.T) {
	e := engine(t)
	p := &picked{userOut: everyProduct(0)}
	e.rank(p)
	if p.primary != "" || p.runnerUp != "" || len(p.order) != len(matrix.ProductIDs) {
		t.Errorf("primary %q, runner-up %q, order %v", p.primary, p.runnerUp, p.order)
	}
	if !slices.Equal(p.banned, matrix.ProductIDs) {
		t.Errorf("banned %v: a user policy's eliminations are bans a pattern respects", p.banned)
	}
}

func TestRankScoresNeverGoBelowZero(t *testing.T) {
	e := engine(t)
	p := &picked{userPoints: []userEntry{{product: "r2", text: "t", points: -500}}}
	e.rank(p)
	if p.scores["r2"] != 0 {
		t.Errorf("r2 scores %v, want 0", p.scores["r2"])
	}
}

// Points are the case's share of its dimension's weight, rounded: between 20% and 50%
// writes KV loses half the write-ratio weight (14), which is 7.
func TestPointsAreSharesOfTheWeights(t *testing.T) {
	e := engine(t)
	for _, c := range []struct {
		cas, product string
		want         int
	}{
		{"mixed_writes", "kv", -7},
		{"write_heavy", "kv", -14},
		{"consistency.eventual", "kv", 30},
		{"consistency.eventual", "durable-objects", 10}, // 33% of 30 = 9.9
	} {
		if got := e.book.score[c.cas].products[c.product].points; got != c.want {
			t.Errorf("%s for %s: %d points, want %d", c.cas, c.product, got, c.want)
		}
	}
	if got := e.book.cost["cheapest"].points; got != int(e.policy.Weights["cost"]) {
		t.Errorf("the cheapest band gives %d points, want the cost weight %v", got, e.policy.Weights["cost"])
	}
}

// The TTLs: the policy answers the four questions, Go does the arithmetic.
func TestTTLArithmetic(t *testing.T) {
	const flags = "consistency: eventual\ndata_shape: key-value\nreads_per_month: 300M\nwrites_per_month: 3000\n"
	ctx := context.Background()
	e := engine(t)
	for _, c := range []struct {
		name, answers   string
		role            string
		cache           int
		expiration      int // 0: none
		warnsBelowFloor bool
	}{
		{"KV as the store gets the whole budget", flags + "staleness_seconds: 300\n", "store", 240, 0, false}, // 300 s less 60 s of propagation
		// 90 s is the least classic KV can promise (below it KV is ruled out): 30 s is left.
		{"never below the minimum cacheTtl", flags + "staleness_seconds: 90\n", "store", 30, 0, false},
		{"a cache gives cacheTtl a quarter and expiration the rest, at least 60 s", "consistency: read-your-writes\ndata_shape: relational\nstaleness_seconds: 120\n", "cache", 30, 60, false},
		// A day's ceiling: cacheTtl capped at 300 s for D1 nearby, expiration the rest.
		{"capped for a nearby origin", "consistency: read-your-writes\ndata_shape: relational\nstaleness_seconds: 86400\ndataset_gb: 1\nwrites_per_month: 10\n", "cache", 300, 86400 - 60 - 300, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			r, err := e.Decide(ctx, parse(t, c.answers))
			if err != nil {
				t.Fatal(err)
			}
			if r.TTL == nil {
				t.Fatalf("no TTL guidance (primary %s)", r.Primary)
			}
			got := 0
			if r.TTL.ExpirationTTLSeconds != nil {
				got = *r.TTL.ExpirationTTLSeconds
			}
			if r.TTL.Role != c.role || r.TTL.CacheTTLSeconds != c.cache || got != c.expiration {
				t.Errorf("role %s, cacheTtl %d, expirationTtl %d; want %s, %d, %d", r.TTL.Role, r.TTL.CacheTTLSeconds, got, c.role, c.cache, c.expiration)
			}
			warned := slices.ContainsFunc(r.Warnings, func(w string) bool { return strings.HasPrefix(w, "A staleness ceiling of 10 s is below") })
			if warned != c.warnsBelowFloor {
				t.Errorf("warnings %q", r.Warnings)
			}
			if len(r.TTL.Steps) != 4 {
				t.Errorf("%d steps, want the seed's four questions", len(r.TTL.Steps))
			}
		})
	}
	t.Run("never longer than the change interval", func(t *testing.T) {
		tt := &adviceTTL{role: "store"}
		a := parse(t, "staleness_seconds: 86400\n")
		e.ttlArithmetic(tt, a, derived{ChangeIntervalSeconds: 120}, 1, 3600)
		if tt.cacheTTL != 120 || tt.hasExpiration {
			t.Errorf("cacheTtl %v (expiration %v), want 120 and none", tt.cacheTTL, tt.hasExpiration)
		}
	})
}
