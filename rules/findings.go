package rules

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/storewise/storewise/answers"
)

// needs is the consistency each kind of finding shows the code relies on: a read that
// flows into a write of the same key, or a found / not-found test that decides a write,
// needs two requests to agree (coordination); reading back a key just written needs
// read-your-writes.
var needs = map[string]string{
	"kvrmw":       "coordination",
	"kvexists":    "coordination",
	"kvwriteread": "read-your-writes",
}

// because says why the code needs that consistency, in a warning.
var because = map[string]string{
	"coordination":     "two requests must agree on the current value, which is consistency coordination",
	"read-your-writes": "the code reads back what it just wrote, which is consistency read-your-writes",
}

// what names each kind of finding in a warning, singular and plural.
var what = map[string][2]string{
	"kvrmw":       {"read-modify-write", "read-modify-writes"},
	"kvexists":    {"existence check", "existence checks"},
	"kvwriteread": {"read after write", "reads after writes"},
}

// foldFindings lets the scanned code inform the recommendation: when the code already does
// with Workers KV what needs stronger consistency than answered (read-modify-write or an
// existence check against "eventual"), it adds a warning that says so and names the pick
// the answers would give with the consistency the code needs. The pick itself stays the
// answers': the user decides which of the two is wrong.
func (e *Engine) foldFindings(ctx context.Context, a *answers.Answers, rec *Recommendation) error {
	q, _ := e.m.Question("consistency")
	consistencyLevel := q.OptionValues() // weakest to strongest, as the interview lists them
	answered := slices.Index(consistencyLevel, a.Consistency)
	need, counts, first := "", map[string]int{}, map[string]Finding{}
	var order []string // analyzers in the order of their first finding
	for _, f := range rec.Findings {
		n, ok := needs[f.Analyzer]
		if !ok || slices.Index(consistencyLevel, n) <= answered {
			continue
		}
		if _, seen := first[f.Analyzer]; !seen {
			first[f.Analyzer] = f
			order = append(order, f.Analyzer)
		}
		counts[f.Analyzer]++
		if need == "" || slices.Index(consistencyLevel, n) > slices.Index(consistencyLevel, need) {
			need = n
		}
	}
	if need == "" {
		return nil
	}
	alt := *a
	alt.Given = maps.Clone(a.Given)
	if err := alt.Set("consistency", need); err != nil {
		return err
	}
	other, err := e.Decide(ctx, &alt)
	if err != nil {
		return err
	}

	var found []string
	for _, analyzer := range order {
		if needs[analyzer] != need {
			continue
		}
		n, f := counts[analyzer], first[analyzer]
		word := what[analyzer][0]
		if n > 1 {
			word = what[analyzer][1]
		}
		found = append(found, fmt.Sprintf("%d %s (%s, first at %s:%d)", n, word, analyzer, f.File, f.Line))
	}
	pick := "every product would be eliminated"
	if other.Primary != "" {
		p, _ := e.m.Product(other.Primary)
		pick = "the pick would be " + p.Name
		if other.Primary == rec.Primary {
			pick += ", the same"
		}
	}
	rec.Contradiction = fmt.Sprintf(
		"The scanned code contradicts consistency: %s. kvlint found %s on Workers KV: %s. With consistency: %s, %s.",
		a.Consistency, strings.Join(found, " and "), because[need], need, pick)
	rec.Warnings = append(rec.Warnings, rec.Contradiction)
	return nil
}
