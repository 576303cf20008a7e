package rules

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"math"
	"slices"
	"sync"
	"testing"

	"github.com/storewise/storewise/answers"
	"github.com/storewise/storewise/matrix"
)

var fuzzEngine = sync.OnceValues(func() (*Engine, error) {
	return New(context.Background(), matrix.MustLoad(), Options{})
})

// fuzzAnswers makes answers an answers file could hold from arbitrary bytes: each question
// in turn takes bytes for its value (an enum's option, a boolean, a number from zero to its
// bound across every order of magnitude), so new questions are fuzzed without a change here.
func fuzzAnswers(data []byte) *answers.Answers {
	next := func(n int) []byte {
		out := make([]byte, n)
		copy(out, data)
		data = data[min(n, len(data)):]
		return out
	}
	a := &answers.Answers{Version: answers.Version}
	for _, q := range matrix.MustLoad().Questions {
		b := next(1)[0]
		if b&0x80 != 0 {
			continue // not given: the default
		}
		switch q.Type {
		case matrix.TypeEnum:
			opts := q.OptionValues()
			_ = a.Set(q.Field, opts[int(b)%len(opts)])
		case matrix.TypeBool:
			_ = a.Set(q.Field, b&1 == 1)
		case matrix.TypeNumber:
			hi := 1e18
			if q.Max != nil {
				hi = *q.Max
			}
			frac := float64(binary.LittleEndian.Uint64(next(8))>>11) / (1 << 53)
			v := 0.0
			if b&0x40 == 0 { // a number of any magnitude up to the bound
				v = frac * math.Pow(10, float64(int(b&0x3f)%(int(math.Log10(hi))+4)-3))
			} else if b&0x20 == 0 { // a whole number
				v = math.Floor(frac * 1000)
			}
			_ = a.Set(q.Field, min(v, hi))
		}
	}
	if a.Given["max_value_bytes"] && a.Given["value_bytes"] && a.MaxValueBytes < a.ValueBytes {
		a.MaxValueBytes, a.ValueBytes = a.ValueBytes, a.MaxValueBytes
	}
	a.Complete()
	return a
}

// FuzzDecide: any answers an answers file can hold give a recommendation, never an error
// or a crash: a ranking, each product once, whose first standing product is the pick, finite
// costs, flips that each change the pick, and JSON that encodes.
func FuzzDecide(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31})
	f.Add(slices.Repeat([]byte{0x3f}, 120))
	f.Add(slices.Repeat([]byte{0x7f}, 120))
	f.Add(slices.Repeat([]byte{0x41, 0x20}, 60))
	f.Add(slices.Repeat([]byte{0xff}, 120))
	e, err := fuzzEngine()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a := fuzzAnswers(data)
		r, err := e.Evaluate(context.Background(), a, nil)
		if err != nil {
			y, _ := json.Marshal(a)
			t.Fatalf("answers %s: %v", y, err)
		}
		if len(r.Ranking) == 0 {
			t.Fatal("nothing ranked")
		}
		first, seen := "", map[string]bool{}
		for _, p := range r.Ranking {
			if seen[p.Product] {
				t.Fatalf("%s ranked twice", p.Product)
			}
			seen[p.Product] = true
			if !p.Eliminated && first == "" {
				first = p.Product
			}
		}
		if r.Primary != first {
			t.Fatalf("primary %q, first standing %q", r.Primary, first)
		}
		for _, c := range r.Cost {
			if math.IsNaN(c.MonthlyUSD) || math.IsInf(c.MonthlyUSD, 0) || c.MonthlyUSD < 0 {
				t.Fatalf("%s costs %v", c.Product, c.MonthlyUSD)
			}
		}
		for _, fl := range r.Flips {
			if fl.Primary == r.Primary {
				t.Fatalf("flip %q does not change the pick", fl.Text)
			}
		}
		if _, err := json.Marshal(r); err != nil {
			t.Fatal(err)
		}
	})
}
