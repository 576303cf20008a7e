// Package answers reads and writes the advisor's input: the answers file of
// shared/design/contracts.md §1 (version 1, YAML or JSON), checked field by field against
// the questions in package matrix, with the batch defaults filled in and listed.
package answers

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/storewise/storewise/internal/suggest"
	"github.com/storewise/storewise/matrix"
)

// Version is the answers-file format this package reads and writes.
const Version = 1

// Answers describes one workload. Every field holds a value: the one given, or the batch
// default, in which case Given[field] is false and the default is listed in Assumptions.
type Answers struct {
	Version               int     `yaml:"version" json:"version"`
	Workload              string  `yaml:"workload" json:"workload"`
	Consistency           string  `yaml:"consistency" json:"consistency"`
	StalenessSeconds      float64 `yaml:"staleness_seconds" json:"staleness_seconds"`
	DataShape             string  `yaml:"data_shape" json:"data_shape"`
	Role                  string  `yaml:"role" json:"role"`
	Partitioned           bool    `yaml:"partitioned" json:"partitioned"`
	ValueBytes            float64 `yaml:"value_bytes" json:"value_bytes"`
	MaxValueBytes         float64 `yaml:"max_value_bytes" json:"max_value_bytes"`
	DatasetGB             float64 `yaml:"dataset_gb" json:"dataset_gb"`
	ReadsPerMonth         float64 `yaml:"reads_per_month" json:"reads_per_month"`
	WritesPerMonth        float64 `yaml:"writes_per_month" json:"writes_per_month"`
	HotKeyWritesPerSecond float64 `yaml:"hot_key_writes_per_second" json:"hot_key_writes_per_second"`
	ExistingDatabase      string  `yaml:"existing_database" json:"existing_database"`
	NeedsDatabaseFeatures bool    `yaml:"needs_database_features" json:"needs_database_features"`
	SharedDatabase        bool    `yaml:"shared_database" json:"shared_database"`
	Residency             string  `yaml:"residency" json:"residency"`
	Users                 string  `yaml:"users" json:"users"`
	Transactions          string  `yaml:"transactions" json:"transactions"`
	Realtime              bool    `yaml:"realtime" json:"realtime"`

	// Given records the fields the user answered; the others hold defaults.
	Given map[string]bool `yaml:"-" json:"-"`
	// Written keeps numbers as the user wrote them, by field ("200M", "4KB"), so a saved
	// answers file says them in the user's units; a field whose value changes loses it.
	Written map[string]string `yaml:"-" json:"-"`
	// Assumptions lists the defaults used, one sentence each, in field order.
	Assumptions []string `yaml:"-" json:"-"`
	// Warnings lists answers that were accepted but cannot matter as given.
	Warnings []string `yaml:"-" json:"-"`
}

// fieldIndex maps an answers-file field name to the struct field that holds it.
var fieldIndex = func() map[string]int {
	t := reflect.TypeFor[Answers]()
	m := map[string]int{}
	for i := range t.NumField() {
		if tag := t.Field(i).Tag.Get("yaml"); tag != "" && tag != "-" {
			m[tag] = i
		}
	}
	return m
}()

// Get returns the value of a field as a string, float64 or bool.
func (a *Answers) Get(field string) (any, bool) {
	i, ok := fieldIndex[field]
	if !ok {
		return nil, false
	}
	return reflect.ValueOf(a).Elem().Field(i).Interface(), true
}

