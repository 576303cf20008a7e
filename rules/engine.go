// Package rules decides: given a workload's answers, it eliminates, scores and ranks the
// five products, advises a hybrid pattern and TTLs, and finds the answers that would change
// the pick.
//
// Policy lives in Rego (policy/*.rego, Rego v1, evaluated embedded with OPA from a query
// prepared once); arithmetic lives in Go: the write ratio, the monthly cost of each product
// and the change interval are derived here and passed as input. A user's own modules
// (package storewise.user) can eliminate products, add points and add warnings.
package rules

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/storage/inmem"

	"github.com/storewise/storewise/answers"
	"github.com/storewise/storewise/matrix"
)

//go:embed policy/*.rego policy/data.json
var policyFS embed.FS

// DefaultTimeout bounds one evaluation, so a user policy that loops cannot hang the advisor.
const DefaultTimeout = 2 * time.Second

// Options configure an Engine.
type Options struct {
	// PolicyDir holds the user's Rego modules (*.rego, package storewise.user or below);
	// empty for none. Files ending in _test.rego are tests, not policy.
	PolicyDir string
	// Timeout bounds each evaluation; zero means DefaultTimeout.
	Timeout time.Duration
}

// Engine evaluates answers against the compiled policy. It is safe for concurrent use.
type Engine struct {
	m            *matrix.Matrix
	query        rego.PreparedEvalQuery
	primaryQuery rego.PreparedEvalQuery
	timeout      time.Duration
	userPolicy   bool // a --policy directory was loaded
	policy       policyData
}

// policyData is the part of data.json that Go needs too (to find the answers that flip
// the pick, and to order reasons).
type policyData struct {
	Weights    map[string]float64 `json:"weights"`
	Dimensions []string           `json:"dimensions"`
	Thresholds map[string]float64 `json:"thresholds"`
}

// PolicyError is a user policy that does not load, compile or evaluate; it names the file
// and line where OPA gives them.
type PolicyError struct {
	Err error
}

func (e *PolicyError) Error() string { return "policy: " + e.Err.Error() }
func (e *PolicyError) Unwrap() error { return e.Err }

// New compiles the built-in policy and the user's, once.
func New(ctx context.Context, m *matrix.Matrix, opts Options) (*Engine, error) {
	e := &Engine{m: m, timeout: opts.Timeout}
	if e.timeout <= 0 {
		e.timeout = DefaultTimeout
	}
	store, pd, err := policyStore(m)
	if err != nil {
		return nil, err
	}
	e.policy = pd
	// Compile the modules once and prepare two queries on them: the whole decision, and
	// the primary pick alone, which the search for flips asks dozens of times and which
	// needs neither the pattern, the TTLs nor the conversion of the full result.
	srcs, err := builtinModules(false)
	if err != nil {
		return nil, err
	}
	mods := map[string]*ast.Module{}
	for name, src := range srcs {
		mod, err := ast.ParseModuleWithOpts(name, src, ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			return nil, fmt.Errorf("rules: built-in policy: %w", err)
		}
		mods[name] = mod
	}
	if opts.PolicyDir != "" {
		e.userPolicy = true
		user, err := loadUserModules(opts.PolicyDir)
		if err != nil {
			return nil, &PolicyError{err}
		}
		for _, mod := range user {
			mods[mod.Package.Location.File] = mod
		}
	}
	compiler := ast.NewCompiler().WithCapabilities(sandboxCapabilities())
	if compiler.Compile(mods); compiler.Failed() {
		if opts.PolicyDir != "" {
			return nil, &PolicyError{compiler.Errors}
		}
		return nil, fmt.Errorf("rules: built-in policy: %w", compiler.Errors)
	}
	prepare := func(query string) (rego.PreparedEvalQuery, error) {
		return rego.New(
			rego.Query(query),
			rego.Compiler(compiler),
			rego.Store(store),
			rego.StrictBuiltinErrors(true),
		).PrepareForEval(ctx)
	}
	if e.query, err = prepare("data.storewise.decision.result"); err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	if e.primaryQuery, err = prepare("data.storewise.rank.primary"); err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	return e, nil
}

