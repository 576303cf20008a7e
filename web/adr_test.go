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
