package rules

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/storewise/storewise/matrix"
)

// book is policy/cases.yaml resolved: what each case the policy decides does (its points)
// and says (its sentence and source). The Rego decides which cases hold; the book is read
// only to sum points and to write the reasons, so the pick never builds a sentence.
type book struct {
	eliminate map[string]map[string]said // product → case
	score     map[string]scoreCase
	cost      map[string]share // band → share, the same for every product
	patterns  map[string]patternCase
	stores    map[string]string
	ttlText   map[string]template // role
	steps     [4]step
	warnings  map[string]template
}

// said is a sentence with its dimension and source.
type said struct {
	dimension string
	text      template
	source    string
}

// share is a product's part in a score case: its points (the share of the dimension's
// weight, rounded) and its reason.
type share struct {
	points int
	said
}

type scoreCase struct {
	dimension string
	products  map[string]share
}

type patternCase struct {
	name, source string
	text         template
	paths        [][4]string // [from, to, label, read|write]; from and to: worker or a product's index
}

// step is one of the seed's four TTL questions; its answer is the one template, or chosen by
// the policy's key (answers).
type step struct {
	question string
	answer   template
	answers  map[string]template
}

// The raw shapes of cases.yaml.
type bookFile struct {
	Eliminate map[string]map[string][3]string `yaml:"eliminate"`
	Score     map[string]map[string]yaml.Node `yaml:"score"`
	Cost      map[string]yaml.Node            `yaml:"cost"`
	Patterns  map[string]struct {
		Name   string      `yaml:"name"`
		Text   string      `yaml:"text"`
		Source string      `yaml:"source"`
		Paths  [][4]string `yaml:"paths"`
	} `yaml:"patterns"`
	Stores map[string]string `yaml:"stores"`
	TTL    struct {
		Text      map[string]string `yaml:"text"`
		Staleness stepFile          `yaml:"staleness"`
		Miss      stepFile          `yaml:"miss"`
		Change    stepFile          `yaml:"change"`
		Stale     stepFile          `yaml:"stale"`
	} `yaml:"ttl"`
	Warnings map[string]string `yaml:"warnings"`
}

type stepFile struct {
	Question string            `yaml:"question"`
	Answer   string            `yaml:"answer"`
	Answers  map[string]string `yaml:"answers"`
}

