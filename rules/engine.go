// Package rules decides: given a workload's answers, it eliminates, scores and ranks the
// five products, advises a hybrid pattern and TTLs, and finds the answers that would change
// the pick.
//
// Policy lives in Rego (policy/*.rego, Rego v1, evaluated embedded with OPA from queries
// prepared once); arithmetic lives in Go: the write ratio, the monthly cost of each product
// and the change interval are derived here and passed as input. The policy decides cases
// (which eliminations, which scores, which cost band, pattern and TTL answers hold), each a
// key of policy/cases.yaml, where its points and its sentence are; Go sums the points,
// ranks, computes the TTLs and writes the sentences. A user's own modules (package
// storewise.user) can eliminate products, add points and add warnings.
package rules

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
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

//go:embed policy/*.rego policy/data.json policy/cases.yaml
var policyFS embed.FS

// DefaultTimeout bounds what a user policy costs in a run (compiling it and every
// evaluation together), so a policy that loops cannot hang the advisor.
const DefaultTimeout = 2 * time.Second

// Options configure an Engine.
type Options struct {
	// PolicyDir holds the user's Rego modules (*.rego, package storewise.user or below);
	// empty for none. Files ending in _test.rego are tests, not policy.
	PolicyDir string
	// Timeout bounds the time a user policy costs in the engine's life: compiling it and
	// every evaluation together (budget.go); zero means DefaultTimeout. Without a user
	// policy nothing is bounded: the built-in policy cannot loop.
	Timeout time.Duration
}

// Engine evaluates answers against the compiled policy. It is safe for concurrent use.
type Engine struct {
	m          *matrix.Matrix
	cases      rego.PreparedEvalQuery // data.storewise.decision.cases: what the pick needs
	advice     rego.PreparedEvalQuery // data.storewise.decision.advice: what follows from it
	userPolicy bool                   // a --policy directory was loaded
	// budget bounds what the user policy costs (nil without one); userModules are its
	// files, for errors.
	budget      *budget
	userModules map[string]bool
	// userRules are where the user's eliminate, points and warnings rules are ("file:line"),
	// for the errors of what they produce.
	userRules map[string][]string
	policy    policyData
	book      *book
	// limits are input.facts (each fact's number, by product and key) and
	// input.thresholds (data.json's), built once: the policy compares the answers with
	// them in nearly every rule, and a read of input costs a third of a read of data.
	limits [][2]*ast.Term
}

// policyData is the part of data.json that Go needs too (to find the answers that flip
// the pick, and to order reasons).
type policyData struct {
	Weights    map[string]float64 `json:"weights"`
	Dimensions []string           `json:"dimensions"`
	Thresholds map[string]float64 `json:"thresholds"`
	// Book names the sections of the book chapter a sentence rests on where no public page
	// says the same; Pages are the public pages the reasons cite.
	Book  map[string]string `json:"book"`
	Pages map[string]string `json:"pages"`
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
	e := &Engine{m: m}
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	store, pd, err := policyStore(m)
	if err != nil {
		return nil, err
	}
	e.policy = pd
	raw, err := policyFS.ReadFile("policy/cases.yaml")
	if err != nil {
		return nil, err
	}
	if e.book, err = loadBook(raw, m, pd); err != nil {
		return nil, fmt.Errorf("rules: %w", err)
	}
	if e.limits, err = limitsInput(m, pd); err != nil {
		return nil, err
	}
	// Compile the modules once and prepare two queries on them: the cases, from which Go
	// ranks the products (all the search for flips needs, dozens of times), and the advice
	// that follows from the pick.
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
	compile := func() error {
		if opts.PolicyDir != "" {
			user, err := loadUserModules(opts.PolicyDir)
			if err != nil {
				return &PolicyError{err}
			}
			for _, mod := range user {
				mods[mod.Package.Location.File] = mod
				e.userModules[mod.Package.Location.File] = true
			}
			if e.userRules, err = userRules(user); err != nil {
				return &PolicyError{err}
			}
		}
		compiler := ast.NewCompiler().WithCapabilities(sandboxCapabilities())
		if compiler.Compile(mods); compiler.Failed() {
			if opts.PolicyDir != "" {
				return &PolicyError{e.userCompileErrors(compiler.Errors)}
			}
			return fmt.Errorf("rules: built-in policy: %w", compiler.Errors)
		}
		prepare := func(query string) (rego.PreparedEvalQuery, error) {
			return rego.New(
				rego.Query(query),
				rego.Compiler(compiler),
				rego.Store(store),
				rego.StrictBuiltinErrors(true),
			).PrepareForEval(ctx)
		}
		var err error
		if e.cases, err = prepare("data.storewise.decision.cases"); err != nil {
			return fmt.Errorf("rules: %w", err)
		}
		if e.advice, err = prepare("data.storewise.decision.advice"); err != nil {
			return fmt.Errorf("rules: %w", err)
		}
		return nil
	}
	if opts.PolicyDir == "" {
		if err := compile(); err != nil {
			return nil, err
		}
		return e, nil
	}
	// A user policy's compilation counts against its budget: thousands of chained rules
	// can take minutes.
	e.userPolicy = true
	e.userModules = map[string]bool{}
	e.budget = newBudget(timeout, opts.PolicyDir)
	if err := e.budget.compile(compile); err != nil {
		return nil, err
	}
	return e, nil
}

