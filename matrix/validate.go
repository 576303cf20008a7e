package matrix

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// validate refuses data that would let the advisor state a number nobody can re-check, or
// ask a question it cannot default: every fact and price needs a source page and an as-of
// date, every question a default of its own type.
func (m *Matrix) validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	// sourced checks what a fact and a price both carry: a key of their own among the
	// product's (seen), the page the number comes from and the date it was checked.
	sourced := func(w string, seen map[string]bool, key, source, asOf string) {
		if key == "" || seen[key] {
			bad("%s: missing or repeated key", w)
		}
		seen[key] = true
		if !isURL(source) {
			bad("%s: no source URL", w)
		}
		if !isDate(asOf) {
			bad("%s: as_of %q is not a date (YYYY-MM-DD)", w, asOf)
		}
	}

	var ids []string
	for _, p := range m.Products {
		ids = append(ids, p.ID)
		where := "products.yaml: product " + p.ID
		if p.Name == "" || p.Summary == "" || p.Consistency == "" {
			bad("%s: name, summary and consistency are required", where)
		}
		for _, s := range p.Sources {
			if !isURL(s) {
				bad("%s: source %q is not an https URL", where, s)
			}
		}
		facts, prices := map[string]bool{}, map[string]bool{}
		for _, f := range p.Facts {
			w := fmt.Sprintf("%s: fact %q", where, f.Key)
			sourced(w, facts, f.Key, f.Source, f.AsOf)
			if f.Title == "" || f.Text == "" || f.Unit == "" {
				bad("%s: title, text and unit are required", w)
			}
		}
		for _, k := range p.Drawbacks {
			if !facts[k] {
				bad("%s: drawback %q is not one of its facts", where, k)
			}
		}
		for _, pr := range p.Prices {
			w := fmt.Sprintf("%s: price %q", where, pr.Key)
			sourced(w, prices, pr.Key, pr.Source, pr.AsOf)
			if pr.Per <= 0 || pr.Included < 0 || pr.USD < 0 {
				bad("%s: per must be positive, included and usd not negative", w)
			}
		}
	}
	if !slices.Equal(ids, ProductIDs) {
		bad("products.yaml: products must be %v in that order, found %v", ProductIDs, ids)
	}

	groups := map[string]bool{}
	for _, g := range m.Groups {
		groups[g.ID] = true
	}
	fields := map[string]Question{}
	for _, q := range m.Questions {
		w := "questions.yaml: " + q.Field
		if _, dup := fields[q.Field]; dup || q.Field == "" {
			bad("%s: missing or repeated field", w)
		}
		fields[q.Field] = q
		if !groups[q.Group] {
			bad("%s: unknown group %q", w, q.Group)
		}
		if q.Title == "" || q.Description == "" {
			bad("%s: title and description are required", w)
		}
		if q.Default == nil {
			bad("%s: no default", w)
			continue
		}
		switch q.Type {
		case TypeString:
			if _, ok := q.Default.(string); !ok {
				bad("%s: default must be a string", w)
			}
		case TypeEnum:
			if len(q.Options) < 2 {
				bad("%s: an enum needs at least two options", w)
			}
			if !slices.Contains(q.OptionValues(), q.DefaultString()) {
				bad("%s: default %v is not one of %v", w, q.Default, q.OptionValues())
			}
		case TypeNumber:
			d, ok := toFloat(q.Default)
			if !ok {
				bad("%s: default must be a number", w)
			}
			if q.Min != nil && d < *q.Min {
				bad("%s: default %v is below min %v", w, d, *q.Min)
			}
			if q.Max == nil || *q.Max > 1e18 || d > *q.Max {
				bad("%s: a number needs a max (at most 1e18) at or above its default", w)
			}
			if !slices.Contains([]string{UnitCount, UnitBytes, UnitSeconds, UnitGB, UnitPerSecond}, q.Unit) {
				bad("%s: unknown unit %q", w, q.Unit)
			}
		case TypeBool:
			if _, ok := q.Default.(bool); !ok {
				bad("%s: default must be true or false", w)
			}
		default:
			bad("%s: unknown type %q", w, q.Type)
		}
	}
	for _, q := range m.Questions {
		if q.AskIf == nil {
			continue
		}
		dep, ok := fields[q.AskIf.Field]
		if !ok {
			bad("questions.yaml: %s: ask_if names unknown field %q", q.Field, q.AskIf.Field)
			continue
		}
		for _, v := range slices.Concat(q.AskIf.Not, q.AskIf.In) {
			if dep.Type == TypeEnum && !slices.Contains(dep.OptionValues(), v) {
				bad("questions.yaml: %s: ask_if value %q is not an option of %s", q.Field, v, dep.Field)
			}
		}
	}

	for _, e := range m.Examples {
		w := "examples.yaml: " + e.ID
		if e.ID == "" || e.Situation == "" || e.Because == "" || len(e.Choose) == 0 {
			bad("%s: id, situation, choose and because are required", w)
		}
		for _, p := range append(slices.Clone(e.Choose), e.Never...) {
			if !slices.Contains(ProductIDs, p) {
				bad("%s: unknown product %q", w, p)
			}
		}
	}
	return errors.Join(errs...)
}

func isURL(s string) bool { return strings.HasPrefix(s, "https://") && len(s) > len("https://x.") }

func isDate(s string) bool {
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}
