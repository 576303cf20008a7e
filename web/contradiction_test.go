package web_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/storewise/storewise/web"
)

// With --scan, code that needs stronger consistency than answered questions the verdict
// itself: every format says so right under the verdict, not among the warnings at the end.
func TestContradictionBesideTheVerdict(t *testing.T) {
	r := evaluate(t, "catalogue.yaml", sampleFindings())
	if r.Contradiction == "" {
		t.Fatal("the catalogue answers read-your-writes and the code does read-modify-writes: no contradiction found")
	}
	want := "The scanned code contradicts consistency: read-your-writes."
	for _, c := range []struct {
		format string
		render func(*bytes.Buffer) error
		// The contradiction must come before after, and after before.
		before, after string
	}{
		{"text", func(b *bytes.Buffer) error { return web.Text(b, r, 100) }, "Pick: Hyperdrive", "\nRanking\n"},
		{"markdown", func(b *bytes.Buffer) error { return web.Markdown(b, r) }, "**Use Hyperdrive", "## Ranking"},
		{"adr", func(b *bytes.Buffer) error { return web.ADR(b, r, web.ADROptions{Version: "t", Date: reportDate}) }, "Chosen option:", "### Consequences"},
	} {
		t.Run(c.format, func(t *testing.T) {
			var b bytes.Buffer
			if err := c.render(&b); err != nil {
				t.Fatal(err)
			}
			out := strings.Join(strings.Fields(strings.NewReplacer("\\", "", "> ", "").Replace(b.String())), " ")
			at := strings.Index(out, want)
			before := strings.Index(out, strings.Join(strings.Fields(c.before), " "))
			after := strings.Index(out, strings.TrimSpace(c.after))
			if at < 0 || before < 0 || after < 0 || !(before < at && at < after) {
				t.Errorf("the contradiction is not between %q (%d) and %q (%d), at %d:\n%s", c.before, before, c.after, after, at, b.String())
			}
			if strings.Count(out, want) != 1 {
				t.Errorf("the contradiction is said %d times, want once (beside the verdict):\n%s", strings.Count(out, want), b.String())
			}
		})
	}
}
