package rules

import (
	"context"
	"strings"
	"testing"

	"github.com/storewise/storewise/answers"
)

// The scanned code informs the recommendation: kvlint's findings that need stronger
// consistency than answered add a warning naming them and the pick they would give.
func TestFindingsFoldIntoWarnings(t *testing.T) {
	engine := engine(t)
	rmw := Finding{Analyzer: "kvrmw", File: "a.go", Line: 3}
	exists := Finding{Analyzer: "kvexists", File: "b.go", Line: 9}
	writeRead := Finding{Analyzer: "kvwriteread", File: "c.go", Line: 5}
	for _, tc := range []struct {
		name        string
		consistency string
		findings    []Finding
		want        []string // in the warning; none: no warning
	}{
		{"read back after a write needs read-your-writes", "eventual", []Finding{writeRead},
			[]string{"1 read after write (kvwriteread, first at c.go:5)", "With consistency: read-your-writes, the pick would be D1."}},
		{"counters outweigh reads after writes", "eventual", []Finding{writeRead, rmw, rmw},
			[]string{"2 read-modify-writes (kvrmw, first at a.go:3)", "With consistency: coordination"}},
		{"strong is still short of coordination", "strong", []Finding{exists},
			[]string{"contradicts consistency: strong", "1 existence check (kvexists, first at b.go:9)"}},
		{"coordination answered: nothing to say", "coordination", []Finding{rmw, exists, writeRead}, nil},
		{"read-your-writes answered covers reads after writes", "read-your-writes", []Finding{writeRead}, nil},
		{"other analyzers say nothing about consistency", "eventual", []Finding{{Analyzer: "kvlint", File: "d.go", Line: 1}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := answers.Defaults()
			if err := a.Set("consistency", tc.consistency); err != nil {
				t.Fatal(err)
			}
			// A ceiling classic KV can meet (the default 60 s rules it out).
			if err := a.Set("staleness_seconds", 300.0); err != nil {
				t.Fatal(err)
			}
			plain, err := engine.Evaluate(context.Background(), a, nil)
			if err != nil {
				t.Fatal(err)
			}
			rec, err := engine.Evaluate(context.Background(), a, tc.findings)
			if err != nil {
				t.Fatal(err)
			}
			if a.Consistency != tc.consistency {
				t.Fatalf("the findings changed the answers: consistency %q", a.Consistency)
			}
			if rec.Primary != plain.Primary {
				t.Errorf("the findings changed the pick from %s to %s; the user decides which is wrong", plain.Primary, rec.Primary)
			}
			added := rec.Warnings[len(plain.Warnings):]
			if tc.want == nil {
				if len(added) > 0 {
					t.Errorf("unexpected warning: %q", added)
				}
				return
			}
			if len(added) != 1 {
				t.Fatalf("%d warnings added, want 1: %q", len(added), added)
			}
			for _, s := range tc.want {
				if !strings.Contains(added[0], s) {
					t.Errorf("warning %q lacks %q", added[0], s)
				}
			}
		})
	}
}
