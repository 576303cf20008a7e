package rules

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"sync"

	"github.com/storewise/storewise/answers"
	"github.com/storewise/storewise/matrix"
)

// flips finds, for each answer, the nearest other value that changes the primary pick, by
// re-evaluating the policy: enums and booleans try each other value; numbers try the
// thresholds the policy and the limits use (just past them, on the far side) and a ladder of
// multiples, nearest first (in ratio), and keep the first that flips.
//
// A value whose evaluation fails (a user policy that errs only past some threshold) is
// left out, and the returned warnings say which: the run goes on. Running out of the user
// policy's budget, or being cancelled, still ends the run.
func (e *Engine) flips(ctx context.Context, a *answers.Answers, primary string) ([]Flip, []string, error) {
	type job struct {
		q      matrix.Question
		cands  []any
		labels map[any]string // how to say a candidate: "over 25MiB" for one just past a threshold
	}
	var jobs []job
	for _, q := range e.m.Questions {
		if q.Field == "workload" {
			continue
		}
		if !a.Asked(q) {
			continue
		}
		cur, _ := a.Get(q.Field)
		var cands []any
		labels := map[any]string{}
		switch q.Type {
		case matrix.TypeEnum:
			// A routed kind (embeddings, messages, whole responses) is offered only to a
			// workload of a routed kind: "were it embeddings, use Vectorize" tells a
			// key-value workload nothing.
			curRouted := false
			for _, o := range q.Options {
				if o.Value == cur {
					curRouted = o.Routed
				}
			}
			for _, o := range q.Options {
				if o.Value != cur && (!o.Routed || curRouted) {
					cands = append(cands, o.Value)
				}
			}
		case matrix.TypeBool:
			cands = []any{!cur.(bool)}
		case matrix.TypeNumber:
			for _, c := range e.numberCandidates(q, a) {
				cands = append(cands, c.value)
				if c.label != "" {
					labels[c.value] = c.label
				}
			}
		}
		jobs = append(jobs, job{q, cands, labels})
	}

	// Fields are independent: search them in parallel (the prepared query is safe for
	// concurrent use), then report in interview order.
	results := make([]*Flip, len(jobs))
	errs := make([]error, len(jobs))
	skipped := make([]string, len(jobs)) // the first value of a field that failed
	var wg sync.WaitGroup
	sem := make(chan struct{}, 4)
	for i, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			for _, c := range j.cands {
				alt := *a
				alt.Given = nil
				_ = alt.Set(j.q.Field, c)
				if j.q.Field == "value_bytes" && alt.MaxValueBytes < alt.ValueBytes {
					alt.MaxValueBytes = alt.ValueBytes // keep the answers coherent
				}
				if j.q.Field == "max_value_bytes" && alt.ValueBytes > alt.MaxValueBytes {
					alt.ValueBytes = alt.MaxValueBytes
				}
				got, err := e.primary(ctx, &alt)
				var be budgetError
				if err != nil && (errors.As(err, &be) || ctx.Err() != nil) {
					errs[i] = err
					return
				}
				if err != nil {
					if skipped[i] == "" {
						skipped[i] = fmt.Sprintf("What would change the answer: %s = %s was not tried, its evaluation failed: %v",
							j.q.Field, alt.Text(j.q.Field), err)
					}
					continue
				}
				if got != primary {
					results[i] = e.flip(j.q, a, &alt, j.labels[c], got)
					return
				}
			}
		}()
	}
	wg.Wait()
	out := []Flip{}
	var warnings []string
	for i, f := range results {
		if errs[i] != nil {
			return nil, nil, errs[i]
		}
		if f != nil {
			out = append(out, *f)
		}
		if skipped[i] != "" {
			warnings = append(warnings, skipped[i])
		}
	}
	return out, warnings, nil
}

func (e *Engine) flip(q matrix.Question, from, to *answers.Answers, label, primary string) *Flip {
	v, _ := to.Get(q.Field)
	f := &Flip{Field: q.Field, From: from.Text(q.Field), To: to.Text(q.Field), Value: v, Primary: primary}
	if label != "" {
		f.To = label
	}
	name := "no product"
	if p, ok := e.m.Product(primary); ok {
		name = p.Name
	}
	f.Text = fmt.Sprintf("If %s were %s instead of %s, the pick would be %s.", q.Field, f.To, f.From, name)
	return f
}

// numberCandidates lists the values worth trying for a number, nearest to the current one
// first. The thresholds are those the policy and the limits decide on, taken just past
// them so the comparison flips.
type candidate struct {
	value float64
	label string
}

