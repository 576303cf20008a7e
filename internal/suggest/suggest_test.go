package suggest

import "testing"

func TestNearest(t *testing.T) {
	flags := []string{"answers", "format", "out", "scan", "policy", "policy-timeout", "width", "version", "accessible", "ask-missing"}
	enums := []string{"eventual", "read-your-writes", "strong", "coordination"}
	shapes := []string{"key-value", "relational", "per-entity", "objects"}
	for _, c := range []struct {
		name, word string
		from       []string
		want       string
	}{
		{"swapped letters", "fromat", flags, "format"},
		{"one letter missing", "awnsers", flags, "answers"},
		{"prefix", "acces", flags, "accessible"},
		{"longer word with a typo", "polcy-timeout", flags, "policy-timeout"},
		{"nothing near", "colour", flags, ""},
		{"capitalised", "Eventual", enums, "eventual"},
		{"word near its end", "eventually", enums, "eventual"},
		{"last letter missing", "key-valu", shapes, "key-value"},
		{"a different word altogether", "graph", shapes, ""},
		{"short candidates need the word close", "x", []string{"eu", "us"}, ""},
		{"one edit on a short word", "ue", []string{"eu", "us"}, "eu"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := Nearest(c.word, c.from); got != c.want {
				t.Errorf("Nearest(%q) = %q, want %q", c.word, got, c.want)
			}
		})
	}
}
