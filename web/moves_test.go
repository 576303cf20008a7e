package web

import (
	"strings"
	"testing"

	"github.com/storewise/storewise/rules"
)

func rec(primary string, ranked ...rules.Ranked) *rules.Recommendation {
	return &rules.Recommendation{Primary: primary, Ranking: ranked}
}

func TestMoves(t *testing.T) {
	kv := func(score int, out bool) rules.Ranked {
		r := rules.Ranked{Product: "kv", Name: "Workers KV", Score: score, Eliminated: out}
		if out {
			r.Reasons = []rules.Reason{{Text: "KV cannot guarantee read-your-writes."}}
		}
		return r
	}
	d1 := func(score int) rules.Ranked { return rules.Ranked{Product: "d1", Name: "D1", Score: score} }
	do := func(score int) rules.Ranked {
		return rules.Ranked{Product: "durable-objects", Name: "Durable Objects", Score: score}
	}
	tests := []struct {
		name      string
		prev, cur *rules.Recommendation
		limit     int
		want      string
	}{
		{"nothing moved", rec("kv", kv(80, false), d1(50)), rec("kv", kv(80, false), d1(50)), 0, ""},
		{"a new pick comes first, then eliminations",
			rec("kv", kv(80, false), d1(50), do(20)), rec("d1", d1(60), do(25), kv(0, true)), 0,
			"New pick: D1 (was Workers KV).|Workers KV eliminated: KV cannot guarantee read-your-writes.|D1 +10 (50 → 60).|Durable Objects +5 (20 → 25)."},
		{"largest change first, cut at the limit",
			rec("kv", kv(80, false), d1(50), do(20)), rec("kv", kv(78, false), d1(70), do(10)), 2,
			"D1 +20 (50 → 70).|Durable Objects -10 (20 → 10)."},
		{"back in the running", rec("d1", d1(60), kv(0, true)), rec("kv", kv(86, false), d1(51)), 0,
			"New pick: Workers KV (was D1).|Workers KV back in the running (86).|D1 -9 (60 → 51)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Join(Moves(tt.prev, tt.cur, tt.limit), "|"); got != tt.want {
				t.Errorf("Moves:\n got %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestRankingLine(t *testing.T) {
	r := rec("d1", rules.Ranked{Name: "D1", Score: 60}, rules.Ranked{Name: "Workers KV", Eliminated: true})
	if got, want := RankingLine(r), "D1 60; eliminated: Workers KV"; got != want {
		t.Errorf("RankingLine = %q, want %q", got, want)
	}
}
