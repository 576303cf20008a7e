package rules

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/metrics"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"

	"github.com/storewise/storewise/answers"
	"github.com/storewise/storewise/matrix"
)

// Decide evaluates the answers: ranking, reasons, pattern, TTL and costs, without looking
// for the answers that would flip the pick (the interview's live panel uses this).
func (e *Engine) Decide(ctx context.Context, a *answers.Answers) (*Recommendation, error) {
	costs := Costs(e.m, a)
	d, in, err := e.input(a, costs)
	if err != nil {
		return nil, err
	}
	p, err := e.pick(ctx, in)
	if err != nil {
		return nil, err
	}
	adv, err := e.advise(ctx, a, d, in, p)
	if err != nil {
		return nil, err
	}
	return e.assemble(a, d, costs, p, adv), nil
}

// Evaluate is Decide plus what would change the answer, and the scan's findings: when the
// scanned code needs stronger consistency than answered, a warning says so (foldFindings).
func (e *Engine) Evaluate(ctx context.Context, a *answers.Answers, findings []Finding) (*Recommendation, error) {
	r, err := e.Decide(ctx, a)
	if err != nil {
		return nil, err
	}
	var skipped []string
	if r.Flips, skipped, err = e.flips(ctx, a, r.Primary); err != nil {
		return nil, err
	}
	r.Warnings = append(r.Warnings, skipped...)
	if findings != nil {
		r.Findings = findings
		if err := e.foldFindings(ctx, a, r); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// primary is the pick alone, all the search for flips needs; "" when every product is
// eliminated.
func (e *Engine) primary(ctx context.Context, a *answers.Answers) (string, error) {
	_, in, err := e.input(a, costs(e.m, a, false))
	if err != nil {
		return "", err
	}
	p, err := e.pick(ctx, in)
	if err != nil {
		return "", err
	}
	return p.primary, nil
}

// input is what the policy reads for the answers: the answers, the numbers Go derives from
// them and the costs, and the limits.
func (e *Engine) input(a *answers.Answers, costs []Cost) (derived, ast.Value, error) {
	d := derive(e.m, costs, a)
	in, err := inputValue(a, d, e.limits...)
	return d, in, err
}

// eval runs a prepared query on an input and returns the result as OPA's value: the
// conversion to Go values and the metrics would each cost a tenth of an evaluation. With a
// user policy the evaluation counts against its budget (budget.go); the built-in policy
// alone has no deadline (it cannot loop), only the caller's context.
func (e *Engine) eval(ctx context.Context, q rego.PreparedEvalQuery, in ast.Value) (ast.Value, error) {
	opts := []rego.EvalOption{rego.EvalMetrics(metrics.NoOp()),
		rego.EvalGenerateJSON(func(t *ast.Term, _ *rego.EvalContext) (any, error) { return t.Value, nil })}
	var rs []rego.Result
	var err error
	if e.budget != nil {
		rs, err = e.evalUser(ctx, q, in, opts...)
	} else {
		stop := topdown.NewCancel()
		defer context.AfterFunc(ctx, stop.Cancel)()
		rs, err = q.Eval(ctx, append(opts, rego.EvalParsedInput(in), rego.EvalExternalCancel(stop))...)
	}
	if err != nil {
		var pe *PolicyError
		if errors.As(err, &pe) {
			return nil, err
		}
		return nil, &PolicyError{err}
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, &PolicyError{errors.New("the decision is undefined: a policy rule conflicts with the built-in ones")}
	}
	return rs[0].Expressions[0].Value.(ast.Value), nil
}

// picked is the policy's cases for one workload and the ranking Go draws from them.
type picked struct {
	cases        []string            // score cases that hold
	routed       []string            // products beyond the five stores that the policy put in play
	inplay       []string            // the products ranked: the five stores, the routed, the user's
	cost         map[string]string   // product → cost band
	out          map[string][]string // product → the cases that eliminate it
	userOut      []userEntry
	userPoints   []userEntry
	userWarnings []string

	eliminated map[string]bool
	banned     []string // the products a user policy eliminated
	scores     map[string]float64
	order      []string // the ranking
	primary    string
	runnerUp   string
}

// userEntry is one of a user policy's eliminations or points.
type userEntry struct {
	product, dimension, text, source string
	points                           float64
}

// pick evaluates the cases and ranks the products: each product's points summed (an
// eliminated product scores 0, none below 0), highest first; ties break by eliminated last,
// then by the products' canonical order, so the same answers always give the same ranking.
func (e *Engine) pick(ctx context.Context, in ast.Value) (*picked, error) {
	val, err := e.eval(ctx, e.cases, in)
	if err != nil {
		return nil, err
	}
	p, err := e.readCases(val)
	if err != nil {
		return nil, err
	}
	e.rank(p)
	return p, nil
}

// rank sums each product's points from its cases (policy/cases.yaml), its cost band and
// the user's points, and orders the products.
func (e *Engine) rank(p *picked) {
	// In play: the five stores, the products the policy routed the workload to, and any
	// product a user policy names, in canonical order. A product out of play is not "ruled
	// out": it is no candidate, and is not shown.
	inplay := map[string]bool{}
	for _, prod := range slices.Concat(matrix.Stores, p.routed) {
		inplay[prod] = true
	}
	for _, u := range slices.Concat(p.userOut, p.userPoints) {
		inplay[u.product] = true
	}
	p.inplay = p.inplay[:0]
	for _, prod := range matrix.ProductIDs {
		if inplay[prod] {
			p.inplay = append(p.inplay, prod)
		} else {
			delete(p.out, prod)
		}
	}
	totals := map[string]float64{}
	for _, c := range p.cases {
		for prod, s := range e.book.score[c].products {
			totals[prod] += float64(s.points)
		}
	}
	for prod, band := range p.cost {
		totals[prod] += float64(e.book.cost[band].points)
	}
	for _, u := range p.userPoints {
		totals[u.product] += u.points
	}
	p.eliminated = map[string]bool{}
	for prod := range p.out {
		p.eliminated[prod] = true
	}
	for _, u := range p.userOut {
		p.eliminated[u.product] = true
		p.banned = append(p.banned, u.product)
	}
	// A score is out of 100; a route's points (which outweigh the other dimensions
	// together) can carry a product past it, so the ranking follows the uncapped sums.
	p.scores = map[string]float64{}
	raw := map[string]float64{}
	for _, prod := range p.inplay {
		if !p.eliminated[prod] {
			raw[prod] = math.Max(0, totals[prod])
			p.scores[prod] = math.Min(100, raw[prod])
		}
	}
	p.order = slices.Clone(p.inplay)
	slices.SortStableFunc(p.order, func(x, y string) int {
		return cmp.Or(cmp.Compare(raw[y], raw[x]), cmp.Compare(b2i(p.eliminated[x]), b2i(p.eliminated[y])))
	})
	var standing []string
	for _, prod := range p.order {
		if !p.eliminated[prod] {
			standing = append(standing, prod)
		}
	}
	if len(standing) > 0 {
		p.primary = standing[0]
	}
	if len(standing) > 1 {
		p.runnerUp = standing[1]
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// readCases reads data.storewise.decision.cases, refusing a case cases.yaml does not know
// and user entries that name no known product or say nothing.
func (e *Engine) readCases(doc ast.Value) (*picked, error) {
	p := &picked{cost: map[string]string{}, out: map[string][]string{}}
	for _, c := range stringsOf(field(doc, "score")) {
		if _, ok := e.book.score[c]; !ok {
			return nil, fmt.Errorf("rules: the policy decided score case %q, which policy/cases.yaml does not define", c)
		}
		p.cases = append(p.cases, c)
	}
	costs, _ := field(doc, "cost").(ast.Object)
	for prod, band := range objectItems(costs) {
		b, _ := band.(ast.String)
		if _, ok := e.book.cost[string(b)]; !ok {
			return nil, fmt.Errorf("rules: the policy decided cost band %q, which policy/cases.yaml does not define", b)
		}
		p.cost[prod] = string(b)
	}
	for _, o := range elems(field(doc, "out")) {
		pc := stringsOf(o) // [product, case]
		if len(pc) != 2 {
			return nil, fmt.Errorf("rules: the policy eliminated %v: want [product, case]", o)
		}
		if _, ok := e.book.eliminate[pc[0]][pc[1]]; !ok {
			return nil, fmt.Errorf("rules: the policy eliminated %s by case %q, which policy/cases.yaml does not define", pc[0], pc[1])
		}
		p.out[pc[0]] = append(p.out[pc[0]], pc[1])
	}
	user := field(doc, "user")
	var err error
	if p.userOut, err = userEntries(field(user, "eliminate"), "eliminate", e.userRules["eliminate"]); err != nil {
		return nil, err
	}
	if p.userPoints, err = userEntries(field(user, "points"), "points", e.userRules["points"]); err != nil {
		return nil, err
	}
	p.userWarnings = stringsOf(field(user, "warnings"))
	p.routed = stringsOf(field(doc, "inplay"))
	return p, nil
}

// field is an object's value for key, or nil.
func field(v ast.Value, key string) ast.Value {
	if obj, ok := v.(ast.Object); ok {
		if t := obj.Get(ast.InternedTerm(key)); t != nil {
			return t.Value
		}
	}
	return nil
}

// elems are the values of an array or a set, in order.
func elems(v ast.Value) []ast.Value {
	var out []ast.Value
	switch c := v.(type) {
	case *ast.Array:
		c.Foreach(func(t *ast.Term) { out = append(out, t.Value) })
	case ast.Set:
		c.Sorted().Foreach(func(t *ast.Term) { out = append(out, t.Value) })
	}
	return out
}

// stringsOf reads an array or a set of strings, skipping anything else.
func stringsOf(v ast.Value) []string {
	var out []string
	for _, x := range elems(v) {
		if s, ok := x.(ast.String); ok {
			out = append(out, string(s))
		}
	}
	return out
}

// objectItems reads an object with string keys.
func objectItems(obj ast.Object) map[string]ast.Value {
	out := map[string]ast.Value{}
	if obj != nil {
		obj.Foreach(func(k, v *ast.Term) {
			if s, ok := k.Value.(ast.String); ok {
				out[string(s)] = v.Value
			}
		})
	}
	return out
}

func numberOf(v ast.Value) (float64, bool) {
	n, ok := v.(ast.Number)
	if !ok {
		return 0, false
	}
	return n.Float64()
}

// userEntries reads storewise.user.eliminate or .points: each an object with a known
// product and a text; dimension and source default to "policy" and "user policy"; points
// are a number within ±MaxUserPoints. An error names the rules (at) that made the entries.
func userEntries(v ast.Value, rule string, at []string) ([]userEntry, error) {
	var out []userEntry
	bad := func(format string, args ...any) error {
		where := "storewise.user." + rule
		if len(at) > 0 {
			where = strings.Join(at, ", ") + ": " + where
		}
		return &PolicyError{fmt.Errorf(where+": "+format, args...)}
	}
	for _, m := range elems(v) {
		if _, ok := m.(ast.Object); !ok {
			return nil, bad("entry %v: want an object like {\"product\": \"d1\", \"text\": \"...\"}", m)
		}
		str := func(k, def string) string {
			if s, ok := field(m, k).(ast.String); ok && s != "" {
				return string(s)
			}
			return def
		}
		u := userEntry{product: str("product", ""), dimension: str("dimension", "policy"), text: str("text", ""), source: str("source", "user policy")}
		if !slices.Contains(matrix.ProductIDs, u.product) || u.text == "" {
			return nil, bad("entry for %q: product must be one of %s, and text is required", u.product, strings.Join(matrix.ProductIDs, ", "))
		}
		if rule == "points" {
			n, isNum := field(m, "points").(ast.Number)
			f, ok := n.Float64()
			if !isNum {
				return nil, bad("entry for %q: points must be a number", u.product)
			}
			if !ok || math.Abs(f) > MaxUserPoints {
				return nil, bad("entry for %q: points %s is outside -%d..%d", u.product, n, MaxUserPoints, MaxUserPoints)
			}
			u.points = f
		}
		out = append(out, u)
	}
	return out, nil
}

// advice is what follows from the pick: data.storewise.decision.advice.
type advice struct {
	pattern  *adviceCase
	ttl      *adviceTTL
	warnings []string
}

type adviceCase struct {
	key      string
	products []string
}

type adviceTTL struct {
	role                 string
	cacheTTL, expiration float64
	hasExpiration        bool
	miss, stale          string
}

// advise evaluates the pattern, the TTLs and the warnings for the pick: the input is the
// answers' with input.pick (primary, eliminated, banned) added.
func (e *Engine) advise(ctx context.Context, a *answers.Answers, d derived, in ast.Value, p *picked) (*advice, error) {
	obj := in.(ast.Object)
	primary := ast.NullTerm()
	if p.primary != "" {
		primary = ast.StringTerm(p.primary)
	}
	var out []*ast.Term
	for _, prod := range matrix.ProductIDs {
		if p.eliminated[prod] {
			out = append(out, ast.StringTerm(prod))
		}
	}
	banned := make([]*ast.Term, len(p.banned))
	for i, prod := range p.banned {
		banned[i] = ast.StringTerm(prod)
	}
	runnerUp := ast.NullTerm()
	if p.runnerUp != "" {
		runnerUp = ast.StringTerm(p.runnerUp)
	}
	with := ast.NewObject(ast.Item(ast.StringTerm("pick"), ast.ObjectTerm(
		ast.Item(ast.StringTerm("primary"), primary),
		ast.Item(ast.StringTerm("runner_up"), runnerUp),
		ast.Item(ast.StringTerm("eliminated"), ast.ArrayTerm(out...)),
		ast.Item(ast.StringTerm("banned"), ast.ArrayTerm(banned...)),
	)))
	obj.Foreach(func(k, v *ast.Term) { with.Insert(k, v) })
	val, err := e.eval(ctx, e.advice, with)
	if err != nil {
		return nil, err
	}
	adv := &advice{}
	if pat, ok := field(val, "pattern").(ast.Object); ok {
		c := &adviceCase{products: stringsOf(field(pat, "products"))}
		key, _ := field(pat, "case").(ast.String)
		c.key = string(key)
		if _, ok := e.book.patterns[c.key]; !ok {
			return nil, fmt.Errorf("rules: the policy advised pattern %q, which policy/cases.yaml does not define", c.key)
		}
		adv.pattern = c
	}
	if t, ok := field(val, "ttl").(ast.Object); ok {
		str := func(k string) string {
			s, _ := field(t, k).(ast.String)
			return string(s)
		}
		tt := &adviceTTL{role: str("role"), miss: str("miss"), stale: str("stale")}
		share, okShare := numberOf(field(t, "cache_share"))
		limit, okCap := numberOf(field(t, "cache_cap_seconds"))
		if !okShare || !okCap {
			return nil, fmt.Errorf("rules: the policy's TTL guidance has no cache_share or cache_cap_seconds")
		}
		e.ttlArithmetic(tt, a, d, share, limit)
		_, okText := e.book.ttlText[tt.role]
		_, okMiss := e.book.steps[1].answers[tt.miss]
		_, okStale := e.book.steps[3].answers[tt.stale]
		if !okText || !okMiss || !okStale {
			return nil, fmt.Errorf("rules: the policy's TTL guidance (role %q, miss %q, stale %q) has no sentence in policy/cases.yaml", tt.role, tt.miss, tt.stale)
		}
		adv.ttl = tt
	}
	for _, w := range stringsOf(field(val, "warnings")) {
		if _, ok := e.book.warnings[w]; !ok {
			return nil, fmt.Errorf("rules: the policy warned %q, which policy/cases.yaml does not define", w)
		}
		adv.warnings = append(adv.warnings, w)
	}
	return adv, nil
}

// ttlArithmetic computes the TTLs from the policy's answers to the four questions: "match
// your TTL to the most restrictive answer". cacheTtl is the least of its share of the
// budget (the staleness ceiling less propagation), the change interval and the cap, never
// below the minimum cacheTtl; a cache's expirationTtl is the least of the rest of the
// budget, the change interval and the longest expiration, never below its minimum.
func (e *Engine) ttlArithmetic(t *adviceTTL, a *answers.Answers, d derived, share, limit float64) {
	budget := a.StalenessSeconds - e.fact(matrix.KV, "propagation_seconds")
	t.cacheTTL = math.Max(e.fact(matrix.KV, "min_cache_ttl_seconds"), math.Floor(min(budget*share, d.ChangeIntervalSeconds, limit)))
	if t.role == "cache" {
		t.hasExpiration = true
		t.expiration = math.Max(e.fact(matrix.KV, "min_expiration_ttl_seconds"),
			math.Floor(min(budget-t.cacheTTL, d.ChangeIntervalSeconds, e.policy.Thresholds["ttl_max_expiration_seconds"])))
	}
}

// assemble writes the recommendation: every case's sentence, the ranking with its reasons
// in the seed's order of concerns, the pattern and the TTL guidance.
func (e *Engine) assemble(a *answers.Answers, d derived, costs []Cost, p *picked, adv *advice) *Recommendation {
	v := &vars{costs: d.CostText}
	v.text[vConsistency] = a.Consistency
	v.text[vWritePercent] = d.WritePercent
	v.text[vValueSize] = size(a.ValueBytes)
	v.text[vMaxValueSize] = size(a.MaxValueBytes)
	v.text[vHotKeyWrites] = number(a.HotKeyWritesPerSecond)
	v.text[vDatasetGB] = number(a.DatasetGB)
	v.text[vStaleness] = number(a.StalenessSeconds)
	v.text[vResidency] = a.Residency
	switch a.ExistingDatabase {
	case "postgres":
		v.text[vDatabase] = "PostgreSQL"
	case "mysql":
		v.text[vDatabase] = "MySQL"
	default:
		v.text[vDatabase] = "the database"
	}
	v.text[vStore] = e.book.stores[p.primary]
	// A queue or a workflow writes to the store beside it.
	if adv.pattern != nil && len(adv.pattern.products) > 1 && (p.primary == matrix.Queues || p.primary == matrix.Workflows) {
		v.text[vStore] = e.book.stores[adv.pattern.products[1]]
	}

	var inplayCosts []Cost
	for _, c := range costs {
		if slices.Contains(p.inplay, c.Product) {
			inplayCosts = append(inplayCosts, c)
		}
	}
	r := &Recommendation{
		Version:     1,
		Workload:    a.Workload,
		Primary:     p.primary,
		RunnerUp:    p.runnerUp,
		Cost:        inplayCosts,
		Flips:       []Flip{},
		Assumptions: append([]string{}, a.Assumptions...),
		Findings:    []Finding{},
		Answers:     a,
	}
	if adv.ttl != nil {
		t := adv.ttl
		prop := e.fact(matrix.KV, "propagation_seconds")
		v.text[vCacheTTL] = number(t.cacheTTL)
		v.text[vExpirationTTL] = number(t.expiration)
		v.text[vReach] = number(t.cacheTTL + t.expiration + prop)
		v.text[vBudget] = number(math.Max(a.StalenessSeconds-prop, 0))
		v.text[vInterval] = duration(d.ChangeIntervalSeconds)
		r.TTL = &TTL{Role: t.role, CacheTTLSeconds: int(t.cacheTTL), Text: e.book.ttlText[t.role].render(v)}
		if t.hasExpiration {
			n := int(t.expiration)
			r.TTL.ExpirationTTLSeconds = &n
		}
		for i, st := range e.book.steps {
			ans := st.answer
			switch i {
			case 1:
				ans = st.answers[t.miss]
			case 3:
				ans = st.answers[t.stale]
			}
			r.TTL.Steps = append(r.TTL.Steps, TTLStep{Question: st.question, Answer: ans.render(v)})
		}
	}
	if adv.pattern != nil {
		pc := e.book.patterns[adv.pattern.key]
		r.Pattern = &Pattern{Name: pc.name, Products: adv.pattern.products, Text: pc.text.render(v), Source: pc.source,
			Cost: patternCost(e.m, a, adv.pattern.key, adv.pattern.products), Paths: []Path{}}
		end := func(s string) string {
			switch {
			case s == "worker":
				return s
			case s == "1" && len(adv.pattern.products) > 1:
				return adv.pattern.products[1]
			}
			return adv.pattern.products[0]
		}
		for _, pa := range pc.paths {
			r.Pattern.Paths = append(r.Pattern.Paths, Path{From: end(pa[0]), To: end(pa[1]), Label: pa[2], Kind: pa[3]})
		}
	}

	var warnings []string
	for _, w := range adv.warnings {
		warnings = append(warnings, e.book.warnings[w].render(v))
	}
	r.Warnings = append(append([]string{}, a.Warnings...), sortedUnique(append(warnings, p.userWarnings...))...)
	if p.primary == "" {
		r.Warnings = append(r.Warnings, "Every product is eliminated: no Cloudflare store fits these answers as given. Check the hard limits in the reasons.")
	} else if score := p.scores[p.primary]; score < e.policy.Thresholds["poor_fit_score"] {
		r.Warnings = append(r.Warnings, e.poorFit(p, adv))
	}

	// Every product's reasons: the score cases' and the cost band's sentences, the user's
	// points, and for an eliminated product what rules it out.
	scored := map[string][]Reason{}
	add := func(prod string, s share) {
		// A share too small to round to a point says nothing a reviewer can weigh.
		if s.points != 0 {
			v.product = prod
			scored[prod] = append(scored[prod], Reason{Dimension: s.dimension, Points: s.points, Text: s.text.render(v), Source: s.source})
		}
	}
	for _, c := range p.cases {
		for prod, s := range e.book.score[c].products {
			add(prod, s)
		}
	}
	for prod, band := range p.cost {
		add(prod, e.book.cost[band])
	}
	for _, u := range p.userPoints {
		if int(u.points) != 0 {
			scored[u.product] = append(scored[u.product], Reason{Dimension: u.dimension, Points: int(u.points), Text: u.text, Source: u.source})
		}
	}
	elim := map[string][]Reason{}
	for prod, cs := range p.out {
		for _, c := range cs {
			s := e.book.eliminate[prod][c]
			elim[prod] = append(elim[prod], Reason{Dimension: s.dimension, Text: s.text.render(v), Source: s.source})
		}
	}
	for _, u := range p.userOut {
		elim[u.product] = append(elim[u.product], Reason{Dimension: u.dimension, Text: u.text, Source: u.source})
	}
	// A product the advised pattern uses is out only as the store of record: the verdict
	// must not call the cache it recommends "eliminated" without saying so.
	if r.Pattern != nil {
		for _, prod := range r.Pattern.Products {
			for i := range elim[prod] {
				elim[prod][i].Text = "As the store of record: " + elim[prod][i].Text
			}
		}
	}
	// The policy's dimensions, then a user policy's own, in the order of its entries.
	r.Dimensions = slices.Clone(e.policy.Dimensions)
	for _, u := range slices.Concat(p.userPoints, p.userOut) {
		if !slices.Contains(r.Dimensions, u.dimension) {
			r.Dimensions = append(r.Dimensions, u.dimension)
		}
	}
	dimOrder := func(dim string) int { return slices.Index(r.Dimensions, dim) }
	order := func(rs []Reason) []Reason {
		slices.SortStableFunc(rs, func(x, y Reason) int {
			return cmp.Or(cmp.Compare(dimOrder(x.Dimension), dimOrder(y.Dimension)), cmp.Compare(y.Points, x.Points),
				strings.Compare(x.Text, y.Text), strings.Compare(x.Source, y.Source))
		})
		// The same reason twice (a user policy repeating itself) is said once.
		return slices.Compact(rs)
	}
	for _, prod := range p.order {
		info, _ := e.m.Product(prod)
		entry := Ranked{Product: prod, Name: info.Name, Score: int(p.scores[prod]), Eliminated: p.eliminated[prod], Points: map[string]int{}}
		for _, x := range scored[prod] {
			entry.Points[x.Dimension] += x.Points
		}
		if entry.Eliminated {
			entry.Reasons, entry.Scored = order(elim[prod]), order(scored[prod])
		} else {
			entry.Reasons = order(scored[prod])
		}
		if entry.Reasons == nil {
			entry.Reasons = []Reason{}
		}
		r.Ranking = append(r.Ranking, entry)
	}
	return r
}

// poorFit says that nothing fits well, and names the combination that would: the pattern
// advised, or else the pick beside the product that does best where the pick is weakest
// among the first concerns (consistency, then data shape), eliminated or not: each for the
// part of the data it suits.
func (e *Engine) poorFit(p *picked, adv *advice) string {
	name := func(id string) string {
		info, _ := e.m.Product(id)
		return info.Name
	}
	combo := []string{p.primary}
	if adv.pattern != nil {
		combo = adv.pattern.products
	} else {
		on := map[string]map[string]int{} // dimension → product → points
		for _, c := range p.cases {
			sc := e.book.score[c]
			for prod, sh := range sc.products {
				if on[sc.dimension] == nil {
					on[sc.dimension] = map[string]int{}
				}
				on[sc.dimension][prod] += sh.points
			}
		}
		for _, dim := range []string{"consistency", "data_shape"} {
			best, bestPts := "", on[dim][p.primary]
			for _, prod := range p.inplay {
				if prod != p.primary && on[dim][prod] > bestPts {
					best, bestPts = prod, on[dim][prod]
				}
			}
			if best != "" {
				combo = append(combo, best)
				break
			}
		}
	}
	names := make([]string, len(combo))
	for i, id := range combo {
		names[i] = name(id)
	}
	msg := fmt.Sprintf("Nothing fits these answers well: the best, %s, scores %d points (below %g).", name(p.primary), int(p.scores[p.primary]), e.policy.Thresholds["poor_fit_score"])
	if len(names) > 1 {
		msg += " Combine " + strings.Join(names, " and ") + ", each for the part of the data it suits (see each one's reasons)."
	}
	return msg
}

// fact is a fact's number, for the arithmetic of the TTL sentences.
func (e *Engine) fact(product, key string) float64 {
	p, _ := e.m.Product(product)
	f, _ := p.Fact(key)
	return f.Value
}
