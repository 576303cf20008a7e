package answers

import (
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/storewise/storewise/matrix"
)

func TestParseQuantity(t *testing.T) {
	for _, c := range []struct {
		unit, in string
		want     float64
	}{
		{"count", "1e6", 1e6},
		{"count", "2M", 2e6},
		{"count", "500k", 500e3},
		{"count", "2,000,000", 2e6},
		{"count", "1,500.5", 1500.5},
		{"bytes", "2,500KB", 2.5e6},
		{"count", "1.5 billion", 1.5e9},
		{"bytes", "25MiB", 25 << 20},
		{"bytes", "100 KB", 100e3},
		{"bytes", "2MB", 2e6},
		{"bytes", "512", 512},
		{"gb", "500MB", 0.5},
		{"gb", "1.5TB", 1500},
		{"gb", "12", 12},
		{"gb", "2GiB", float64(2<<30) / 1e9},
		{"gb", "750 gb", 750},
		{"seconds", "5m", 300},
		{"seconds", "1h", 3600},
		{"seconds", "2d", 172800},
		{"per_second", "0.5", 0.5},
	} {
		got, err := ParseQuantity(c.unit, c.in)
		if err != nil || got != c.want {
			t.Errorf("ParseQuantity(%s, %q) = %v, %v; want %v", c.unit, c.in, got, err, c.want)
		}
	}
	for _, c := range []struct{ unit, in, wantErr string }{
		{"count", "lots", "not a number"},
		{"count", "1,5M", "a comma only separates thousands"},
		{"bytes", "2,5MB", "write decimals with a dot"},
		{"count", "20,00", "a comma only separates thousands"},
		{"bytes", "25 parsecs", `unknown suffix "parsecs"`},
		{"count", "", "no number"},
		// A bare letter is a count elsewhere: "10k" GB is refused, not read as 10 kB.
		{"gb", "10k", `unknown suffix "k" (write GB as 10, or 500MB, 1.5TB)`},
		{"gb", "2m", `unknown suffix "m"`},
		{"gb", "5 bytes", `unknown suffix "bytes"`},
		{"seconds", "NaN", "not a finite number"},
	} {
		if _, err := ParseQuantity(c.unit, c.in); err == nil || !strings.Contains(err.Error(), c.wantErr) {
			t.Errorf("ParseQuantity(%s, %q) err = %v, want %q", c.unit, c.in, err, c.wantErr)
		}
	}
}

func TestFormatQuantityRoundTrips(t *testing.T) {
	for _, c := range []struct {
		unit string
		v    float64
		want string
	}{{"bytes", 25 << 20, "25MiB"}, {"bytes", 100e3, "100KB"}, {"count", 2e6, "2M"}, {"count", 1234567, "1234567"}, {"seconds", 60, "60"}} {
		s := FormatQuantity(c.unit, c.v)
		if s != c.want {
			t.Errorf("FormatQuantity(%s, %v) = %q, want %q", c.unit, c.v, s, c.want)
		}
		if back, err := ParseQuantity(c.unit, s); err != nil || back != c.v {
			t.Errorf("ParseQuantity(%q) = %v, %v; want %v", s, back, err, c.v)
		}
	}
}

func TestParseFillsDefaultsAndListsThem(t *testing.T) {
	a, err := Parse("flags.yaml", []byte("version: 1\nworkload: flags\nconsistency: eventual\nvalue_bytes: 5MB\n"))
	if err != nil {
		t.Fatal(err)
	}
	if a.Consistency != "eventual" || a.ValueBytes != 5e6 || !a.Given["value_bytes"] || a.Given["reads_per_month"] {
		t.Errorf("unexpected answers %+v", a)
	}
	// The largest value cannot default below the typical one.
	if a.MaxValueBytes != 5e6 {
		t.Errorf("max_value_bytes = %v, want value_bytes 5e6", a.MaxValueBytes)
	}
	joined := strings.Join(a.Assumptions, "\n")
	if !strings.Contains(joined, "hot_key_writes_per_second not given: assumed 0.1") {
		t.Errorf("assumptions miss the hot-key default:\n%s", joined)
	}
	// Database questions do not apply without a database, so they are not assumptions.
	if strings.Contains(joined, "shared_database") || strings.Contains(joined, "workload") {
		t.Errorf("assumptions list fields that cannot matter:\n%s", joined)
	}
}

