package rules

import (
	"strings"
	"testing"

	"github.com/storewise/storewise/answers"
	"github.com/storewise/storewise/matrix"
)

// Each expected figure is worked out by hand from the prices in facts.md (Workers Paid,
// allowances included), so a wrong price or a slipped allowance fails here.
func TestCostsByHand(t *testing.T) {
	cases := []struct {
		name    string
		answers string
		want    map[string]float64
		line    map[string]string
	}{
		{
			name:    "read-heavy key-value",
			answers: "reads_per_month: 100M\nwrites_per_month: 3M\ndataset_gb: 5\n",
			want: map[string]float64{
				// KV: (100M-10M) × $0.50/M = 45; (3M-1M) × $5/M = 10; (5-1) GB × $0.50 = 2.
				"kv": 57,
				// D1: 100M rows read and 3M rows written are within 25B and 50M; 5 GB within 5 GB.
				"d1": 0,
				// DO: (103M-1M) × $0.15/M = 15.30; duration 103M × 0.01 s × 0.125 GB =
				// 128,750 GB-s, within 400,000; rows within; storage 5 GB within.
				"durable-objects": 15.30,
				// R2: (100M-10M) × $0.36/M = 32.40; (3M-1M) × $4.50/M = 9; 5 GB within 10.
				"r2":         41.40,
				"hyperdrive": 0,
			},
			line: map[string]string{"kv": "100,000,000 reads: 90,000,000 beyond the 10,000,000 included × $0.50 per million = $45.00"},
		},
		{
			name:    "write-heavy relational",
			answers: "data_shape: relational\nreads_per_month: 3B\nwrites_per_month: 80M\ndataset_gb: 8\n",
			want: map[string]float64{
				// KV: (3000M-10M) × 0.50/M = 1495; (80M-1M) × 5/M = 395; (8-1) × 0.50 = 3.50.
				"kv": 1893.50,
				// D1: 3B reads × 10 rows = 30B rows: (30B-25B) × $0.001/M = 5;
				// (80M-50M) × $1/M = 30; (8-5) GB × $0.75 = 2.25.
				"d1": 37.25,
				// R2: (3000M-10M) × 0.36/M = 1076.40; (80M-1M) × 4.50/M = 355.50; 8 GB within.
				"r2": 1431.90,
			},
			line: map[string]string{"d1": "30,000,000,000 rows read (10 per relational query): 5,000,000,000 beyond the 25,000,000,000 included × $0.001 per million = $5.00"},
		},
		{
			name:    "durable objects duration and storage",
			answers: "reads_per_month: 400M\nwrites_per_month: 100M\ndataset_gb: 6\n",
			want: map[string]float64{
				// Requests (500M-1M) × 0.15/M = 74.85; duration 500M × 0.01 × 0.125 = 625,000
				// GB-s, (625,000-400,000) × $12.50/M = 2.8125; rows written (100M-50M) × $1/M = 50;
				// storage (6-5) × $0.20 = 0.20.  Total 127.8625 → 127.86.
				"durable-objects": 127.86,
			},
		},
	}
	m := matrix.MustLoad()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a, err := answers.Parse("cost.yaml", []byte("version: 1\n"+c.answers))
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]Cost{}
			for _, cost := range Costs(m, a) {
				got[cost.Product] = cost
			}
			for p, want := range c.want {
				if got[p].MonthlyUSD != want {
					t.Errorf("%s: $%v a month, want $%v\n%s", p, got[p].MonthlyUSD, want, strings.Join(got[p].Lines, "\n"))
				}
			}
			for p, want := range c.line {
				if !contains(got[p].Lines, want) {
					t.Errorf("%s lines lack %q:\n%s", p, want, strings.Join(got[p].Lines, "\n"))
				}
			}
			if got["hyperdrive"].Excludes == "" {
				t.Error("Hyperdrive's cost must say it excludes the database")
			}
		})
	}
}

func contains(lines []string, s string) bool {
	for _, l := range lines {
		if l == s {
			return true
		}
	}
	return false
}

func TestMonthlyAppliesAllowance(t *testing.T) {
	pr := matrix.Price{Included: 1e6, USD: 5, Per: 1e6}
	for _, c := range []struct{ n, want float64 }{{0, 0}, {1e6, 0}, {3e6, 10}, {1.5e6, 2.5}} {
		if got := monthly(pr, c.n); got != c.want {
			t.Errorf("monthly(%v) = %v, want %v", c.n, got, c.want)
		}
	}
}