// policyStore builds the data document the policy reads: data.json (weights, thresholds,
// sources), the product order and the facts. The store hands out AST values, so the
// policy's many reads of it need no conversion.
func policyStore(m *matrix.Matrix) (storage.Store, policyData, error) {
	var pd policyData
	raw, err := policyFS.ReadFile("policy/data.json")
	if err != nil {
		return nil, pd, err
	}
	if err := json.Unmarshal(raw, &pd); err != nil {
		return nil, pd, fmt.Errorf("rules: policy/data.json: %w", err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, pd, fmt.Errorf("rules: policy/data.json: %w", err)
	}
	doc["order"] = matrix.ProductIDs
	doc["facts"] = factsDocument(m)
	doc["points"] = pointsTable(pd.Weights)
	store := inmem.NewFromObjectWithOpts(map[string]any{"storewise": doc}, inmem.OptReturnASTValuesOnRead(true))
	return store, pd, nil
}

// builtinModules returns the embedded Rego sources by file name, with or without their
// tests.
func builtinModules(withTests bool) (map[string]string, error) {
	names, err := fs.Glob(policyFS, "policy/*.rego")
	if err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, name := range names {
		if strings.HasSuffix(name, "_test.rego") && !withTests {
			continue
		}
		src, err := policyFS.ReadFile(name)
		if err != nil {
			return nil, err
		}
		out[name] = string(src)
	}
	return out, nil
}

// pointsTable gives, for each dimension, the points of every whole-percent share of its
// weight: points[dim][share+100] = round(weight × share / 100), share from -100 to 100. The
// policy looks points up rather than multiplying, because OPA's float arithmetic is slow.
func pointsTable(weights map[string]float64) map[string][]int {
	out := map[string][]int{}
	for dim, w := range weights {
		row := make([]int, 201)
		for i := range row {
			row[i] = int(math.Round(w * float64(i-100) / 100))
		}
		out[dim] = row
	}
	return out
}

// factsDocument gives the policy every fact as data.storewise.facts[product][key] =
// {value, text, source}, so no limit is a literal buried in a rule.
func factsDocument(m *matrix.Matrix) map[string]any {
	out := map[string]any{}
	for _, p := range m.Products {
		fs := map[string]any{}
		for _, f := range p.Facts {
			fs[f.Key] = map[string]any{"value": f.Value, "text": f.Text, "source": f.Source}
		}
		out[p.ID] = fs
	}
	return out
}

// sandboxCapabilities are OPA's builtins less those that reach the network, read the
// environment, or make the same answers give different output.
func sandboxCapabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	denied := func(name string) bool {
		for _, p := range []string{"http.", "net.", "opa.runtime", "rand.", "uuid.", "time.now_ns", "trace"} {
			if strings.HasPrefix(name, p) {
				return true
			}
		}
		return false
	}
	kept := caps.Builtins[:0:0]
	for _, b := range caps.Builtins {
		if !denied(b.Name) {
			kept = append(kept, b)
		}
	}
	caps.Builtins = kept
	caps.AllowNet = []string{}
	return caps
}

// loadUserModules parses every *.rego under dir (tests excepted) and checks that each
// contributes to package storewise.user, so a policy adds to the advisor's decision without
// silently redefining the built-in rules.
func loadUserModules(dir string) ([]*ast.Module, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("reading policy directory: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s: not a directory", dir)
	}
	var mods []*ast.Module
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() || !strings.HasSuffix(path, ".rego") || strings.HasSuffix(path, "_test.rego") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		mod, err := ast.ParseModuleWithOpts(path, string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
		if err != nil {
			return err
		}
		pkg := mod.Package.Path.String()
		if pkg != "data.storewise.user" && !strings.HasPrefix(pkg, "data.storewise.user.") {
			return fmt.Errorf("%s:%d: package %s: a policy must be in package storewise.user (or below it), where it can add eliminate, points and warnings",
				path, mod.Package.Location.Row, strings.TrimPrefix(pkg, "data."))
		}
		mods = append(mods, mod)
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(mods) == 0 {
		return nil, fmt.Errorf("%s: no .rego policy files", dir)
	}
	return mods, nil
}