// Set stores a value (string, float64 or bool, as the field's type) and marks it given.
// It does not validate: callers check the value first (CheckText, or Parse's own checks).
func (a *Answers) Set(field string, v any) error {
	i, ok := fieldIndex[field]
	if !ok {
		return fmt.Errorf("unknown field %q", field)
	}
	f := reflect.ValueOf(a).Elem().Field(i)
	if _, ok := a.Written[field]; ok && f.Interface() != v {
		// A copy, not a delete: copies of these answers (the flips try values on them, in
		// parallel) share the map.
		w := maps.Clone(a.Written)
		delete(w, field)
		a.Written = w
	}
	switch x := v.(type) {
	case string:
		if f.Kind() != reflect.String {
			return fmt.Errorf("field %s takes %s, not text", field, f.Type())
		}
		f.SetString(x)
	case float64:
		if f.Kind() != reflect.Float64 {
			return fmt.Errorf("field %s takes %s, not a number", field, f.Type())
		}
		f.SetFloat(x)
	case int:
		if f.Kind() != reflect.Float64 {
			return fmt.Errorf("field %s takes %s, not a number", field, f.Type())
		}
		f.SetFloat(float64(x))
	case bool:
		if f.Kind() != reflect.Bool {
			return fmt.Errorf("field %s takes %s, not true or false", field, f.Type())
		}
		f.SetBool(x)
	default:
		return fmt.Errorf("field %s: unsupported value %T", field, v)
	}
	if a.Given == nil {
		a.Given = map[string]bool{}
	}
	a.Given[field] = true
	return nil
}

// SetWritten records how a number was written ("200M"), for YAML to write it back so. Text
// that does not read back as the field's value is not kept.
func (a *Answers) SetWritten(field, text string) {
	q, ok := matrix.MustLoad().Question(field)
	v, _ := a.Get(field)
	if !ok || q.Type != matrix.TypeNumber {
		return
	}
	if n, err := ParseQuantity(q.Unit, text); err != nil || n != v {
		return
	}
	w := maps.Clone(a.Written) // shared by copies, as in Set
	if w == nil {
		w = map[string]string{}
	}
	w[field] = text
	a.Written = w
}

// Text writes a field's value the way an interview shows it.
func (a *Answers) Text(field string) string {
	v, _ := a.Get(field)
	switch x := v.(type) {
	case float64:
		q, _ := matrix.MustLoad().Question(field)
		return FormatQuantity(q.Unit, x)
	case bool:
		return strconv.FormatBool(x)
	default:
		return fmt.Sprint(x)
	}
}

// Asked reports whether q is asked given these answers: its ask_if condition holds for the
// answer it depends on (no database questions without a database). A question not asked
// cannot matter: its default is no assumption and the flips do not try it.
func (a *Answers) Asked(q matrix.Question) bool {
	if q.AskIf == nil {
		return true
	}
	dep, _ := a.Get(q.AskIf.Field)
	return q.AskIf.Applies(fmt.Sprint(dep))
}

// Defaults returns answers holding every batch default and nothing given.
func Defaults() *Answers {
	a := &Answers{Version: Version}
	a.complete(matrix.MustLoad())
	return a
}

// Complete fills every field not given with its default and lists it under Assumptions,
// and notes answers that cannot matter. Parse calls it; the interview calls it for the
// fields it skipped.
func (a *Answers) Complete() { a.complete(matrix.MustLoad()) }

func (a *Answers) complete(m *matrix.Matrix) {
	if a.Given == nil {
		a.Given = map[string]bool{}
	}
	a.Version = Version
	a.Assumptions, a.Warnings = nil, nil
	for _, q := range m.Questions {
		if a.Given[q.Field] {
			continue
		}
		var v any
		switch q.Type {
		case matrix.TypeNumber:
			d := q.DefaultNumber()
			// A largest value smaller than the typical one makes no sense, either way.
			if q.Field == "max_value_bytes" && a.ValueBytes > d {
				d = a.ValueBytes
			}
			if q.Field == "value_bytes" && a.Given["max_value_bytes"] && a.MaxValueBytes < d {
				d = a.MaxValueBytes
			}
			v = d
		case matrix.TypeBool:
			v = q.DefaultBool()
		default:
			v = q.DefaultString()
		}
		i := fieldIndex[q.Field]
		f := reflect.ValueOf(a).Elem().Field(i)
		f.Set(reflect.ValueOf(v).Convert(f.Type()))
		if q.Field == "workload" {
			continue // a name is not an assumption about the workload
		}
		if !a.Asked(q) {
			continue // not asked, cannot matter
		}
		a.Assumptions = append(a.Assumptions, fmt.Sprintf("%s not given: assumed %s", q.Field, a.Text(q.Field)))
	}
	for _, q := range m.Questions {
		// A yes to a question not asked (a database feature without a database) is said to
		// be ignored; a no is what not being asked means.
		if v, _ := a.Get(q.Field); a.Given[q.Field] && v == true && !a.Asked(q) {
			a.Warnings = append(a.Warnings, fmt.Sprintf("%s is true but %s is %s: ignored", q.Field, q.AskIf.Field, a.Text(q.AskIf.Field)))
		}
	}
}

