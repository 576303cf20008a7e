// Package matrix holds what Storewise knows, as data: the five storage products with their
// limits and prices (each number with its source page and the date it was checked), the
// interview's questions, and the seed's decision table as examples.
//
// It holds no logic beyond loading and validating that data: decisions live in package
// rules, rendering in package web.
package matrix

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"

	"gopkg.in/yaml.v3"
)

//go:embed products.yaml
var productsYAML []byte

//go:embed questions.yaml
var questionsYAML []byte

//go:embed examples.yaml
var examplesYAML []byte

// Product ids, as used everywhere (answers, JSON output, policies).
const (
	KV             = "kv"
	D1             = "d1"
	DurableObjects = "durable-objects"
	Hyperdrive     = "hyperdrive"
	R2             = "r2"
	// Since December 2026: the products Cloudflare's guidance routes kinds of data and work
	// to before it weighs the five stores, and KV's namespace mode in private beta.
	WorkersCache    = "workers-cache"
	Queues          = "queues"
	Workflows       = "workflows"
	Vectorize       = "vectorize"
	AnalyticsEngine = "analytics-engine"
	KVInstant       = "kv-instant"
)

// ProductIDs lists the products in their canonical order, which is also the last tie-break
// of the ranking.
var ProductIDs = []string{KV, D1, DurableObjects, Hyperdrive, R2, WorkersCache, Queues, Workflows, Vectorize, AnalyticsEngine, KVInstant}

// Stores are the five products every workload is weighed against; the others are in play
// only where the policy routes the workload to them (rules: storewise.route).
var Stores = []string{KV, D1, DurableObjects, Hyperdrive, R2}

// Matrix is the whole body of facts.
type Matrix struct {
	Products  []Product  `yaml:"products" json:"products"`
	Groups    []Group    `yaml:"groups" json:"groups"`
	Questions []Question `yaml:"questions" json:"questions"`
	Examples  []Example  `yaml:"examples" json:"examples"`
	// ExamplesSource names where the decision table comes from.
	ExamplesSource string `yaml:"source" json:"examples_source"`
}

// Product is one storage product.
type Product struct {
	ID          string   `yaml:"id" json:"id"`
	Name        string   `yaml:"name" json:"name"`
	Summary     string   `yaml:"summary" json:"summary"`
	Consistency string   `yaml:"consistency" json:"consistency"`
	Sources     []string `yaml:"sources" json:"sources"`
	Facts       []Fact   `yaml:"facts" json:"facts"`
	// Drawbacks are the keys of the facts that count against the product whatever the
	// workload (D1's 10 GB cap, its single thread): a decision record's bad consequences.
	Drawbacks []string `yaml:"drawbacks,omitempty" json:"drawbacks,omitempty"`
	Prices    []Price  `yaml:"prices" json:"prices"`
}

// Fact is one limit or behaviour, a number in Unit with the page it comes from.
type Fact struct {
	Key    string  `yaml:"key" json:"key"`
	Title  string  `yaml:"title" json:"title"`
	Value  float64 `yaml:"value" json:"value"`
	Unit   string  `yaml:"unit" json:"unit"`
	Text   string  `yaml:"text" json:"text"`
	Source string  `yaml:"source" json:"source"`
	AsOf   string  `yaml:"as_of" json:"as_of"`
	// Unverified says why the number could not be re-checked on its page; empty when it was.
	Unverified string `yaml:"unverified,omitempty" json:"unverified,omitempty"`
}

// Price is one billed dimension: Included units a month are free, then USD per Per units.
type Price struct {
	Key      string  `yaml:"key" json:"key"`
	Title    string  `yaml:"title" json:"title"`
	Unit     string  `yaml:"unit" json:"unit"`
	Included float64 `yaml:"included" json:"included"`
	USD      float64 `yaml:"usd" json:"usd"`
	Per      float64 `yaml:"per" json:"per"`
	Source   string  `yaml:"source" json:"source"`
	AsOf     string  `yaml:"as_of" json:"as_of"`
	// Unverified says why the price could not be re-checked on its page; empty when it was.
	Unverified string `yaml:"unverified,omitempty" json:"unverified,omitempty"`
}

// Group is a topic of the interview.
type Group struct {
	ID    string `yaml:"id" json:"id"`
	Title string `yaml:"title" json:"title"`
}

// Question types.
const (
	TypeString = "string"
	TypeEnum   = "enum"
	TypeNumber = "number"
	TypeBool   = "bool"
)

// Number units, which decide the suffixes an answer may carry.
const (
	UnitCount     = "count"
	UnitBytes     = "bytes"
	UnitSeconds   = "seconds"
	UnitGB        = "gb"
	UnitPerSecond = "per_second"
)

// Question is one field of the answers file and one question of the interview.
type Question struct {
	Field       string   `yaml:"field" json:"field"`
	Group       string   `yaml:"group" json:"group"`
	Title       string   `yaml:"title" json:"title"`
	Short       string   `yaml:"short,omitempty" json:"short,omitempty"`
	Description string   `yaml:"description" json:"description"`
	Type        string   `yaml:"type" json:"type"`
	Unit        string   `yaml:"unit,omitempty" json:"unit,omitempty"`
	Min         *float64 `yaml:"min,omitempty" json:"min,omitempty"`
	// Max is a number's documented upper bound (every number has one): far above any real
	// workload, it keeps the arithmetic of costs and points finite and exact.
	Max       *float64 `yaml:"max,omitempty" json:"max,omitempty"`
	MaxLength int      `yaml:"max_length,omitempty" json:"max_length,omitempty"`
	Options   []Option `yaml:"options,omitempty" json:"options,omitempty"`
	Default   any      `yaml:"default" json:"default"`
	AskIf     *AskIf   `yaml:"ask_if,omitempty" json:"ask_if,omitempty"`
}