// decision is what data.storewise.decision.result holds.
type decision struct {
	Eliminated []struct {
		Product   string `json:"product"`
		Dimension string `json:"dimension"`
		Text      string `json:"text"`
		Source    string `json:"source"`
	} `json:"eliminated"`
	Reasons []struct {
		Product   string  `json:"product"`
		Dimension string  `json:"dimension"`
		Points    float64 `json:"points"`
		Text      string  `json:"text"`
		Source    string  `json:"source"`
	} `json:"reasons"`
	Ranking []struct {
		Product    string  `json:"product"`
		Score      float64 `json:"score"`
		Eliminated bool    `json:"eliminated"`
	} `json:"ranking"`
	Primary  *string  `json:"primary"`
	RunnerUp *string  `json:"runner_up"`
	Pattern  *Pattern `json:"pattern"`
	TTL      *struct {
		Role                 string    `json:"role"`
		CacheTTLSeconds      float64   `json:"cache_ttl_seconds"`
		ExpirationTTLSeconds *float64  `json:"expiration_ttl_seconds"`
		Text                 string    `json:"text"`
		Steps                []TTLStep `json:"steps"`
	} `json:"ttl"`
	Warnings []string `json:"warnings"`
}

// derived are the numbers Go computes for the policy.
type derived struct {
	WriteRatio            float64            `json:"write_ratio"`
	WritePercent          string             `json:"write_percent"`
	Cost                  map[string]float64 `json:"cost"`
	CostText              map[string]string  `json:"cost_text"`
	ChangeIntervalSeconds float64            `json:"change_interval_seconds"`
}

func derive(costs []Cost, a *answers.Answers) derived {
	d := derived{Cost: map[string]float64{}, CostText: map[string]string{}}
	if total := a.ReadsPerMonth + a.WritesPerMonth; total > 0 {
		d.WriteRatio = a.WritesPerMonth / total
	}
	switch pct := d.WriteRatio * 100; {
	case pct > 0 && pct < 0.1:
		d.WritePercent = "under 0.1"
	default:
		d.WritePercent = strconv.FormatFloat(math.Round(pct*10)/10, 'f', -1, 64)
	}
	for _, c := range costs {
		d.Cost[c.Product] = c.MonthlyUSD
		d.CostText[c.Product] = fmt.Sprintf("%.2f", c.MonthlyUSD)
	}
	// How often a typical key changes: the writes spread over the keys the data set holds.
	keys := 1.0
	if a.ValueBytes > 0 {
		keys = math.Max(1, a.DatasetGB*1e9/a.ValueBytes)
	}
	d.ChangeIntervalSeconds = secondsPerMonth
	if perKey := a.WritesPerMonth / keys; perKey > 1 {
		d.ChangeIntervalSeconds = math.Round(secondsPerMonth / perKey)
	}
	return d
}

// answerFields are the answers' fields the policy sees, by their answers-file (JSON) names.
var answerFields = func() []reflect.StructField {
	var out []reflect.StructField
	for _, f := range reflect.VisibleFields(reflect.TypeFor[answers.Answers]()) {
		if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" && name != "-" {
			out = append(out, f)
		}
	}
	return out
}()

// inputValue builds the policy's input as OPA values directly, where a round trip through
// JSON text cost a tenth of each evaluation of the pick. Numbers are written exactly as
// encoding/json writes them, so the policy sees (and prints) the same numbers.
func inputValue(a *answers.Answers, d derived) (ast.Value, error) {
	var bad error
	numberTerm := func(f float64) *ast.Term {
		t, err := numberTerm(f)
		if err != nil {
			bad = err
		}
		return t
	}
	rv := reflect.ValueOf(a).Elem()
	ans := make([][2]*ast.Term, 0, len(answerFields))
	for _, f := range answerFields {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		var t *ast.Term
		switch v := rv.FieldByIndex(f.Index); v.Kind() {
		case reflect.String:
			t = ast.StringTerm(v.String())
		case reflect.Bool:
			t = ast.BooleanTerm(v.Bool())
		case reflect.Int:
			t = ast.IntNumberTerm(int(v.Int()))
		case reflect.Float64:
			t = numberTerm(v.Float())
		default:
			panic("rules: answers field " + f.Name + " has no policy value") // caught by tests
		}
		ans = append(ans, [2]*ast.Term{ast.StringTerm(name), t})
	}
	cost := make([][2]*ast.Term, 0, len(d.Cost))
	for _, p := range slices.Sorted(maps.Keys(d.Cost)) { // in the order JSON gave them
		cost = append(cost, [2]*ast.Term{ast.StringTerm(p), numberTerm(d.Cost[p])})
	}
	costText := make([][2]*ast.Term, 0, len(d.CostText))
	for _, p := range slices.Sorted(maps.Keys(d.CostText)) {
		costText = append(costText, [2]*ast.Term{ast.StringTerm(p), ast.StringTerm(d.CostText[p])})
	}
	v := ast.NewObject(
		ast.Item(ast.StringTerm("answers"), ast.ObjectTerm(ans...)),
		ast.Item(ast.StringTerm("derived"), ast.ObjectTerm(
			ast.Item(ast.StringTerm("write_ratio"), numberTerm(d.WriteRatio)),
			ast.Item(ast.StringTerm("write_percent"), ast.StringTerm(d.WritePercent)),
			ast.Item(ast.StringTerm("cost"), ast.ObjectTerm(cost...)),
			ast.Item(ast.StringTerm("cost_text"), ast.ObjectTerm(costText...)),
			ast.Item(ast.StringTerm("change_interval_seconds"), numberTerm(d.ChangeIntervalSeconds)),
		)),
	)
	return v, bad
}