// YAML writes the answers as an answers file, version first, then every field in interview
// order. A field not given is written as a comment holding its default: the file records
// what was evaluated, and read back it gives the same answers with the same assumptions
// (a question the interview did not ask is not made an answer).
func (a *Answers) YAML() []byte {
	m := matrix.MustLoad()
	var b strings.Builder
	fmt.Fprintf(&b, "version: %d\n", Version)
	for _, q := range m.Questions {
		v, _ := a.Get(q.Field)
		var s string
		switch x := v.(type) {
		case string:
			node := yaml.Node{Kind: yaml.ScalarNode, Value: x}
			if q.Type == matrix.TypeString || x == "" {
				node.Style = yaml.DoubleQuotedStyle
			}
			out, _ := yaml.Marshal(&node)
			s = strings.TrimSpace(string(out))
		case float64:
			s = strconv.FormatFloat(x, 'f', -1, 64)
			if w, ok := a.Written[q.Field]; ok && a.Given[q.Field] {
				// Quoted where YAML would read it as something else (a number: 1e6 is
				// 1000000 either way, but "1_000" is text to ParseQuantity).
				out, _ := yaml.Marshal(&yaml.Node{Kind: yaml.ScalarNode, Value: w})
				s = strings.TrimSpace(string(out))
			}
		case bool:
			s = strconv.FormatBool(x)
		}
		if !a.Given[q.Field] {
			why := "not given: the default"
			if !a.Asked(q) {
				why = fmt.Sprintf("not asked when %s is %s", q.AskIf.Field, a.Text(q.AskIf.Field))
			}
			fmt.Fprintf(&b, "# %s: %s  # %s\n", q.Field, s, why)
			continue
		}
		fmt.Fprintf(&b, "%s: %s\n", q.Field, s)
	}
	return []byte(b.String())
}

// Error is a bad answer: the file, the line (0 when unknown), the field and what is wrong,
// including the accepted values.
type Error struct {
	File  string
	Line  int
	Field string
	Msg   string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Field != "" {
		fmt.Fprintf(&b, ": field %s", e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// MaxFileBytes is the largest answers file read: a real one is a few hundred bytes, and a
// bigger one (or endless standard input, /dev/zero) is refused before it is parsed, so
// memory stays bounded.
const MaxFileBytes = 1 << 20

// MaxErrors is how many errors a report lists (a screenful); it says how many more.
const MaxErrors = 20

// Read reads an answers file of at most MaxFileBytes from r and parses it; file names it in
// errors.
func Read(file string, r io.Reader) (*Answers, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileBytes+1))
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", file, err)
	}
	return Parse(file, data)
}

