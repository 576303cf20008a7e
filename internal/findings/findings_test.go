package findings

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/storewise/storewise/internal/cmdtest"
)

func pos(file string, line, col, off int) Position {
	return Position{File: file, Line: line, Col: col, Offset: off}
}

// sample is what a Go package and its test variant report: the variant repeats the
// package's finding, and adds one of its own (in a _test.go file).
func sample() []Finding {
	rmw := Finding{Package: "app [app.test]", Analyzer: "kvrmw", Pos: pos("/work/app/b.go", 19, 34, 300),
		Message: `read-modify-write of KV key "visits"`, Related: []Related{{Pos: pos("/work/app/b.go", 14, 28, 200), Message: "the value is read here"}}}
	rmw2 := rmw
	rmw2.Package = "app"
	return []Finding{
		rmw,
		{Package: "app [app.test]", Analyzer: "kvttl", Pos: pos("/work/app/b_test.go", 3, 1, 10), Message: "too short"},
		{Package: "app", Analyzer: "kvexists", Pos: pos("/work/app/a.go", 40, 2, 900), Message: "check-then-act"},
		rmw2,
		{Package: "app", Analyzer: "kvexists", Pos: pos("/work/app/b.go", 2, 5, 20), Message: "check-then-act"},
	}
}

var rules = []Rule{{Name: "kvrmw", Short: "kvrmw: rmw", Why: "lost updates", Help: "lost updates\n\nmore", URL: "https://x/checks.md#kvrmw"},
	{Name: "kvexists", Short: "kvexists: cta", URL: "https://x/checks.md#kvexists"}, {Name: "kvttl", Short: "kvttl: ttl", URL: "https://x/checks.md#kvttl"}}

// The text a user reads: sorted by file and line, each finding once, the analyzer last,
// paths relative to the working directory, related places indented; then the summary.
func TestTextAndSummary(t *testing.T) {
	fs := Prepare(sample())
	var b bytes.Buffer
	if err := WriteText(&b, fs, "/work/app"); err != nil {
		t.Fatal(err)
	}
	want := `a.go:40:2: check-then-act (kvexists)
b.go:2:5: check-then-act (kvexists)
b.go:19:34: read-modify-write of KV key "visits" (kvrmw)
	b.go:14:28: the value is read here
b_test.go:3:1: too short (kvttl)
`
	if b.String() != want {
		t.Errorf("text:\n%s\nwant:\n%s", b.String(), want)
	}
	if got := Summary(fs, rules); got != "4 findings: kvrmw 1, kvexists 2, kvttl 1" {
		t.Errorf("summary %q", got)
	}
	if got := Summary(fs[:1], rules); got != "1 finding: kvexists 1" {
		t.Errorf("summary %q", got)
	}
	if got := Summary(nil, rules); got != "" {
		t.Errorf("summary of nothing %q", got)
	}
	b.Reset()
	WriteText(&b, fs[:1], "/elsewhere")
	if !strings.HasPrefix(b.String(), "/work/app/a.go:40:2:") {
		t.Errorf("a file outside the working directory keeps its absolute path: %q", b.String())
	}
}

// -json: the go vet tree lists the finding the test variant repeats once, under the
// package; the variant keeps only its own; each finding carries the why.
func TestJSONOnce(t *testing.T) {
	var b bytes.Buffer
	errs := []Error{{Package: "lib", Analyzer: "kvrmw", Err: "boom"}}
	if err := WriteJSON(&b, Prepare(sample()), errs, rules); err != nil {
		t.Fatal(err)
	}
	var tree map[string]map[string]json.RawMessage
	if err := json.Unmarshal(b.Bytes(), &tree); err != nil {
		t.Fatal(err)
	}
	var rmw []struct{ Posn, Message, Why, URL string }
	if err := json.Unmarshal(tree["app"]["kvrmw"], &rmw); err != nil || len(rmw) != 1 {
		t.Fatalf("app kvrmw: %s (%v)", tree["app"]["kvrmw"], err)
	}
	if rmw[0].Posn != "/work/app/b.go:19:34" || rmw[0].Why != "lost updates" || rmw[0].URL != "https://x/checks.md#kvrmw" {
		t.Errorf("finding %+v", rmw[0])
	}
	if _, ok := tree["app [app.test]"]["kvrmw"]; ok {
		t.Errorf("the test variant repeats the package's finding: %s", b.String())
	}
	if _, ok := tree["app [app.test]"]["kvttl"]; !ok {
		t.Errorf("the test variant's own finding is missing: %s", b.String())
	}
	if !strings.Contains(string(tree["lib"]["kvrmw"]), `"error": "boom"`) {
		t.Errorf("analysis error: %s", tree["lib"]["kvrmw"])
	}
}

// SARIF: valid against the 2.1.0 schema, the repeat dropped, files relative to the
// source root (or absolute file URIs outside it), fixes with their replaced region, the
// version in tool.driver.
func TestSARIF(t *testing.T) {
	fs := sample()
	fs = append(fs, Finding{Package: "app", Analyzer: "kvttl", Pos: pos("/elsewhere/lib.go", 1, 3, 2), Message: "elsewhere",
		Fixes: []Fix{{Message: "raise", Edits: []Edit{{Pos: pos("/elsewhere/lib.go", 1, 3, 2), End: pos("/elsewhere/lib.go", 1, 5, 4), New: "60"}}}}})
	var b bytes.Buffer
	if err := WriteSARIF(&b, Prepare(fs), rules, "v1.2.3", "/work/app"); err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(b.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	schema := cmdtest.SARIFSchema(t)
	if err := schema.Validate(inst); err != nil {
		t.Errorf("invalid SARIF: %v\n%s", err, b.String())
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Version string
					Rules   []struct{ ID string }
				}
			}
			Results []struct {
				RuleID    string
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI, URIBaseID string }
					}
				}
				Fixes []struct {
					ArtifactChanges []struct {
						Replacements []struct {
							DeletedRegion   struct{ StartLine, StartColumn, EndColumn int }
							InsertedContent struct{ Text string }
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	run := log.Runs[0]
	if run.Tool.Driver.Version != "v1.2.3" || len(run.Tool.Driver.Rules) != 3 {
		t.Errorf("driver %+v", run.Tool.Driver)
	}
	var uris []string
	for _, r := range run.Results {
		uris = append(uris, r.Locations[0].PhysicalLocation.ArtifactLocation.URI)
	}
	if got := strings.Join(uris, " "); got != "file:///elsewhere/lib.go a.go b.go b.go b_test.go" {
		t.Errorf("results %s", got)
	}
	rep := run.Results[0].Fixes[0].ArtifactChanges[0].Replacements[0]
	if rep.DeletedRegion.StartColumn != 3 || rep.DeletedRegion.EndColumn != 5 || rep.InsertedContent.Text != "60" {
		t.Errorf("fix %+v", rep)
	}
}