// Name is the question in a few words ("writes to the busiest key"), for a line that says
// which answer did something: the short name, or the title.
func (q Question) Name() string {
	if q.Short != "" {
		return q.Short
	}
	return strings.TrimSuffix(q.Title, "?")
}

// Option is one accepted value of an enum question.
type Option struct {
	Value string `yaml:"value" json:"value"`
	Label string `yaml:"label" json:"label"`
	Help  string `yaml:"help" json:"help"`
	// Routed marks a kind of data or work that Cloudflare routes to a product of its own
	// (embeddings to Vectorize): the search for flips does not offer it to a workload of
	// another kind, where "if it were embeddings, use Vectorize" says nothing.
	Routed bool `yaml:"routed,omitempty" json:"routed,omitempty"`
}

// AskIf makes a question depend on another answer: it applies unless that answer is one of
// Not, and, when In is given, only if it is one of In.
type AskIf struct {
	Field string   `yaml:"field" json:"field"`
	Not   []string `yaml:"not,omitempty" json:"not,omitempty"`
	In    []string `yaml:"in,omitempty" json:"in,omitempty"`
}

// Applies reports whether the condition holds for an answer given as text (enum values,
// "true"/"false").
func (c *AskIf) Applies(answer string) bool {
	if c == nil {
		return true
	}
	if len(c.In) > 0 && !slices.Contains(c.In, answer) {
		return false
	}
	for _, v := range c.Not {
		if v == answer {
			return false
		}
	}
	return true
}

// OptionValues lists the accepted words of an enum question.
func (q Question) OptionValues() []string {
	out := make([]string, len(q.Options))
	for i, o := range q.Options {
		out[i] = o.Value
	}
	return out
}

// DefaultNumber is the default of a number question.
func (q Question) DefaultNumber() float64 {
	f, _ := toFloat(q.Default)
	return f
}

// DefaultString is the default of a string or enum question.
func (q Question) DefaultString() string {
	s, _ := q.Default.(string)
	return s
}

// DefaultBool is the default of a bool question.
func (q Question) DefaultBool() bool {
	b, _ := q.Default.(bool)
	return b
}

// Example is one row of the reference decision table.
type Example struct {
	ID        string   `yaml:"id" json:"id"`
	Situation string   `yaml:"situation" json:"situation"`
	Choose    []string `yaml:"choose" json:"choose"`
	Never     []string `yaml:"never,omitempty" json:"never,omitempty"`
	Because   string   `yaml:"because" json:"because"`
}

// Product returns the product with the given id.
func (m *Matrix) Product(id string) (Product, bool) {
	for _, p := range m.Products {
		if p.ID == id {
			return p, true
		}
	}
	return Product{}, false
}

// Question returns the question for an answers-file field.
func (m *Matrix) Question(field string) (Question, bool) {
	for _, q := range m.Questions {
		if q.Field == field {
			return q, true
		}
	}
	return Question{}, false
}

// Fields lists the answers-file fields in interview order.
func (m *Matrix) Fields() []string {
	out := make([]string, len(m.Questions))
	for i, q := range m.Questions {
		out[i] = q.Field
	}
	return out
}

// Fact returns the fact with the given key.
func (p Product) Fact(key string) (Fact, bool) {
	for _, f := range p.Facts {
		if f.Key == key {
			return f, true
		}
	}
	return Fact{}, false
}

// Price returns the price with the given key.
func (p Product) Price(key string) (Price, bool) {
	for _, pr := range p.Prices {
		if pr.Key == key {
			return pr, true
		}
	}
	return Price{}, false
}

var loadOnce = sync.OnceValues(func() (*Matrix, error) {
	return Parse(productsYAML, questionsYAML, examplesYAML)
})

// Load returns the embedded matrix, parsed and validated once.
func Load() (*Matrix, error) { return loadOnce() }

// MustLoad is Load for callers that cannot go on without the facts; the embedded data is
// validated by this package's tests, so a failure here is a build defect.
func MustLoad() *Matrix {
	m, err := Load()
	if err != nil {
		panic(err)
	}
	return m
}

// Parse builds and validates a matrix from the three data documents.
func Parse(products, questions, examples []byte) (*Matrix, error) {
	m := &Matrix{}
	if err := decodeStrict("products.yaml", products, m); err != nil {
		return nil, err
	}
	var qs struct {
		Groups    []Group    `yaml:"groups"`
		Questions []Question `yaml:"questions"`
	}
	if err := decodeStrict("questions.yaml", questions, &qs); err != nil {
		return nil, err
	}
	m.Groups, m.Questions = qs.Groups, qs.Questions
	var ex struct {
		Source   string    `yaml:"source"`
		Examples []Example `yaml:"examples"`
	}
	if err := decodeStrict("examples.yaml", examples, &ex); err != nil {
		return nil, err
	}
	m.ExamplesSource, m.Examples = ex.Source, ex.Examples
	if err := m.validate(); err != nil {
		return nil, err
	}
	return m, nil
}

func decodeStrict(name string, data []byte, v any) error {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("matrix: %s: %w", name, err)
	}
	return nil
}

func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case uint64:
		return float64(n), true
	case float64:
		return n, true
	}
	return 0, false
}