// numberTerm is f as encoding/json writes it (200000000, not 2e+08), which is how the
// policy's sprintf prints it.
func numberTerm(f float64) (*ast.Term, error) {
	raw, err := json.Marshal(f) // fails for NaN and ±Inf, as the round trip did
	if err != nil {
		return nil, err
	}
	return ast.NumberTerm(json.Number(raw)), nil
}

// eval runs a prepared query on the answers, within the time limit.
func (e *Engine) eval(ctx context.Context, q rego.PreparedEvalQuery, a *answers.Answers, costs []Cost) (any, error) {
	v, err := inputValue(a, derive(costs, a))
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, e.timeout)
	defer cancel()
	rs, err := q.Eval(ctx, rego.EvalParsedInput(v))
	if err != nil {
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, &PolicyError{fmt.Errorf("evaluation took longer than %v (a policy that loops?)", e.timeout)}
		}
		return nil, &PolicyError{err}
	}
	if len(rs) == 0 || len(rs[0].Expressions) == 0 {
		return nil, nil // undefined
	}
	return rs[0].Expressions[0].Value, nil
}

// decide runs the whole policy once.
func (e *Engine) decide(ctx context.Context, a *answers.Answers, costs []Cost) (*decision, error) {
	val, err := e.eval(ctx, e.query, a, costs)
	if err != nil {
		return nil, err
	}
	if val == nil {
		return nil, &PolicyError{errors.New("the decision is undefined: a policy rule conflicts with the built-in ones")}
	}
	out, err := json.Marshal(val)
	if err != nil {
		return nil, err
	}
	var d decision
	if err := json.Unmarshal(out, &d); err != nil {
		return nil, &PolicyError{fmt.Errorf("the decision has an unexpected shape (check the policy's eliminate, points and warnings): %w", err)}
	}
	if err := d.check(); err != nil {
		return nil, &PolicyError{err}
	}
	return &d, nil
}

// primary runs only as much of the policy as the primary pick needs; "" when every
// product is eliminated.
func (e *Engine) primary(ctx context.Context, a *answers.Answers) (string, error) {
	val, err := e.eval(ctx, e.primaryQuery, a, Costs(e.m, a))
	if err != nil {
		return "", err
	}
	s, _ := val.(string)
	return s, nil
}

// check refuses policy output that names products or dimensions the advisor does not know,
// so a typo in a user policy is an error, not a silent no-op.
func (d *decision) check() error {
	known := func(p string) bool { return slices.Contains(matrix.ProductIDs, p) }
	for _, e := range d.Eliminated {
		if !known(e.Product) || e.Text == "" {
			return fmt.Errorf("storewise.user.eliminate: entry for %q: product must be one of %s, and text is required", e.Product, strings.Join(matrix.ProductIDs, ", "))
		}
	}
	for _, r := range d.Reasons {
		if !known(r.Product) || r.Text == "" {
			return fmt.Errorf("storewise.user.points: entry for %q: product must be one of %s, and text is required", r.Product, strings.Join(matrix.ProductIDs, ", "))
		}
	}
	return nil
}