// Parse reads an answers file (YAML or JSON, told apart by content: JSON is read as the
// YAML it also is) and returns complete answers, or every error found, each an *Error (the
// first MaxErrors of them, and how many more).
func Parse(file string, data []byte) (*Answers, error) {
	m := matrix.MustLoad()
	errf := func(line int, field, format string, args ...any) *Error {
		return &Error{File: file, Line: line, Field: field, Msg: fmt.Sprintf(format, args...)}
	}
	if len(data) > MaxFileBytes {
		return nil, errf(0, "", "larger than %d bytes (1 MiB); an answers file is a few hundred bytes", MaxFileBytes)
	}
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(data))
	err := dec.Decode(&doc)
	// Blank (a tab is a YAML error, not nothing) or only comments (no document, io.EOF).
	if strings.TrimSpace(string(data)) == "" || err == io.EOF || err == nil && len(doc.Content) == 0 {
		return nil, errf(0, "", "the file is empty; an answers file starts with `version: 1`")
	}
	if err != nil {
		line, msg := syntaxErrorLine(data, err)
		return nil, errf(line, "", "not a YAML or JSON answers file: %s", msg)
	}
	// A second document (after ---) would be ignored without a word: refuse it.
	var more yaml.Node
	if err := dec.Decode(&more); err != io.EOF {
		line := more.Line
		if err != nil {
			line, _ = yamlErrorLine(err)
		}
		return nil, errf(line, "", "a second YAML document; an answers file holds one (remove the --- and what follows, or merge it into the first)")
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, errf(root.Line, "", "expected a mapping of fields (like `version: 1` then `consistency: eventual`), found %s", kindName(root))
	}

	a := &Answers{Given: map[string]bool{}}
	var errs []*Error
	// Only the first errors are kept (the file is read in line order) and the rest
	// counted: a file of a hundred thousand unknown keys must not take a gigabyte to say so.
	extra := 0
	keep := func(e *Error) {
		if len(errs) < MaxErrors {
			errs = append(errs, e)
		} else {
			extra++
		}
	}
	seen := map[string]int{}
	versionSeen := false
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if v.Kind == yaml.AliasNode && v.Alias != nil { // *name: the anchored value
			v = v.Alias
		}
		name := k.Value
		if prev, dup := seen[name]; dup {
			keep(errf(k.Line, name, "given twice (first on line %d)", prev))
			continue
		}
		seen[name] = k.Line
		if name == "version" {
			versionSeen = true
			if v.Kind != yaml.ScalarNode || v.Tag != "!!int" || v.Value != strconv.Itoa(Version) {
				keep(errf(v.Line, name, "version %s is not supported; this advisor reads version %d", describe(v), Version))
			}
			continue
		}
		q, ok := m.Question(name)
		if !ok && len(errs) >= MaxErrors {
			extra++ // counted only: a suggestion costs a comparison with every field
			continue
		}
		if !ok {
			keep(errf(k.Line, name, "unknown field; %saccepted fields: version, %s", didYouMean(name, m.Fields()), strings.Join(m.Fields(), ", ")))
			continue
		}
		val, err := checkValue(q, v)
		if err != "" {
			keep(errf(v.Line, name, "%s", err))
			continue
		}
		if err := a.Set(name, val); err != nil {
			keep(errf(v.Line, name, "%v", err))
		} else if v.Tag == "!!str" {
			a.SetWritten(name, v.Value) // 200M stays 200M when the answers are saved again
		}
	}
	if !versionSeen {
		errs = append(errs, errf(root.Line, "version", "missing; the first line of an answers file is `version: 1`"))
	}
	if msg := a.maxBelowTypical(a.MaxValueBytes); a.Given["max_value_bytes"] && msg != "" {
		errs = append(errs, errf(seen["max_value_bytes"], "max_value_bytes", "%s", msg))
	}
	if len(errs) > 0 {
		slices.SortStableFunc(errs, func(x, y *Error) int { return x.Line - y.Line })
		if len(errs) > MaxErrors { // the checks after the loop may add one or two
			extra += len(errs) - MaxErrors
			errs = errs[:MaxErrors]
		}
		return nil, &Errors{List: errs, More: extra}
	}
	a.complete(m)
	return a, nil
}

// checkValue validates one answer against its question and returns it as the Go type of
// the field, or a message naming what is accepted: it reads the YAML value as the field's
// type, then holds it to the question with check, as CheckText does a typed answer.
func checkValue(q matrix.Question, v *yaml.Node) (any, string) {
	val, msg := readValue(q, v)
	if msg == "" {
		msg = check(q, val, v.Value)
	}
	if msg != "" {
		return nil, msg
	}
	return val, ""
}

