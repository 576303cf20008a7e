package web_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/storewise/storewise/web"
)

// The markdown folds its long sections (<details>), as review bots do: a pull-request
// comment reads as the verdict, the ranking and the reasons; the cost tables, TTL steps,
// eliminations, findings, assumptions and sources open on a click.
func TestMarkdownFoldsTheLongSections(t *testing.T) {
	var b bytes.Buffer
	if err := web.Markdown(&b, evaluate(t, "catalogue.yaml", sampleFindings())); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	folded := map[string]bool{}
	section, inside := "", false
	for _, l := range strings.Split(out, "\n") {
		switch {
		case strings.HasPrefix(l, "## "):
			if inside {
				t.Fatalf("a section starts inside <details> (%s):\n%s", l, out)
			}
			section = strings.TrimPrefix(l, "## ")
		case l == "<details>":
			inside, folded[section] = true, true
		case l == "</details>":
			inside = false
		case strings.HasPrefix(l, "<summary>") && !strings.HasSuffix(l, "</summary>"):
			t.Errorf("a summary over several lines: %q", l)
		}
	}
	for _, s := range []string{"Eliminated", "Monthly cost", "TTL guidance", "Code findings", "Assumptions", "Sources"} {
		if !folded[s] {
			t.Errorf("section %q is not folded", s)
		}
	}
	for _, s := range []string{"Ranking", "Why Hyperdrive", "What would change the answer"} {
		if folded[s] {
			t.Errorf("section %q is folded; it is what a reviewer reads first", s)
		}
	}
	if strings.Count(out, "<details>") != strings.Count(out, "</details>") {
		t.Errorf("unbalanced <details>:\n%s", out)
	}
	// A blank line after <summary> lets GitHub render the markdown inside.
	if strings.Contains(out, "</summary>\n|") || strings.Contains(out, "</summary>\n-") {
		t.Errorf("markdown right after </summary> is not rendered by GitHub:\n%s", out)
	}
}