// Decide evaluates the answers: ranking, reasons, pattern, TTL and costs, without looking
// for the answers that would flip the pick (the interview's live panel uses this).
func (e *Engine) Decide(ctx context.Context, a *answers.Answers) (*Recommendation, error) {
	costs := Costs(e.m, a)
	d, err := e.decide(ctx, a, costs)
	if err != nil {
		return nil, err
	}
	return e.assemble(a, d, costs), nil
}

// Evaluate is Decide plus what would change the answer, and the scan's findings.
func (e *Engine) Evaluate(ctx context.Context, a *answers.Answers, findings []Finding) (*Recommendation, error) {
	r, err := e.Decide(ctx, a)
	if err != nil {
		return nil, err
	}
	if r.Flips, err = e.flips(ctx, a, r.Primary); err != nil {
		return nil, err
	}
	if findings != nil {
		r.Findings = findings
	}
	return r, nil
}

func (e *Engine) assemble(a *answers.Answers, d *decision, costs []Cost) *Recommendation {
	r := &Recommendation{
		Version:     1,
		Workload:    a.Workload,
		Pattern:     d.Pattern,
		Cost:        costs,
		Flips:       []Flip{},
		Assumptions: append([]string{}, a.Assumptions...),
		Warnings:    append(append([]string{}, a.Warnings...), sortedUnique(d.Warnings)...),
		Findings:    []Finding{},
		Answers:     a,
	}
	if d.Primary != nil {
		r.Primary = *d.Primary
	} else {
		r.Warnings = append(r.Warnings, "Every product is eliminated: no Cloudflare store fits these answers as given. Check the hard limits in the reasons.")
	}
	if d.RunnerUp != nil {
		r.RunnerUp = *d.RunnerUp
	}
	dimOrder := func(dim string) int {
		if i := slices.Index(e.policy.Dimensions, dim); i >= 0 {
			return i
		}
		return len(e.policy.Dimensions)
	}
	for _, rk := range d.Ranking {
		p, _ := e.m.Product(rk.Product)
		entry := Ranked{Product: rk.Product, Name: p.Name, Score: int(rk.Score), Eliminated: rk.Eliminated, Points: map[string]int{}}
		var scored, elim []Reason
		for _, x := range d.Reasons {
			// A share too small to round to a point says nothing a reviewer can weigh.
			if x.Product == rk.Product && int(x.Points) != 0 {
				scored = append(scored, Reason{Dimension: x.Dimension, Points: int(x.Points), Text: x.Text, Source: x.Source})
				entry.Points[x.Dimension] += int(x.Points)
			}
		}
		for _, x := range d.Eliminated {
			if x.Product == rk.Product {
				elim = append(elim, Reason{Dimension: x.Dimension, Text: x.Text, Source: x.Source})
			}
		}
		order := func(rs []Reason) {
			sort.SliceStable(rs, func(i, j int) bool {
				if oi, oj := dimOrder(rs[i].Dimension), dimOrder(rs[j].Dimension); oi != oj {
					return oi < oj
				}
				if rs[i].Points != rs[j].Points {
					return rs[i].Points > rs[j].Points
				}
				return rs[i].Text < rs[j].Text
			})
		}
		order(scored)
		order(elim)
		if rk.Eliminated {
			entry.Reasons, entry.Scored = elim, scored
		} else {
			entry.Reasons = scored
		}
		if entry.Reasons == nil {
			entry.Reasons = []Reason{}
		}
		r.Ranking = append(r.Ranking, entry)
	}
	if d.TTL != nil {
		t := &TTL{Role: d.TTL.Role, CacheTTLSeconds: int(d.TTL.CacheTTLSeconds), Text: d.TTL.Text, Steps: d.TTL.Steps}
		if d.TTL.ExpirationTTLSeconds != nil {
			n := int(*d.TTL.ExpirationTTLSeconds)
			t.ExpirationTTLSeconds = &n
		}
		r.TTL = t
	}
	return r
}

func sortedUnique(s []string) []string {
	s = slices.Clone(s)
	slices.Sort(s)
	return slices.Compact(s)
}

// Matrix returns the facts the engine decides with.
func (e *Engine) Matrix() *matrix.Matrix { return e.m }

// Dimensions lists the scoring dimensions in the seed's order of concerns.
func (e *Engine) Dimensions() []string { return slices.Clone(e.policy.Dimensions) }