// loadBook parses and checks cases.yaml against the products, the dimensions and their
// weights, the seed's sections and the facts: a case with an unknown product, dimension,
// source or placeholder is an error at load, not a blank in a report.
func loadBook(raw []byte, m *matrix.Matrix, pd policyData) (*book, error) {
	var f bookFile
	dec := yaml.NewDecoder(strings.NewReader(string(raw)))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("policy/cases.yaml: %w", err)
	}
	r := &resolver{m: m, book: pd.Book, pages: pd.Pages}
	b := &book{
		eliminate: map[string]map[string]said{},
		score:     map[string]scoreCase{},
		cost:      map[string]share{},
		patterns:  map[string]patternCase{},
		stores:    f.Stores,
		ttlText:   map[string]template{},
		warnings:  map[string]template{},
	}
	dimension := func(where, dim string) error {
		if _, ok := pd.Weights[dim]; !ok || !slices.Contains(pd.Dimensions, dim) {
			return fmt.Errorf("policy/cases.yaml: %s: dimension %q has no weight in data.json", where, dim)
		}
		return nil
	}
	product := func(where, p string) error {
		if !slices.Contains(matrix.ProductIDs, p) {
			return fmt.Errorf("policy/cases.yaml: %s: unknown product %q (one of %s)", where, p, strings.Join(matrix.ProductIDs, ", "))
		}
		return nil
	}
	for p, cases := range f.Eliminate {
		if err := product("eliminate."+p, p); err != nil {
			return nil, err
		}
		b.eliminate[p] = map[string]said{}
		for c, e := range cases {
			where := "eliminate." + p + "." + c
			if err := dimension(where, e[0]); err != nil {
				return nil, err
			}
			s, err := r.said(where, e[0], e[1], e[2])
			if err != nil {
				return nil, err
			}
			b.eliminate[p][c] = s
		}
	}
	for c, entries := range f.Score {
		where := "score." + c
		sc := scoreCase{products: map[string]share{}}
		dimNode, ok := entries["dimension"]
		if !ok || dimNode.Kind != yaml.ScalarNode {
			return nil, fmt.Errorf("policy/cases.yaml:%d: %s: a score case needs a dimension", lineOf(entries), where)
		}
		sc.dimension = dimNode.Value
		if err := dimension(where, sc.dimension); err != nil {
			return nil, err
		}
		for p, node := range entries {
			if p == "dimension" {
				continue
			}
			if err := product(where, p); err != nil {
				return nil, err
			}
			s, err := r.share(where+"."+p, sc.dimension, pd.Weights[sc.dimension], &node)
			if err != nil {
				return nil, err
			}
			sc.products[p] = s
		}
		b.score[c] = sc
	}
	for band, node := range f.Cost {
		s, err := r.share("cost."+band, "cost", pd.Weights["cost"], &node)
		if err != nil {
			return nil, err
		}
		b.cost[band] = s
	}
	for k, p := range f.Patterns {
		where := "patterns." + k
		s, err := r.said(where, "", p.Text, p.Source)
		if err != nil {
			return nil, err
		}
		if p.Name == "" {
			return nil, fmt.Errorf("policy/cases.yaml: %s: a pattern needs a name", where)
		}
		for _, pa := range p.Paths {
			for _, end := range pa[:2] {
				if end != "worker" && end != "0" && end != "1" {
					return nil, fmt.Errorf("policy/cases.yaml: %s: a path runs between worker, 0 and 1 (the pattern's products), not %q", where, end)
				}
			}
			if pa[2] == "" || (pa[3] != "read" && pa[3] != "write") {
				return nil, fmt.Errorf("policy/cases.yaml: %s: a path needs a label and read or write, got %q", where, pa)
			}
		}
		if len(p.Paths) == 0 {
			return nil, fmt.Errorf("policy/cases.yaml: %s: a pattern needs its read and write paths (paths)", where)
		}
		b.patterns[k] = patternCase{name: p.Name, source: s.source, text: s.text, paths: p.Paths}
	}
	for k, text := range f.Warnings {
		t, err := r.template("warnings."+k, text)
		if err != nil {
			return nil, err
		}
		b.warnings[k] = t
	}
	for role, text := range f.TTL.Text {
		t, err := r.template("ttl.text."+role, text)
		if err != nil {
			return nil, err
		}
		b.ttlText[role] = t
	}
	for i, sf := range []stepFile{f.TTL.Staleness, f.TTL.Miss, f.TTL.Change, f.TTL.Stale} {
		where := fmt.Sprintf("ttl step %d", i+1)
		if sf.Question == "" || (sf.Answer == "") == (len(sf.Answers) == 0) {
			return nil, fmt.Errorf("policy/cases.yaml: %s: a question needs one answer or answers by key", where)
		}
		st := step{question: sf.Question, answers: map[string]template{}}
		var err error
		if sf.Answer != "" {
			if st.answer, err = r.template(where, sf.Answer); err != nil {
				return nil, err
			}
		}
		for k, text := range sf.Answers {
			if st.answers[k], err = r.template(where+"."+k, text); err != nil {
				return nil, err
			}
		}
		b.steps[i] = st
	}
	return b, nil
}

func lineOf(m map[string]yaml.Node) int {
	line := 0
	for _, n := range m {
		if line == 0 || n.Line < line {
			line = n.Line
		}
	}
	return line
}

// resolver turns a case's source and placeholders into text, checking each.
type resolver struct {
	m     *matrix.Matrix
	book  map[string]string
	pages map[string]string
}

func (r *resolver) fact(ref string) (matrix.Fact, bool) {
	p, key, ok := strings.Cut(ref, ".")
	if !ok {
		return matrix.Fact{}, false
	}
	prod, ok := r.m.Product(p)
	if !ok {
		return matrix.Fact{}, false
	}
	return prod.Fact(key)
}

// source resolves page:KEY to a public page, fact:PRODUCT.KEY to the fact's page and
// book:KEY to the book chapter's section, named as such.
func (r *resolver) source(where, ref string) (string, error) {
	kind, key, _ := strings.Cut(ref, ":")
	switch kind {
	case "page":
		if s, ok := r.pages[key]; ok {
			return s, nil
		}
	case "book":
		if s, ok := r.book[key]; ok {
			return s, nil
		}
	case "fact":
		if f, ok := r.fact(key); ok {
			return f.Source, nil
		}
	}
	return "", fmt.Errorf("policy/cases.yaml: %s: source %q is none of page:KEY (data.json's pages), fact:PRODUCT.KEY (matrix/products.yaml) and book:KEY (data.json's book)", where, ref)
}

func (r *resolver) said(where, dim, text, source string) (said, error) {
	t, err := r.template(where, text)
	if err != nil {
		return said{}, err
	}
	src, err := r.source(where, source)
	if err != nil {
		return said{}, err
	}
	return said{dimension: dim, text: t, source: src}, nil
}

