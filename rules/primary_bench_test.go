package rules

import (
	"context"
	"testing"

	"github.com/storewise/storewise/matrix"
)

// BenchmarkPrimary is one evaluation of the pick alone, the query the flip search asks: the
// policy's cases and sums, no sentence.
func BenchmarkPrimary(b *testing.B) {
	ctx := context.Background()
	e, err := New(ctx, matrix.MustLoad(), Options{})
	if err != nil {
		b.Fatal(err)
	}
	a := benchAnswers(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.primary(ctx, a); err != nil {
			b.Fatal(err)
		}
	}
}
