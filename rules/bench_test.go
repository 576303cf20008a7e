package rules

import (
	"context"
	"testing"

	"github.com/storewise/storewise/answers"
	"github.com/storewise/storewise/matrix"
)

func benchAnswers(b testing.TB) *answers.Answers {
	a, err := answers.Parse("bench.yaml", []byte("version: 1\nconsistency: read-your-writes\ndata_shape: relational\nstaleness_seconds: 300\nreads_per_month: 200M\nwrites_per_month: 2M\n"))
	if err != nil {
		b.Fatal(err)
	}
	return a
}

// benchEngine compiles the built-in policy for a benchmark and reports allocations.
func benchEngine(b *testing.B) (context.Context, *Engine, *answers.Answers) {
	ctx := context.Background()
	e, err := New(ctx, matrix.MustLoad(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	return ctx, e, benchAnswers(b)
}

// BenchmarkDecide is one whole decision (budget: 200 µs): the costs and the input, the two
// prepared evaluations (the cases, then the advice on the pick), the ranking, and every
// sentence of the result.
func BenchmarkDecide(b *testing.B) {
	ctx, e, a := benchEngine(b)
	for b.Loop() {
		if _, err := e.Decide(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPreparedEvaluation is each prepared query alone, on an input built beforehand:
// the cases (what the pick needs) and the advice on the pick (pattern, TTLs, warnings).
func BenchmarkPreparedEvaluation(b *testing.B) {
	ctx, e, a := benchEngine(b)
	d, in, err := e.input(a, Costs(e.m, a))
	if err != nil {
		b.Fatal(err)
	}
	p, err := e.pick(ctx, in)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("cases", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := e.eval(ctx, e.cases, in); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("advice", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := e.advise(ctx, a, d, in, p); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkEvaluate adds the search for answers that flip the pick (dozens of picks).
func BenchmarkEvaluate(b *testing.B) {
	ctx, e, a := benchEngine(b)
	for b.Loop() {
		if _, err := e.Evaluate(ctx, a, nil); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPrimary is the pick alone, what the flip search asks: the costs and the input,
// one prepared evaluation (the cases) and Go's ranking, no sentence.
func BenchmarkPrimary(b *testing.B) {
	ctx, e, a := benchEngine(b)
	for b.Loop() {
		if _, err := e.primary(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkNew is the one-time compilation of the policy.
func BenchmarkNew(b *testing.B) {
	for b.Loop() {
		if _, err := New(context.Background(), matrix.MustLoad(), Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