// share reads [share, sentence, source]; the points are the share of the weight, rounded.
func (r *resolver) share(where, dim string, weight float64, n *yaml.Node) (share, error) {
	bad := fmt.Errorf("policy/cases.yaml:%d: %s: want [share, sentence, source], the share a whole percentage from -100 to 100", n.Line, where)
	if n.Kind != yaml.SequenceNode || len(n.Content) != 3 {
		return share{}, bad
	}
	var v [3]string
	for i, c := range n.Content {
		if c.Kind == yaml.AliasNode { // a sentence said once and repeated with *name
			c = c.Alias
		}
		if c.Kind != yaml.ScalarNode {
			return share{}, bad
		}
		v[i] = c.Value
	}
	pct, err := strconv.Atoi(v[0])
	if err != nil || pct < -100 || pct > 100 {
		return share{}, bad
	}
	s, err := r.said(where, dim, v[1], v[2])
	if err != nil {
		return share{}, err
	}
	return share{points: int(math.Round(weight * float64(pct) / 100)), said: s}, nil
}

// A template is a sentence with {placeholders}: literal text and the variables that fill
// the gaps. Facts are filled in at load; what depends on the answers, at render.
type template []segment

type segment struct {
	lit string
	v   variable // 0 for literal text
}

type variable int

const (
	literal variable = iota
	vConsistency
	vWritePercent
	vValueSize
	vMaxValueSize
	vHotKeyWrites
	vDatasetGB
	vStaleness
	vDatabase
	vCost
	vStore
	vCacheTTL
	vExpirationTTL
	vReach
	vBudget
	vInterval
	vResidency
)

var variables = map[string]variable{
	"consistency":    vConsistency,
	"write_percent":  vWritePercent,
	"value_size":     vValueSize,
	"max_value_size": vMaxValueSize,
	"hot_key_writes": vHotKeyWrites,
	"dataset_gb":     vDatasetGB,
	"staleness":      vStaleness,
	"database":       vDatabase,
	"cost":           vCost,
	"store":          vStore,
	"cache_ttl":      vCacheTTL,
	"expiration_ttl": vExpirationTTL,
	"reach":          vReach,
	"budget":         vBudget,
	"interval":       vInterval,
	"residency":      vResidency,
}

func (r *resolver) template(where, text string) (template, error) {
	if strings.TrimSpace(text) == "" {
		return nil, fmt.Errorf("policy/cases.yaml: %s: the sentence is empty", where)
	}
	var t template
	lit := func(s string) {
		if s == "" {
			return
		}
		if n := len(t); n > 0 && t[n-1].v == literal {
			t[n-1].lit += s
			return
		}
		t = append(t, segment{lit: s})
	}
	for text != "" {
		open := strings.IndexByte(text, '{')
		if open < 0 {
			lit(text)
			break
		}
		lit(text[:open])
		end := strings.IndexByte(text[open:], '}')
		if end < 0 {
			return nil, fmt.Errorf("policy/cases.yaml: %s: unclosed {", where)
		}
		name := text[open+1 : open+end]
		text = text[open+end+1:]
		kind, ref, isFact := strings.Cut(name, ":")
		switch {
		case isFact && (kind == "fact" || kind == "value"):
			f, ok := r.fact(ref)
			if !ok {
				return nil, fmt.Errorf("policy/cases.yaml: %s: {%s}: no such fact in matrix/products.yaml", where, name)
			}
			if kind == "fact" {
				lit(f.Text)
			} else {
				lit(number(f.Value))
			}
		case variables[name] != literal:
			t = append(t, segment{v: variables[name]})
		default:
			return nil, fmt.Errorf("policy/cases.yaml: %s: unknown placeholder {%s}", where, name)
		}
	}
	return t, nil
}

// vars are what the placeholders say for one decision.
type vars struct {
	text    [vResidency + 1]string
	costs   map[string]string // {cost}, by product
	product string            // whose {cost}
}

func (t template) render(v *vars) string {
	if len(t) == 1 && t[0].v == literal {
		return t[0].lit
	}
	var sb strings.Builder
	for _, s := range t {
		switch s.v {
		case literal:
			sb.WriteString(s.lit)
		case vCost:
			sb.WriteString(v.costs[v.product])
		default:
			sb.WriteString(v.text[s.v])
		}
	}
	return sb.String()
}

// number writes a number the way the policy's sprintf("%v") wrote its input: whole numbers
// as integers, others as Go's %v of a float64 (input numbers were encoding/json's text).
func number(f float64) string {
	if f == math.Trunc(f) && math.Abs(f) < 1e21 {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	return fmt.Sprint(f)
}

// size writes a size the way the limits pages do.
func size(n float64) string {
	switch {
	case n >= 1048576:
		return number(math.Round(n/1048576*10)/10) + " MiB"
	case n >= 1000:
		return number(math.Round(n/1000*10)/10) + " KB"
	default:
		return number(n) + " bytes"
	}
}

// duration writes a change interval in the unit a reader would use.
func duration(s float64) string {
	switch {
	case s >= 172800:
		return number(math.Round(s/86400)) + " days"
	case s >= 7200:
		return number(math.Round(s/3600)) + " hours"
	case s >= 120:
		return number(math.Round(s/60)) + " minutes"
	default:
		return number(math.Round(s)) + " seconds"
	}
}