func (e *Engine) numberCandidates(q matrix.Question, a *answers.Answers) []candidate {
	curAny, _ := a.Get(q.Field)
	cur := curAny.(float64)
	fact := func(product, key string) float64 {
		p, _ := e.m.Product(product)
		f, _ := p.Fact(key)
		return f.Value
	}
	th := e.policy.Thresholds
	var marks []float64
	switch q.Field {
	case "staleness_seconds":
		marks = []float64{fact(matrix.KV, "propagation_seconds") + fact(matrix.KV, "min_cache_ttl_seconds")}
	case "value_bytes":
		// The largest value follows the typical one up, so its limits count here too.
		marks = []float64{th["small_value_bytes"], fact(matrix.D1, "max_row_bytes"), fact(matrix.KV, "max_value_bytes")}
	case "max_value_bytes":
		// The typical value follows the largest one down, so its threshold counts here too.
		marks = []float64{fact(matrix.D1, "max_row_bytes"), fact(matrix.KV, "max_value_bytes"), th["small_value_bytes"]}
	case "dataset_gb":
		marks = []float64{fact(matrix.D1, "max_database_gb")}
	case "hot_key_writes_per_second":
		marks = []float64{fact(matrix.KV, "max_writes_per_second_per_key"), fact(matrix.DurableObjects, "requests_per_second_per_object"), th["d1_hot_writes_per_second"]}
	case "reads_per_month", "writes_per_month":
		// The write-ratio thresholds, solved for this field with the other held.
		for _, r := range []float64{th["cache_pattern_max_write_ratio"], th["read_heavy_write_ratio"], th["write_heavy_write_ratio"]} {
			if q.Field == "writes_per_month" {
				marks = append(marks, a.ReadsPerMonth*r/(1-r))
			} else {
				marks = append(marks, a.WritesPerMonth*(1-r)/r)
			}
		}
	}
	var cands []candidate
	for _, m := range marks {
		if m <= 0 {
			continue
		}
		// Just past the mark, on the other side from the current value.
		if cur <= m {
			cands = append(cands, candidate{nudgeUp(m), "over " + answers.FormatQuantity(q.Unit, roundish(m))})
		} else {
			cands = append(cands, candidate{nudgeDown(m), "under " + answers.FormatQuantity(q.Unit, roundish(m))})
		}
	}
	// Between the marks, the built-in policy's pick can move only through the derived numbers
	// (the write ratio and the costs), which depend on the volumes and the data set size; for
	// the other numbers the marks are all there is to try. A user policy may have thresholds
	// of its own, so with one every number gets the ladder of multiples too.
	var plain []float64
	if !e.userPolicy && !slices.Contains([]string{"reads_per_month", "writes_per_month", "dataset_gb"}, q.Field) {
		// marks only
	} else if cur > 0 {
		for _, k := range []float64{2, 10, 100, 1000} {
			plain = append(plain, cur*k, cur/k)
		}
		plain = append(plain, 0)
	} else {
		plain = append(plain, 1, 10, 1000, 1e6)
	}
	for _, v := range plain {
		cands = append(cands, candidate{value: v})
	}
	dist := func(v float64) float64 {
		if cur == 0 || v == 0 {
			return math.Abs(v-cur) + 50 // zero is far from everything in ratio terms
		}
		return math.Abs(math.Log(v / cur))
	}
	cands = slices.DeleteFunc(cands, func(c candidate) bool {
		return c.value < 0 || c.value == cur || math.IsInf(c.value, 0) || math.IsNaN(c.value) ||
			q.Max != nil && c.value > *q.Max // an answer the file could not give

	})
	sort.SliceStable(cands, func(i, j int) bool { return dist(cands[i].value) < dist(cands[j].value) })
	return slices.CompactFunc(cands, func(x, y candidate) bool { return x.value == y.value })
}

// nudgeUp returns a round value just above m (m+1 for whole numbers, else a little more).
func nudgeUp(m float64) float64 {
	if m >= 10 {
		return math.Floor(m) + 1
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(m*1.01, 'g', 3, 64), 64)
	return v
}

// roundish rounds a computed threshold to three significant digits for display.
func roundish(m float64) float64 {
	if m == math.Trunc(m) {
		return m
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(m, 'g', 3, 64), 64)
	return v
}

func nudgeDown(m float64) float64 {
	if m >= 10 {
		return math.Ceil(m) - 1
	}
	v, _ := strconv.ParseFloat(strconv.FormatFloat(m*0.99, 'g', 3, 64), 64)
	return v
}