func TestParseJSON(t *testing.T) {
	a, err := Parse("w.json", []byte(`{"version": 1, "consistency": "strong", "realtime": true, "dataset_gb": 2.5}`))
	if err != nil {
		t.Fatal(err)
	}
	if a.Consistency != "strong" || !a.Realtime || a.DatasetGB != 2.5 {
		t.Errorf("unexpected answers %+v", a)
	}
}

func TestParseReportsEveryErrorWithLine(t *testing.T) {
	_, err := Parse("bad.yaml", []byte("version: 1\nconsistency: eventually\nreads_per_month: -5\ncolour: blue\n"))
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("want *Error, got %v", err)
	}
	msg := err.Error()
	for _, want := range []string{
		"bad.yaml:2: field consistency: \"eventually\" is not accepted; did you mean eventual? accepted values: eventual, read-your-writes, strong, coordination",
		"bad.yaml:3: field reads_per_month: -5 is below the minimum 0",
		"bad.yaml:4: field colour: unknown field",
	} {
		if !strings.Contains(msg, want) {
			t.Errorf("error lacks %q:\n%s", want, msg)
		}
	}
}

func TestYAMLRoundTrips(t *testing.T) {
	in := "version: 1\nworkload: \"a: b\"\nconsistency: coordination\nrealtime: true\nexisting_database: postgres\n"
	a, err := Parse("in.yaml", []byte(in))
	if err != nil {
		t.Fatal(err)
	}
	b, err := Parse("out.yaml", a.YAML())
	if err != nil {
		t.Fatalf("written file does not parse: %v\n%s", err, a.YAML())
	}
	if string(b.YAML()) != string(a.YAML()) || b.Workload != "a: b" {
		t.Errorf("round trip changed the answers:\n%s\n---\n%s", a.YAML(), b.YAML())
	}
	// What was not given stays a default, with the same assumptions, and a question not
	// asked is not turned into an answer.
	if !reflect.DeepEqual(b.Given, a.Given) || !slices.Equal(b.Assumptions, a.Assumptions) || len(a.Assumptions) == 0 {
		t.Errorf("round trip changed what was given:\n%v %q\n---\n%v %q", a.Given, a.Assumptions, b.Given, b.Assumptions)
	}
	for _, line := range []string{"realtime: true\n", "# users: global  # not given: the default\n"} {
		if !strings.Contains(string(a.YAML()), line) {
			t.Errorf("written file lacks %q:\n%s", line, a.YAML())
		}
	}
	c, err := Parse("none.yaml", []byte("version: 1\nexisting_database: none\n"))
	if err != nil {
		t.Fatal(err)
	}
	if want := "# shared_database: false  # not asked when existing_database is none\n"; !strings.Contains(string(c.YAML()), want) {
		t.Errorf("written file lacks %q:\n%s", want, c.YAML())
	}
}

func TestAskedFollowsAskIf(t *testing.T) {
	m := matrix.MustLoad()
	q, _ := m.Question("shared_database")
	a := Defaults()
	if a.ExistingDatabase != "none" || a.Asked(q) {
		t.Errorf("shared_database is asked with existing_database %q", a.ExistingDatabase)
	}
	a.ExistingDatabase = "postgres"
	if !a.Asked(q) {
		t.Error("shared_database is not asked with existing_database postgres")
	}
	if w, _ := m.Question("workload"); !a.Asked(w) {
		t.Error("a question without ask_if is not asked")
	}
}

