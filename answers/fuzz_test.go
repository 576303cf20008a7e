package answers

import (
	"math"
	"strings"
	"testing"

	"github.com/storewise/storewise/matrix"
)

// FuzzParse: no answers file crashes the parser; one it accepts holds every field within
// its question's bounds, and written back (YAML) it reads as the same answers.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"version: 1\n",
		"version: 1\nworkload: flags\nconsistency: eventual\nreads_per_month: 300M\nwrites_per_month: 3000\nvalue_bytes: 2KB\nmax_value_bytes: 20KB\n",
		`{"version": 1, "consistency": "strong", "dataset_gb": 20, "data_shape": "relational"}`,
		"version: 1\nreads_per_month: 1e308\n",
		"version: 1\nmax_value_bytes: 50\n",
		"version: 1\nx: &a [*a]\n",
		"version: 1\nworkload: \"\\x1b[2J\"\nstaleness_seconds: 5m\n",
		"version: 1\nexisting_database: postgres\nneeds_database_features: true\n",
		"version: 1\n---\nversion: 1\n",
		"version: 1\nreads_per_month: 1,5M\nwrites_per_month: 2,000,000\n",
	} {
		f.Add([]byte(s))
	}
	m := matrix.MustLoad()
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse("f.yaml", data)
		if err != nil {
			if a != nil {
				t.Fatal("answers and an error")
			}
			if len(strings.Split(err.Error(), "\n")) > MaxErrors+1 {
				t.Fatalf("more than %d errors listed", MaxErrors)
			}
			return
		}
		for _, q := range m.Questions {
			v, _ := a.Get(q.Field)
			if n, ok := v.(float64); ok {
				if math.IsNaN(n) || math.IsInf(n, 0) || q.Min != nil && n < *q.Min || q.Max != nil && n > *q.Max {
					t.Fatalf("%s = %v is outside its bounds", q.Field, n)
				}
			}
		}
		if a.MaxValueBytes < a.ValueBytes {
			t.Fatalf("max_value_bytes %v below value_bytes %v", a.MaxValueBytes, a.ValueBytes)
		}
		back, err := Parse("back.yaml", a.YAML())
		if err != nil {
			t.Fatalf("the answers written back do not read: %v\n%s", err, a.YAML())
		}
		for _, q := range m.Questions {
			x, _ := a.Get(q.Field)
			y, _ := back.Get(q.Field)
			if x != y || a.Given[q.Field] != back.Given[q.Field] {
				t.Fatalf("%s: %v (given %v) written back reads %v (given %v)\n%s", q.Field, x, a.Given[q.Field], y, back.Given[q.Field], a.YAML())
			}
		}
	})
}

// FuzzParseQuantity: no text crashes the quantity parser; a number it reads is finite,
// and written back in short form it reads as the same number.
func FuzzParseQuantity(f *testing.F) {
	units := []string{matrix.UnitCount, matrix.UnitBytes, matrix.UnitGB, matrix.UnitSeconds, matrix.UnitPerSecond}
	for i, s := range []string{"1e6", "2M", "500k", "2,000,000", "25MiB", "100 KB", "1.5TB", "5m", "1h", "1d", "1,5M", "-3", "1e400", "0x10", "NaN", "+Inf", "1_000", "2.5e-3k"} {
		f.Add(uint8(i), s)
	}
	f.Fuzz(func(t *testing.T, u uint8, s string) {
		unit := units[int(u)%len(units)]
		v, err := ParseQuantity(unit, s)
		if err != nil {
			return
		}
		if math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("ParseQuantity(%s, %q) = %v", unit, s, v)
		}
		if v < 0 || v > 1e300 {
			return // refused by the question's bounds; FormatQuantity writes answers given
		}
		short := FormatQuantity(unit, v)
		back, err := ParseQuantity(unit, short)
		if err != nil || math.Abs(back-v) > 1e-12*math.Abs(v) {
			t.Fatalf("ParseQuantity(%s, %q) = %v, written %q, read back %v, %v", unit, s, v, short, back, err)
		}
	})
}
