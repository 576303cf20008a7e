package web_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/storewise/storewise/rules"
	"github.com/storewise/storewise/web"
)

func renderADR(t *testing.T, r *rules.Recommendation) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := web.ADR(&buf, r, web.ADROptions{Version: "9.9.9-test", Date: reportDate}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestADRGolden compares the decision records with testdata/*.adr.md; go test ./web -update
// rewrites them (review the diff before committing it).
func TestADRGolden(t *testing.T) {
	for _, tc := range []struct {
		name     string
		answers  string
		findings []rules.Finding
	}{
		{"feature-flags", "feature-flags.yaml", nil},
		{"catalogue-with-findings", "catalogue.yaml", sampleFindings()},
		{"hostile-free-text", "hostile.yaml", hostileFindings()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := renderADR(t, evaluate(t, tc.answers, tc.findings))
			golden := filepath.Join("testdata", tc.name+".adr.md")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./web -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("ADR differs from %s (go test ./web -update rewrites it):\n%s", golden, firstDifference(want, got))
			}
		})
	}
}

func TestADRHasTheMADRSections(t *testing.T) {
	adr := string(renderADR(t, evaluate(t, "catalogue.yaml", nil)))
	if !strings.HasPrefix(adr, "---\nstatus: proposed\ndate: 2026-11-22\n---\n") {
		t.Errorf("no MADR front matter with status and date:\n%.80s", adr)
	}
	var headings []string
	for _, m := range regexp.MustCompile(`(?m)^##+ (.*)$`).FindAllStringSubmatch(adr, -1) {
		headings = append(headings, m[1])
	}
	want := []string{"Context and Problem Statement", "Decision Drivers", "Considered Options", "Decision Outcome", "Consequences", "Confirmation", "Pros and Cons of the Options"}
	at := 0
	for _, h := range want {
		i := slices.Index(headings[at:], h)
		if i < 0 {
			t.Fatalf("section %q missing or out of order; sections: %q", h, headings)
		}
		at += i + 1
	}
	if !strings.Contains(adr, `Chosen option: "Hyperdrive", because`) {
		t.Error("the decision outcome does not name Hyperdrive as the chosen option")
	}
}

func TestADREscapesFreeText(t *testing.T) {
	adr := string(renderADR(t, evaluate(t, "hostile.yaml", hostileFindings())))
	// Inside a code span markdown shows markup as text, so only the rest must be escaped;
	// a backtick in the text must not end the span early, which the spans' count shows.
	if n := strings.Count(adr, "`"); n%2 != 0 {
		t.Fatalf("odd number of backticks (%d): free text broke a code span", n)
	}
	adr = regexp.MustCompile("`[^`]*`").ReplaceAllString(adr, "")
	for _, bad := range []string{"<script", "<img", "<b id", "<svg"} {
		if strings.Contains(adr, bad) {
			t.Errorf("free text reached the record as HTML: %q", bad)
		}
	}
}

// MADR's consequences are the bad as well as the good: what counts against the chosen
// products whatever the answers, and what a second product (a cache) costs.
func TestADRConsequencesIncludeTheBad(t *testing.T) {
	for _, c := range []struct {
		file string
		want []string
	}{
		{"relational.yaml", []string{
			"* Bad, because of D1's limit on database size: 10 GB per database on the paid plan, and it cannot be raised.",
			"* Bad, because of D1's limit on queries per second per database: each database is single-threaded",
		}},
		{"feature-flags.yaml", []string{
			"* Bad, because of Workers KV's limit on writes to one key: 1 write per second to the same key",
			"* Bad, because of Workers KV's limit on time for a write to reach every location",
		}},
		{"catalogue.yaml", []string{
			"* Bad, because of Hyperdrive's limit on default query cache max\\_age",
			"* Bad, because Workers KV is a second product to pay for and to keep in step with Hyperdrive: about $",
			"and its copies can be stale (cacheTtl",
		}},
	} {
		t.Run(c.file, func(t *testing.T) {
			var b bytes.Buffer
			if err := web.ADR(&b, evaluate(t, c.file, nil), web.ADROptions{Version: "t", Date: reportDate}); err != nil {
				t.Fatal(err)
			}
			out := b.String()
			start, end := strings.Index(out, "### Consequences"), strings.Index(out, "### Confirmation")
			if start < 0 || end < start {
				t.Fatalf("no consequences section:\n%s", out)
			}
			for _, w := range c.want {
				if !strings.Contains(out[start:end], w) {
					t.Errorf("the consequences lack %q:\n%s", w, out[start:end])
				}
			}
		})
	}
}

// A workload routed to one of the newer products is asked about the products it was
// weighed against, that one included, and the product keeps its capital in the title.
func TestADRNamesTheProductsConsidered(t *testing.T) {
	adr := string(renderADR(t, evaluate(t, "embeddings.yaml", nil)))
	if !strings.Contains(adr, "# Storage for help centre search: Vectorize") {
		t.Errorf("title does not start with the pick's name as written:\n%.200s", adr)
	}
	question := regexp.MustCompile(`Where should help centre search keep its data on Cloudflare: ([^?]*)\?`).FindStringSubmatch(adr)
	if question == nil {
		t.Fatalf("no context question:\n%.600s", adr)
	}
	for _, name := range []string{"Workers KV", "D1", "Durable Objects", "Hyperdrive", "R2", "Vectorize"} {
		if !strings.Contains(question[1], name) {
			t.Errorf("the context question lists %q, without %s", question[1], name)
		}
	}
	if strings.Contains(question[1], "Queues") {
		t.Errorf("the context question lists %q: Queues was not weighed", question[1])
	}
}
