package web_test

import (
	"strings"
	"testing"
)

// The HTML report draws the advised architecture: the Worker, the pattern's products, and
// an arrow for each read and write path, described for screen readers.
func TestHTMLDrawsTheArchitecture(t *testing.T) {
	r := evaluate(t, "catalogue.yaml", nil)
	page := string(renderHTML(t, r))
	fig := page[strings.Index(page, `<figure class="architecture"`):]
	fig = fig[:strings.Index(fig, "</figure>")]
	for _, want := range []string{">Worker</text>", ">Hyperdrive</text>", ">Workers KV</text>", ">read by key</text>", ">on a miss, then put</text>", ">write</text>", `stroke-dasharray`, "<desc id=\"architecture-desc\">The Worker to Workers KV: read by key (reads)"} {
		if !strings.Contains(fig, want) {
			t.Errorf("the architecture lacks %q:\n%s", want, fig)
		}
	}
	if n := strings.Count(fig, "<line "); n != len(r.Pattern.Paths) {
		t.Errorf("%d arrows for %d paths", n, len(r.Pattern.Paths))
	}
	if strings.Contains(fig, "<script") || strings.Contains(fig, "url(") {
		t.Errorf("the diagram loads or runs something")
	}
	if !strings.Contains(page, "assumed cache hit ratio 90%") {
		t.Errorf("the pattern's cost does not show its assumed hit ratio")
	}
}

// No pattern, no diagram.
func TestHTMLDrawsNoArchitectureWithoutPattern(t *testing.T) {
	r := evaluate(t, "feature-flags.yaml", nil)
	if r.Pattern != nil {
		t.Fatalf("feature flags come with a pattern (%s): pick another workload for this test", r.Pattern.Name)
	}
	if strings.Contains(string(renderHTML(t, r)), `class="architecture"`) {
		t.Errorf("a diagram without a pattern")
	}
}