// The interview checks a typed answer with CheckText; an answers file holding the same text
// must be accepted or refused alike, so a saved session always reads back.
func TestCheckTextAgreesWithParse(t *testing.T) {
	m := matrix.MustLoad()
	for _, c := range []struct {
		field, text string
		ok          bool
	}{
		{"reads_per_month", "2M", true},
		{"reads_per_month", "-5", false},
		{"reads_per_month", "lots", false},
		{"reads_per_month", "1,5M", false},
		{"workload", strings.Repeat("x", 200), true},
		{"workload", strings.Repeat("x", 201), false},
		{"consistency", "strong", true},
		{"consistency", "eventually", false},
		{"realtime", "true", true},
		{"realtime", "maybe", false},
		{"max_value_bytes", "5MB", true},
		{"max_value_bytes", "1MB", false}, // below value_bytes: 2MB
	} {
		q, _ := m.Question(c.field)
		a, err := Parse("given.yaml", []byte("version: 1\nvalue_bytes: 2MB\n"))
		if err != nil {
			t.Fatal(err)
		}
		_, textErr := CheckText(q, a, c.text)
		value := strconv.Quote(c.text)
		if q.Type == matrix.TypeBool {
			value = c.text
		}
		_, fileErr := Parse("f.yaml", []byte("version: 1\nvalue_bytes: 2MB\n"+c.field+": "+value+"\n"))
		if (textErr == nil) != c.ok || (fileErr == nil) != c.ok {
			t.Errorf("%s: %q: CheckText err = %v, Parse err = %v; want accepted %v", c.field, c.text, textErr, fileErr, c.ok)
		}
	}
}

func TestParseSaysEmpty(t *testing.T) {
	for _, in := range []string{"", " \n", "\t\n", "# only a comment\n", "\ufeff# a comment after a BOM\n"} {
		if _, err := Parse("e.yaml", []byte(in)); err == nil || !strings.Contains(err.Error(), "e.yaml: the file is empty") {
			t.Errorf("Parse(%q) err = %v, want the file is empty", in, err)
		}
	}
}

// Every question has a field in Answers of its type, and every field of Answers but version
// has a question: a question added without its field fails here, not in a panic at run time.
func TestQuestionsMatchFields(t *testing.T) {
	m := matrix.MustLoad()
	kind := map[string]reflect.Kind{matrix.TypeString: reflect.String, matrix.TypeEnum: reflect.String,
		matrix.TypeNumber: reflect.Float64, matrix.TypeBool: reflect.Bool}
	typ := reflect.TypeFor[Answers]()
	for _, q := range m.Questions {
		i, ok := fieldIndex[q.Field]
		if !ok {
			t.Errorf("question %s has no field in Answers", q.Field)
			continue
		}
		if got := typ.Field(i).Type.Kind(); got != kind[q.Type] {
			t.Errorf("question %s is a %s, but its field is a %s", q.Field, q.Type, got)
		}
	}
	for field := range fieldIndex {
		if _, ok := m.Question(field); !ok && field != "version" {
			t.Errorf("field %s of Answers has no question", field)
		}
	}
}

// An answer to a question that is not asked cannot matter: it is kept, and said to be ignored.
func TestUnaskedAnswerIsIgnoredWithAWarning(t *testing.T) {
	a, err := Parse("w.yaml", []byte("version: 1\nexisting_database: none\nshared_database: true\nneeds_database_features: false\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"shared_database is true but existing_database is none: ignored"}
	if !slices.Equal(a.Warnings, want) {
		t.Errorf("warnings = %q, want %q", a.Warnings, want)
	}
	b, err := Parse("w.yaml", []byte("version: 1\nexisting_database: postgres\nshared_database: true\n"))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Warnings) != 0 {
		t.Errorf("warnings with a database = %q, want none", b.Warnings)
	}
}

// A syntax error names the line to fix, not the line before it nor the mapping's first
// line (yaml.v3's own numbers), in YAML and in JSON.
func TestSyntaxErrorNamesItsLine(t *testing.T) {
	for _, c := range []struct {
		name, data string
		line       int
	}{
		{"list item in a mapping", "version: 1\nconsistency: eventual\nusers: global\n- realtime\n", 4},
		{"second line", "version: 1\n- realtime\n", 2},
		{"text after a quoted value", "version: 1\nusers: global\nworkload: \"a\" b\n", 3},
		{"tab indentation", "version: 1\nusers: global\n\trealtime: true\n", 3},
		{"indented key", "version: 1\nusers: global\n  realtime: true\n", 3},
		{"JSON missing comma", "{\n  \"version\": 1,\n  \"users\": \"global\"\n  \"realtime\": true\n}\n", 4},
		{"JSON doubled comma", "{\"version\": 1,\n \"users\": \"global\",,\n \"realtime\": true}\n", 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Parse("f", []byte(c.data))
			var e *Error
			if !errors.As(err, &e) || e.Line != c.line || !strings.Contains(e.Msg, "not a YAML or JSON answers file") {
				t.Errorf("got %v, want a syntax error on line %d", err, c.line)
			}
		})
	}
}
