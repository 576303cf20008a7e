package rules

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/storewise/storewise/matrix"
)

// Numbers past the answers' bounds (refused by answers.Parse; a program may still set
// them) never crash the evaluation (1e308 did, in OPA's term building), and a huge cost is
// a huge one, never wrapped round to the cheapest.
func TestAbsurdNumbersNeitherCrashNorRankCheapest(t *testing.T) {
	ctx := context.Background()
	e, err := New(ctx, matrix.MustLoad(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	a := parse(t, "")
	a.ReadsPerMonth = 1e308 // some costs are +Inf: an error, not a panic
	if _, err := e.Evaluate(ctx, a, nil); err != nil && !strings.Contains(err.Error(), "+Inf is not a number the policy can read") {
		t.Errorf("1e308 reads a month: %v", err)
	}
	// 1e24 reads cost KV and R2 more cents than an int64 holds, D1 (a thousandth of a
	// dollar per million rows) less: KV is far dearer, never "the least of the options".
	a = parse(t, "")
	a.ReadsPerMonth = 1e24
	r, err := e.Decide(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range r.Ranking {
		for _, x := range append(p.Reasons, p.Scored...) {
			if x.Dimension == "cost" && (p.Product == "kv" || p.Product == "r2") && strings.Contains(x.Text, "the least of the options") {
				t.Errorf("%s at %v a month is ranked cheapest: %q", p.Product, costOf(r, p.Product), x.Text)
			}
		}
	}
}

func costOf(r *Recommendation, product string) float64 {
	for _, c := range r.Cost {
		if c.Product == product {
			return c.MonthlyUSD
		}
	}
	return 0
}

// A user policy's points are bounded; beyond, the error names the rule's file and line.
func TestUserPointsOutOfRangeNameTheRule(t *testing.T) {
	ctx := context.Background()
	src := "package storewise.user\n\npoints contains {\"product\": \"d1\", \"points\": 1e20, \"text\": \"huge\"}\n"
	e, err := New(ctx, matrix.MustLoad(), Options{PolicyDir: writePolicy(t, "pts.rego", src)})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Decide(ctx, parse(t, ""))
	var pe *PolicyError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "pts.rego:3: storewise.user.points: entry for \"d1\": points 1e20 is outside -1000..1000") {
		t.Errorf("err = %v", err)
	}
}

// eliminate, points and warnings are sets: a rule that defines one as a single value, an
// object of entries or a function is refused at its own line (it was read as nothing, or
// failed in the built-in policy's files), and so is an entry that is not an object.
func TestUserOutputsMustBeSets(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct{ name, src, want string }{
		{"a single value", "points := {\"product\": \"d1\", \"points\": 5, \"text\": \"x\"}\n", "u.rego:3: points must be a set of entries, each added with `points contains {...} if {...}`; this rule defines it as a single value"},
		{"an object", "eliminate[\"kv\"] := {\"product\": \"kv\", \"text\": \"x\"}\n", "u.rego:3: eliminate must be a set of entries"},
		{"a function", "warnings(x) := x\n", "u.rego:3: warnings must be a set"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := New(ctx, matrix.MustLoad(), Options{PolicyDir: writePolicy(t, "u.rego", "package storewise.user\n\n"+c.src)})
			var pe *PolicyError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), c.want) || strings.Contains(err.Error(), "policy/") {
				t.Errorf("err = %v, want %q (and no built-in file)", err, c.want)
			}
		})
	}
	t.Run("an entry that is not an object", func(t *testing.T) {
		_, err := New(ctx, matrix.MustLoad(), Options{PolicyDir: writePolicy(t, "u.rego", "package storewise.user\n\neliminate contains \"kv\"\n")})
		var pe *PolicyError
		if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), "policy: /") || !strings.Contains(err.Error(), "u.rego:3: what this policy defines does not fit the built-in policy: rego_type_error: undefined ref: e.product") {
			t.Errorf("err = %v", err)
		}
	})
}

// A what-if value whose evaluation fails (here a user policy dividing by zero past 500M
// reads) is left out of the search for flips with a warning naming it; the run goes on.
func TestAFailingWhatIfIsSkippedWithAWarning(t *testing.T) {
	ctx := context.Background()
	src := "package storewise.user\n\nwarnings contains sprintf(\"%v\", [x]) if {\n\tinput.answers.reads_per_month > 500000000\n\tx := 1 / (input.answers.writes_per_month - input.answers.writes_per_month)\n}\n"
	e, err := New(ctx, matrix.MustLoad(), Options{PolicyDir: writePolicy(t, "div.rego", src)})
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Evaluate(ctx, parse(t, profilesCache+"dataset_gb: 20\n"), nil)
	if err != nil {
		t.Fatalf("the run failed: %v", err)
	}
	w := strings.Join(r.Warnings, "\n")
	if !strings.Contains(w, "What would change the answer: reads_per_month = ") || !strings.Contains(w, "was not tried, its evaluation failed") || !strings.Contains(w, "div.rego:5") {
		t.Errorf("warnings %q: want the reads_per_month value that failed, and where", r.Warnings)
	}
	if len(r.Flips) == 0 {
		t.Error("no flips at all: the other fields' search stopped too")
	}
}