// readValue reads a YAML value as the Go type of q's field, or says what was expected.
func readValue(q matrix.Question, v *yaml.Node) (any, string) {
	if v.Kind != yaml.ScalarNode || v.Tag == "!!null" {
		if v.Kind == yaml.ScalarNode {
			return nil, "no value; give one or remove the field to use the default" + defaultHint(q)
		}
		return nil, fmt.Sprintf("expected %s, found %s", expected(q), kindName(v))
	}
	switch q.Type {
	case matrix.TypeString:
		if v.Tag != "!!str" {
			return nil, fmt.Sprintf("expected text, found %s; quote it", describe(v))
		}
		return v.Value, ""
	case matrix.TypeEnum:
		if v.Tag != "!!str" { // a number or a boolean: never one of the options
			return nil, fmt.Sprintf("%s is not accepted; accepted values: %s", describe(v), strings.Join(q.OptionValues(), ", "))
		}
		return v.Value, ""
	case matrix.TypeBool:
		if v.Tag != "!!bool" {
			return nil, fmt.Sprintf("expected true or false, found %s", describe(v))
		}
		return v.Value == "true", ""
	case matrix.TypeNumber:
		var n float64
		switch v.Tag {
		case "!!int", "!!float":
			f, err := strconv.ParseFloat(strings.ReplaceAll(v.Value, "_", ""), 64)
			if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
				return nil, fmt.Sprintf("expected a finite number, found %s", describe(v))
			}
			n = f
		case "!!str":
			// An extension of the format: the interview's suffixes (25MiB, 2M) also work here.
			f, err := ParseQuantity(q.Unit, v.Value)
			if errors.Is(err, errDecimalComma) {
				return nil, fmt.Sprintf("expected a number, found %s: %v", describe(v), err)
			}
			if err != nil {
				return nil, fmt.Sprintf("expected a number, found %s (%s)", describe(v), QuantityHelp(q.Unit))
			}
			n = f
		default:
			return nil, fmt.Sprintf("expected a number, found %s", describe(v))
		}
		return n, ""
	}
	return nil, "unsupported question type " + q.Type
}

// CheckText reads an answer typed in the interview for q, as Parse reads a quoted answer in
// an answers file (a number with the suffixes ParseQuantity reads), and checks it as Parse
// checks an answer: against the question (an enum's options, a number's minimum, a text's
// max_length) and against the answers a holds (a largest value, max_value_bytes, below the
// typical one given, value_bytes). So a session's saved answers always read back in batch
// mode. It returns the value as the Go type of the field, for Set.
func CheckText(q matrix.Question, a *Answers, s string) (any, error) {
	var v any = s
	switch q.Type {
	case matrix.TypeNumber:
		n, err := ParseQuantity(q.Unit, s)
		if err != nil {
			return nil, err
		}
		v = n
	case matrix.TypeBool:
		if s != "true" && s != "false" {
			return nil, fmt.Errorf("expected true or false, found %q", s)
		}
		v = s == "true"
	}
	if msg := check(q, v, s); msg != "" {
		return nil, errors.New(msg)
	}
	if q.Field == "max_value_bytes" {
		if msg := a.maxBelowTypical(v.(float64)); msg != "" {
			return nil, errors.New(msg)
		}
	}
	return v, nil
}

// check holds an answer, read as the Go type of its field, to what its question accepts: an
// enum's options, a number's minimum, a text's max_length. raw is the answer as written. It
// returns what is wrong, or "".
func check(q matrix.Question, v any, raw string) string {
	switch x := v.(type) {
	case string:
		if q.Type == matrix.TypeEnum && !slices.Contains(q.OptionValues(), x) {
			return fmt.Sprintf("%q is not accepted; %saccepted values: %s", x, didYouMean(x, q.OptionValues()), strings.Join(q.OptionValues(), ", "))
		}
		if n := len([]rune(x)); q.MaxLength > 0 && n > q.MaxLength {
			return fmt.Sprintf("at most %d characters, found %d", q.MaxLength, n)
		}
	case float64:
		if q.Min != nil && x < *q.Min {
			return fmt.Sprintf("%s is below the minimum %s", raw, strconv.FormatFloat(*q.Min, 'f', -1, 64))
		}
		if q.Max != nil && x > *q.Max {
			return fmt.Sprintf("%s is above the maximum %s (%s)", raw, bound(*q.Max), QuantityName(q.Unit))
		}
	}
	return ""
}

