package web

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/storewise/storewise/rules"
)

func sample() *rules.Recommendation {
	return &rules.Recommendation{
		Version:  1,
		Workload: "<script>alert(1)</script> | *flags* [x](javascript:y)",
		Primary:  "kv",
		RunnerUp: "d1",
		Ranking: []rules.Ranked{
			{Product: "kv", Name: "Workers KV", Score: 78, Points: map[string]int{"consistency": 30},
				Reasons: []rules.Reason{{Dimension: "consistency", Points: 30, Text: strings.Repeat("a long reason ", 20), Source: "https://developers.cloudflare.com/kv/platform/limits/"}}},
			{Product: "d1", Name: "D1", Score: 51, Points: map[string]int{"consistency": 15},
				Reasons: []rules.Reason{{Dimension: "consistency", Points: 15, Text: "strong", Source: "Seed, chapter 14"}}},
			{Product: "r2", Name: "R2", Eliminated: true, Points: map[string]int{},
				Reasons: []rules.Reason{{Dimension: "data_shape", Text: "relational <b>data</b>", Source: "Seed, chapter 14"}}},
		},
		Cost:     []rules.Cost{{Product: "kv", MonthlyUSD: 1234.5, Lines: []string{"x"}}},
		Findings: []rules.Finding{{Analyzer: "kvrmw", File: "a`b.go", Line: 3, Message: "<img src=x onerror=alert(1)>"}},
	}
}

func TestMarkdownEscapesFreeText(t *testing.T) {
	var b bytes.Buffer
	if err := Markdown(&b, sample()); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, bad := range []string{"<script>", "<img", "<b>"} {
		if strings.Contains(out, bad) {
			t.Errorf("markdown lets %q through:\n%s", bad, out)
		}
	}
	// A link needs an unescaped "](": the workload's must come out as text.
	if strings.Contains(strings.ReplaceAll(out, `\](`, ""), "](javascript") {
		t.Errorf("markdown lets a link through:\n%s", out)
	}
	if !strings.Contains(out, "# Storage recommendation: &lt;script&gt;alert(1)&lt;/script&gt; \\| \\*flags\\*") {
		t.Errorf("workload not escaped as text:\n%s", out[:200])
	}
	if !strings.Contains(out, "| 3 | R2 | 0 | eliminated: relational &lt;b&gt;data&lt;/b&gt; |") {
		t.Errorf("eliminated row missing or unescaped:\n%s", out)
	}
	if !strings.Contains(out, "1. <https://developers.cloudflare.com/kv/platform/limits/>") {
		t.Errorf("URL sources should be links:\n%s", out)
	}
}

func TestTextWrapsToWidthAndCitesSources(t *testing.T) {
	for _, width := range []int{60, 80, 120} {
		var b bytes.Buffer
		if err := Text(&b, sample(), width); err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(b.String(), "\n") {
			// A single word longer than the width cannot be broken; URLs are the only ones.
			if n := utf8.RuneCountInString(line); n > width && !strings.Contains(line, "https://") {
				t.Errorf("width %d: line %d has %d columns: %q", width, i+1, n, line)
			}
			if strings.HasSuffix(line, " ") {
				t.Errorf("width %d: line %d ends in a space: %q", width, i+1, line)
			}
		}
		out := b.String()
		if !strings.Contains(out, "[1] https://developers.cloudflare.com/kv/platform/limits/") || !strings.Contains(out, "[2] Seed, chapter 14") {
			t.Errorf("sources not numbered in citation order:\n%s", out)
		}
	}
}

func TestUSD(t *testing.T) {
	for v, want := range map[float64]string{0: "$0.00", 1234.5: "$1,234.50", 1e6: "$1,000,000.00", 0.005: "$0.01"} {
		if got := USD(v); got != want {
			t.Errorf("USD(%v) = %s, want %s", v, got, want)
		}
	}
}

func TestVerdict(t *testing.T) {
	r := sample()
	if v := Verdict(r); v != "Use Workers KV." {
		t.Errorf("Verdict = %q", v)
	}
	r.Primary = "d1"
	r.Pattern = &rules.Pattern{Name: "read-through cache", Products: []string{"d1", "kv"}}
	if v := Verdict(r); v != "Use D1, with Workers KV in front of it as a read-through cache." {
		t.Errorf("Verdict = %q", v)
	}
	r.Primary = ""
	if v := Verdict(r); !strings.Contains(v, "every product is eliminated") {
		t.Errorf("Verdict = %q", v)
	}
}

// The points table's rows follow the recommendation's dimensions (the policy's order of
// concerns), whatever order the reasons name them in; only dimensions scored are rows.
func TestTableDimensionsFollowTheRecommendation(t *testing.T) {
	r := &rules.Recommendation{
		Dimensions: []string{"consistency", "data_shape", "users", "cost"},
		Ranking: []rules.Ranked{
			{Product: "kv", Reasons: []rules.Reason{{Dimension: "cost"}, {Dimension: "consistency"}}},
			{Product: "d1", Eliminated: true, Scored: []rules.Reason{{Dimension: "users"}, {Dimension: "team"}}},
		},
	}
	if got, want := tableDimensions(r), []string{"consistency", "users", "cost", "team"}; !slices.Equal(got, want) {
		t.Errorf("rows %q, want %q", got, want)
	}
	r.Dimensions = nil
	if got, want := tableDimensions(r), []string{"cost", "consistency", "users", "team"}; !slices.Equal(got, want) {
		t.Errorf("without dimensions: rows %q, want the reasons' order %q", got, want)
	}
}