// policyStore builds the data document the policy reads: data.json (weights, thresholds,
// sources) and the facts. The store hands out AST values, so the
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
	doc["facts"] = factsDocument(m)
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

// limitsInput gives the policy the numbers it compares answers with, as input.facts and
// input.thresholds.
func limitsInput(m *matrix.Matrix, pd policyData) ([][2]*ast.Term, error) {
	facts := map[string]map[string]float64{}
	for _, p := range m.Products {
		facts[p.ID] = map[string]float64{}
		for _, f := range p.Facts {
			facts[p.ID][f.Key] = f.Value
		}
	}
	var out [][2]*ast.Term
	for _, kv := range []struct {
		key string
		v   any
	}{{"facts", facts}, {"thresholds", pd.Thresholds}} {
		v, err := ast.InterfaceToValue(kv.v)
		if err != nil {
			return nil, err
		}
		out = append(out, [2]*ast.Term{ast.StringTerm(kv.key), ast.NewTerm(v)})
	}
	return out, nil
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

// userCompileErrors points the compile errors a user policy causes in the built-in
// policy's files (an entry of a type the built-in rules cannot read) at the user's rules.
func (e *Engine) userCompileErrors(errs ast.Errors) error {
	var at []string
	for _, name := range userOutputs {
		at = append(at, e.userRules[name]...)
	}
	if len(at) == 0 {
		for f := range e.userModules {
			at = append(at, f)
		}
	}
	slices.Sort(at)
	var out []string
	for _, err := range errs {
		if err.Location == nil || e.userModules[err.Location.File] {
			out = append(out, err.Error())
			continue
		}
		msg, _, _ := strings.Cut(err.Message, "\n")
		out = append(out, fmt.Sprintf("%s: what this policy defines does not fit the built-in policy: %s: %s (in the built-in %s:%d)",
			strings.Join(at, ", "), err.Code, msg, err.Location.File, err.Location.Row))
	}
	return errors.New(strings.Join(out, "\n"))
}

// userOutputs are the rules of package storewise.user the advisor reads: each a set.
var userOutputs = []string{"eliminate", "points", "warnings"}

// MaxUserPoints bounds the points one entry of a user policy gives, either way: a score is
// a sum of shares of about a hundred points, and a number past it is a mistake.
const MaxUserPoints = 1000

// userRules checks that the user's eliminate, points and warnings are sets (`points
// contains {...}`): a single value (`points := {...}`) or a function would be read as
// nothing, or fail in the built-in policy's files. It returns where each is defined.
func userRules(mods []*ast.Module) (map[string][]string, error) {
	out := map[string][]string{}
	for _, mod := range mods {
		if mod.Package.Path.String() != "data.storewise.user" {
			continue
		}
		for _, r := range mod.Rules {
			name := r.Head.Name.String()
			if len(r.Head.Reference) > 0 {
				name = r.Head.Reference[0].String()
			}
			if !slices.Contains(userOutputs, name) {
				continue
			}
			at := fmt.Sprintf("%s:%d", r.Location.File, r.Location.Row)
			if r.Head.RuleKind() != ast.MultiValue || len(r.Head.Args) > 0 || len(r.Head.Reference) > 1 {
				return nil, fmt.Errorf("%s: %s must be a set of entries, each added with `%s contains {...} if {...}`; this rule defines it as %s", at, name, name, ruleShape(r))
			}
			out[name] = append(out[name], at)
		}
	}
	return out, nil
}

func ruleShape(r *ast.Rule) string {
	switch {
	case len(r.Head.Args) > 0:
		return "a function"
	case len(r.Head.Reference) > 1:
		return "an object of entries (" + r.Head.Reference.String() + ")"
	}
	return "a single value"
}

// derived are the numbers Go computes for the policy.
type derived struct {
	WriteRatio   float64            `json:"write_ratio"`
	WritePercent string             `json:"write_percent"`
	Cost         map[string]float64 `json:"cost"`
	CostText     map[string]string  `json:"-"` // for Go's sentences; the policy compares cents
	// CostCents are the costs in whole cents: the policy compares them, and OPA's
	// arithmetic on integers is several times faster than on fractions. They are whole
	// float64s, given to the policy as integers of any size (never an int64 that wraps
	// round to a negative, "cheapest", cost).
	CostCents             map[string]float64 `json:"cost_cents"`
	ChangeIntervalSeconds float64            `json:"change_interval_seconds"`
	// D1Fill is the data set's share of one D1 database's limit.
	D1Fill float64 `json:"d1_fill"`
}

func derive(m *matrix.Matrix, costs []Cost, a *answers.Answers) derived {
	d := derived{Cost: map[string]float64{}, CostText: map[string]string{}, CostCents: map[string]float64{}}
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
		d.CostText[c.Product] = strconv.FormatFloat(c.MonthlyUSD, 'f', 2, 64)
		d.CostCents[c.Product] = math.Round(c.MonthlyUSD * 100)
	}
	if p, ok := m.Product(matrix.D1); ok {
		if f, ok := p.Fact("max_database_gb"); ok && f.Value > 0 {
			d.D1Fill = a.DatasetGB / f.Value
		}
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

// answerFields are the answers' fields the policy sees, with their answers-file (JSON)
// names, read once.
var answerFields = func() []answerField {
	var out []answerField
	for _, f := range reflect.VisibleFields(reflect.TypeFor[answers.Answers]()) {
		if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" && name != "-" {
			out = append(out, answerField{f, ast.StringTerm(name)})
		}
	}
	return out
}()

type answerField struct {
	reflect.StructField
	name *ast.Term
}

// productKeys are the product ids as policy terms, sorted, made once: eleven products' costs
// go into every evaluation's input, and the flip search makes some sixty.
var productKeys = func() []struct {
	id   string
	term *ast.Term
} {
	ids := slices.Sorted(slices.Values(matrix.ProductIDs))
	out := make([]struct {
		id   string
		term *ast.Term
	}, len(ids))
	for i, id := range ids {
		out[i].id, out[i].term = id, ast.StringTerm(id)
	}
	return out
}()

// inputValue builds the policy's input as OPA values directly, where a round trip through
// JSON text cost a tenth of each evaluation of the pick. Numbers are written exactly as
// encoding/json writes them, so the policy sees (and prints) the same numbers.
func inputValue(a *answers.Answers, d derived, more ...[2]*ast.Term) (ast.Value, error) {
	var bad error
	numberTerm := func(f float64) *ast.Term {
		t, err := numberTerm(f)
		if err != nil {
			bad = err
			return ast.NullTerm() // a term all the same: OPA's object building cannot take nil
		}
		return t
	}
	wholeTerm := func(f float64) *ast.Term {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return numberTerm(f)
		}
		return ast.NumberTerm(json.Number(strconv.FormatFloat(f, 'f', 0, 64)))
	}
	rv := reflect.ValueOf(a).Elem()
	ans := make([][2]*ast.Term, 0, len(answerFields))
	for _, f := range answerFields {
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
		ans = append(ans, [2]*ast.Term{f.name, t})
	}
	// The cost texts are for Go's sentences; the policy compares cents (and a user policy
	// may read the dollars).
	cost := make([][2]*ast.Term, 0, len(d.Cost))
	cents := make([][2]*ast.Term, 0, len(d.CostCents))
	for _, p := range productKeys { // in the order JSON gave them
		if c, ok := d.Cost[p.id]; ok {
			cost = append(cost, [2]*ast.Term{p.term, numberTerm(c)})
			cents = append(cents, [2]*ast.Term{p.term, wholeTerm(d.CostCents[p.id])})
		}
	}
	v := ast.NewObject(
		ast.Item(ast.StringTerm("answers"), ast.ObjectTerm(ans...)),
		ast.Item(ast.StringTerm("derived"), ast.ObjectTerm(
			ast.Item(ast.StringTerm("write_ratio"), numberTerm(d.WriteRatio)),
			ast.Item(ast.StringTerm("write_percent"), ast.StringTerm(d.WritePercent)),
			ast.Item(ast.StringTerm("cost"), ast.ObjectTerm(cost...)),
			ast.Item(ast.StringTerm("cost_cents"), ast.ObjectTerm(cents...)),
			ast.Item(ast.StringTerm("change_interval_seconds"), numberTerm(d.ChangeIntervalSeconds)),
			ast.Item(ast.StringTerm("d1_fill"), numberTerm(d.D1Fill)),
		)),
	)
	for _, item := range more {
		v.Insert(item[0], item[1])
	}
	return v, bad
}

// numberTerm is f as encoding/json writes it (200000000, not 2e+08; 1e-07, not 1e-07),
// which is how the policy's sprintf prints it and how the answers' JSON shows it.
func numberTerm(f float64) (*ast.Term, error) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, fmt.Errorf("rules: %v is not a number the policy can read", f)
	}
	format := byte('f')
	if abs := math.Abs(f); abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b := strconv.AppendFloat(make([]byte, 0, 24), f, format, -1, 64)
	if format == 'e' { // e-07 → e-7, as encoding/json writes it
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return ast.NumberTerm(json.Number(b)), nil
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
