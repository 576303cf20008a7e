package web_test

import (
	"bytes"
	"html/template"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/storewise/storewise/rules"
	"github.com/storewise/storewise/web"
)

func TestHTMLSameInputSameBytes(t *testing.T) {
	// Two evaluations, not one rendered twice: map order inside the recommendation (points
	// by dimension) must not leak into the file either.
	a := renderHTML(t, evaluate(t, "catalogue.yaml", sampleFindings()))
	b := renderHTML(t, evaluate(t, "catalogue.yaml", sampleFindings()))
	if !bytes.Equal(a, b) {
		t.Fatalf("two renderings of the same answers differ:\n%s", firstDifference(a, b))
	}
}

func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-80)
	return "first:  …" + string(a[from:min(len(a), i+80)]) + "\nsecond: …" + string(b[from:min(len(b), i+80)])
}

func TestHTMLIsSelfContained(t *testing.T) {
	page := string(renderHTML(t, evaluate(t, "catalogue.yaml", sampleFindings())))
	if n := len(page); n >= 300_000 {
		t.Errorf("report is %d bytes, want under 300 KB", n)
	}
	csp := regexp.MustCompile(`<meta http-equiv="Content-Security-Policy" content="([^"]*)">`).FindStringSubmatch(page)
	if csp == nil || !strings.Contains(csp[1], "default-src 'none'") {
		t.Errorf("no Content-Security-Policy forbidding other hosts (default-src 'none') in the head")
	}
	// Anything that would make a browser fetch: scripts, stylesheets, images, fonts, frames.
	for _, bad := range []string{"<script", "<link", "<img", "<iframe", "<object", "src=", "@import", "url("} {
		if strings.Contains(page, bad) {
			t.Errorf("report contains %q: it must load nothing", bad)
		}
	}
}

func TestHTMLShowsTheRecommendation(t *testing.T) {
	r := evaluate(t, "catalogue.yaml", sampleFindings())
	page := string(renderHTML(t, r))
	want := []string{
		"product catalogue", "22 November 2026", "Storewise 9.9.9-test",
		web.Verdict(r),
		"Pattern: " + r.Pattern.Name,
		"Workers KV", "D1", "Durable Objects", "Hyperdrive", "R2",
		r.Ranking[len(r.Ranking)-1].Reasons[0].Text, // an eliminated product's reason
		web.USD(r.Cost[0].MonthlyUSD), r.Cost[0].Lines[0],
		web.TTLSummary(r.TTL),
		r.Assumptions[0],
		sampleFindings()[0].Message, "handlers/counter.go:42:3", "kvexists",
		"Appendix: the answers", "needs_database_features",
	}
	for _, f := range r.Flips {
		want = append(want, f.Text)
	}
	for _, s := range want {
		if !strings.Contains(page, template.HTMLEscapeString(s)) {
			t.Errorf("report does not show %q", s)
		}
	}
}

func TestHTMLWithoutFindingsHasNoFindingsSection(t *testing.T) {
	page := string(renderHTML(t, evaluate(t, "feature-flags.yaml", nil)))
	if strings.Contains(page, `id="findings"`) {
		t.Error("a report without --scan shows a findings section")
	}
	if !strings.Contains(page, "Use Workers KV.") {
		t.Error("feature flags report does not say to use Workers KV")
	}
}

func TestHTMLEscapesFreeText(t *testing.T) {
	page := string(renderHTML(t, evaluate(t, "hostile.yaml", hostileFindings())))
	for _, bad := range []string{"<script", "<b id=", "<img", "<svg onload", "</code></pre><script"} {
		if strings.Contains(page, bad) {
			t.Errorf("free text reached the page as markup: %q", bad)
		}
	}
	if !strings.Contains(page, "&lt;script&gt;window.__pwned=&#39;workload&#39;&lt;/script&gt;") {
		t.Error("the workload name is not shown as escaped text")
	}
}

func TestReportDate(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1795000000")
	d, err := web.ReportDate()
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Unix(1795000000, 0).UTC(); !d.Equal(want) {
		t.Errorf("ReportDate() = %v, want %v from SOURCE_DATE_EPOCH", d, want)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	if _, err := web.ReportDate(); err == nil {
		t.Error("ReportDate() accepts SOURCE_DATE_EPOCH=yesterday")
	}
}

func TestHTMLWhenEveryProductIsEliminated(t *testing.T) {
	// A user policy can rule everything out; the report must still say so plainly.
	r := evaluate(t, "feature-flags.yaml", nil)
	for i := range r.Ranking {
		e := &r.Ranking[i]
		e.Eliminated, e.Score, e.Scored = true, 0, e.Reasons
		e.Reasons = []rules.Reason{{Dimension: "policy", Text: "Ruled out by the team's policy.", Source: "team policy"}}
	}
	r.Primary, r.RunnerUp, r.Pattern = "", "", nil
	page := string(renderHTML(t, r))
	for _, want := range []string{"No Cloudflare store fits these answers as given", "Ruled out by the team&#39;s policy.", `id="points"`} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	chart := page[strings.Index(page, `id="ranking-chart"`):strings.Index(page, `id="points"`)]
	if strings.Contains(chart, `class="fill"`) {
		t.Error("the ranking chart draws a bar for an eliminated product")
	}
	adr := string(renderADR(t, r))
	if !strings.Contains(adr, "no Cloudflare store fits") || !strings.Contains(adr, "No option is chosen") {
		t.Errorf("ADR does not say that nothing fits:\n%.400s", adr)
	}
}

// The header names the products the report weighs: Vectorize too when vectors were
// routed to it.
func TestHTMLHeaderNamesTheProductsConsidered(t *testing.T) {
	page := string(renderHTML(t, evaluate(t, "embeddings.yaml", nil)))
	meta := regexp.MustCompile(`<p class="meta">[^\n]*</p>`).FindString(page)
	if !strings.Contains(meta, "Workers KV, D1, Durable Objects, Hyperdrive, R2, Vectorize") {
		t.Errorf("report header %q does not list the five stores and Vectorize", meta)
	}
}