// maxBelowTypical says what is wrong when a largest value (max_value_bytes) n is below the
// typical value given (value_bytes), or "": an answers file may not say so, nor may the
// interview, and both say it in the same words.
func (a *Answers) maxBelowTypical(n float64) string {
	if !a.Given["value_bytes"] || n >= a.ValueBytes {
		return ""
	}
	return fmt.Sprintf("the largest value (%s) is smaller than the typical one (value_bytes: %s); give max_value_bytes ≥ value_bytes",
		FormatQuantity(matrix.UnitBytes, n), FormatQuantity(matrix.UnitBytes, a.ValueBytes))
}

// didYouMean names the accepted word nearest to a mistyped one ("did you mean eventual? "),
// or is empty when none is near: the list of accepted words follows either way.
func didYouMean(word string, accepted []string) string {
	if near := suggest.Nearest(word, accepted); near != "" {
		return fmt.Sprintf("did you mean %s? ", near)
	}
	return ""
}

// bound writes a limit as people write large numbers: 1e16, not 10000000000000000.
func bound(v float64) string {
	if v >= 1e6 && v == math.Trunc(v) {
		s := strings.Replace(strconv.FormatFloat(v, 'g', -1, 64), "e+", "e", 1)
		return strings.Replace(s, "e0", "e", 1)
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

func expected(q matrix.Question) string {
	switch q.Type {
	case matrix.TypeEnum:
		return "one of " + strings.Join(q.OptionValues(), ", ")
	case matrix.TypeNumber:
		return "a number"
	case matrix.TypeBool:
		return "true or false"
	}
	return "text"
}

func defaultHint(q matrix.Question) string {
	return fmt.Sprintf(" (%s; default %v)", expected(q), q.Default)
}

func describe(v *yaml.Node) string {
	switch v.Tag {
	case "!!str":
		return strconv.Quote(v.Value)
	case "!!int", "!!float":
		return "the number " + v.Value
	case "!!bool":
		return v.Value
	}
	return v.Value
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		return describe(n)
	}
	return "something else"
}

// yamlErrorLine pulls the line number out of a yaml.v3 error ("yaml: line 3: ...").
func yamlErrorLine(err error) (int, string) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if rest, ok := strings.CutPrefix(msg, "line "); ok {
		if i := strings.Index(rest, ":"); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				return n, strings.TrimSpace(rest[i+1:])
			}
		}
	}
	return 0, msg
}

// syntaxErrorLine finds the line of a syntax error, which yaml.v3 misplaces: it names the
// line before the error (its 0-based line of the problem) or the line where the enclosing
// mapping began, often line 1. JSON's own decoder says where a JSON file goes wrong; for
// YAML, the error's line is the first line, from the one yaml.v3 names, whose text up to it
// fails as the whole file does. Only a few lines past the named one are tried, so a large
// file costs a few parses.
func syntaxErrorLine(data []byte, err error) (int, string) {
	line, msg := yamlErrorLine(err)
	if trimmed := bytes.TrimSpace(data); len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '[') {
		var v any
		var se *json.SyntaxError
		if jerr := json.Unmarshal(data, &v); errors.As(jerr, &se) && se.Offset > 0 {
			return bytes.Count(data[:se.Offset-1], []byte("\n")) + 1, se.Error()
		}
		return line, msg
	}
	if line == 0 {
		return line, msg
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	for n := max(line, 1); n <= min(line+2, len(lines)); n++ {
		var doc yaml.Node
		if perr := yaml.Unmarshal(bytes.Join(lines[:n], nil), &doc); perr != nil {
			if _, pmsg := yamlErrorLine(perr); pmsg == msg {
				return n, msg
			}
		}
	}
	return line, msg
}

// Errors carries the bad answers of a file, so a user fixes them in one go: the first
// MaxErrors, and how many more there are.
type Errors struct {
	List []*Error
	More int
}

func (m *Errors) Error() string {
	s := make([]string, len(m.List), len(m.List)+1)
	for i, e := range m.List {
		s[i] = e.Error()
	}
	if m.More > 0 {
		s = append(s, fmt.Sprintf("… and %d more errors", m.More))
	}
	return strings.Join(s, "\n")
}

// Unwrap lets errors.As find the first *Error.
func (m *Errors) Unwrap() []error {
	out := make([]error, len(m.List))
	for i, e := range m.List {
		out[i] = e
	}
	return out
}
