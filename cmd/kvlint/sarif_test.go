package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/storewise/storewise/internal/cmdtest"
)

func validateSARIF(t *testing.T, schema *jsonschema.Schema, out string) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(out))
	if err != nil {
		t.Fatalf("SARIF output is not JSON: %v\n%s", err, out)
	}
	if err := schema.Validate(inst); err != nil {
		t.Errorf("SARIF output does not validate against the SARIF 2.1.0 schema: %v", err)
	}
}

type sarifOut struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name  string `json:"name"`
				Rules []struct {
					ID      string `json:"id"`
					HelpURI string `json:"helpUri"`
					Full    struct {
						Text string `json:"text"`
					} `json:"fullDescription"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex int    `json:"ruleIndex"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations []struct {
				PhysicalLocation struct {
					ArtifactLocation struct {
						URI       string `json:"uri"`
						URIBaseID string `json:"uriBaseId"`
					} `json:"artifactLocation"`
					Region struct {
						StartLine int `json:"startLine"`
					} `json:"region"`
				} `json:"physicalLocation"`
			} `json:"locations"`
			Fixes []json.RawMessage `json:"fixes"`
		} `json:"results"`
	} `json:"runs"`
}

// sarifFindings returns "file:line rule" for each result, and checks what code
// scanning needs of each: a rule that exists, a message, a relative file.
func sarifFindings(t *testing.T, out string) []string {
	t.Helper()
	var log sarifOut
	if err := json.Unmarshal([]byte(out), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("version %q, %d runs; want 2.1.0 and one run", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	var got []string
	for _, r := range run.Results {
		if r.RuleIndex < 0 || r.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %s: ruleIndex %d does not name its rule", r.RuleID, r.RuleIndex)
		}
		if r.Message.Text == "" || len(r.Locations) != 1 {
			t.Errorf("result %s: message %q, %d locations", r.RuleID, r.Message.Text, len(r.Locations))
			continue
		}
		loc := r.Locations[0].PhysicalLocation
		if loc.ArtifactLocation.URIBaseID != "SRCROOT" || strings.HasPrefix(loc.ArtifactLocation.URI, "/") {
			t.Errorf("result %s: location %+v is not relative to the source root", r.RuleID, loc.ArtifactLocation)
		}
		got = append(got, fmt.Sprintf("%s:%d %s", loc.ArtifactLocation.URI, loc.Region.StartLine, r.RuleID))
	}
	return got
}

// TestSARIF runs kvlint -format sarif on the end-to-end module: the log validates
// against the SARIF 2.1.0 schema, has one rule per analyzer with its documentation and
// help URI, and lists each expected finding with file, line and rule.
func TestSARIF(t *testing.T) {
	t.Parallel()
	bin := buildKVLint(t)
	dir, err := filepath.Abs(filepath.Join("testdata", "e2e"))
	if err != nil {
		t.Fatal(err)
	}
	schema := cmdtest.SARIFSchema(t)

	native := run(t, dir, nil, bin, "-format", "sarif", "./cfv0/...", "./cfv6/...", "./cfv7/...", "./clean/...")
	if native.code != 0 {
		t.Fatalf("kvlint -format sarif exited %d: %s", native.code, native.stderr)
	}
	wasm := run(t, dir, []string{"GOOS=js", "GOARCH=wasm"}, bin, "-format=sarif", "./syumai/...")
	if wasm.code != 0 {
		t.Fatalf("GOOS=js GOARCH=wasm kvlint -format=sarif exited %d: %s", wasm.code, wasm.stderr)
	}
	validateSARIF(t, schema, native.stdout)
	validateSARIF(t, schema, wasm.stdout)

	got := append(sarifFindings(t, native.stdout), sarifFindings(t, wasm.stdout)...)
	sort.Strings(got)
	want := readExpected(t, filepath.Join(dir, "expected.txt"))
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("SARIF findings differ from testdata/e2e/expected.txt\ngot:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	var log sarifOut
	if err := json.Unmarshal([]byte(native.stdout), &log); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		ids = append(ids, r.ID)
		if !strings.HasPrefix(r.HelpURI, "https://github.com/storewise/storewise/blob/main/docs/checks.md#") || r.Full.Text == "" {
			t.Errorf("rule %s: helpUri %q, documentation %q", r.ID, r.HelpURI, r.Full.Text)
		}
	}
	if strings.Join(ids, " ") != "kvlint kvrmw kvwriteread kvexists kvttl kvhotkey" {
		t.Errorf("rules %v, want one per analyzer", ids)
	}
	fixes := 0
	for _, r := range log.Runs[0].Results {
		fixes += len(r.Fixes)
	}
	if fixes == 0 {
		t.Errorf("no result carries its suggested fix")
	}

	t.Run("schema rejects a broken log", func(t *testing.T) {
		// The validator must be able to fail: a result without its message is invalid.
		var raw map[string]any
		if err := json.Unmarshal([]byte(native.stdout), &raw); err != nil {
			t.Fatal(err)
		}
		res := raw["runs"].([]any)[0].(map[string]any)["results"].([]any)[0].(map[string]any)
		delete(res, "message")
		broken, _ := json.Marshal(raw)
		inst, _ := jsonschema.UnmarshalJSON(strings.NewReader(string(broken)))
		if err := schema.Validate(inst); err == nil {
			t.Error("a result without a message validated")
		}
	})

	t.Run("usage", func(t *testing.T) {
		if r := run(t, dir, nil, bin, "-format", "xml", "./clean/..."); r.code != 2 || !strings.Contains(r.stderr, "unknown -format") {
			t.Errorf("-format xml: exit %d, stderr %q; want 2", r.code, r.stderr)
		}
		if r := run(t, dir, nil, bin, "-format", "sarif", "-fix", "./clean/..."); r.code != 2 {
			t.Errorf("-format sarif -fix: exit %d, want 2", r.code)
		}
		if r := run(t, dir, nil, bin, "-format", "sarif"); r.code != 2 {
			t.Errorf("-format sarif without packages: exit %d, want 2", r.code)
		}
		if r := run(t, dir, nil, bin, "-format", "sarif", "./nosuchdir/..."); r.code != 1 {
			t.Errorf("-format sarif on a pattern that matches nothing: exit %d, want 1", r.code)
		}
		if r := run(t, dir, nil, bin, "-format", "json", "./cfv0/..."); r.code != 0 || len(jsonFindings(t, dir, r.stdout)) != 2 {
			t.Errorf("-format json: exit %d, output %q", r.code, r.stdout)
		}
	})
}

// TestFix applies the suggested fixes with kvlint -fix to a copy of the end-to-end
// module: the TTLs are raised to the minimum, the re-read becomes the value written, and
// kvttl and kvwriteread have nothing left to say there.
func TestFix(t *testing.T) {
	t.Parallel()
	bin := buildKVLint(t)
	src, err := filepath.Abs(filepath.Join("testdata", "e2e"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	wasm := []string{"GOOS=js", "GOARCH=wasm"}
	preview := run(t, dir, wasm, bin, "-diff", "./syumai/...")
	if preview.code != 0 || !strings.Contains(preview.stdout, "+\tv := name\n") || !strings.Contains(preview.stderr, "kvlint: would fix 3 findings in 1 file:") {
		t.Errorf("kvlint -diff: exit %d\n%s%s", preview.code, preview.stdout, preview.stderr)
	}
	// -fix says what it fixed and lists what is left.
	if r := run(t, dir, wasm, bin, "-fix", "./syumai/..."); r.code != 0 || !strings.Contains(r.stderr, "kvlint: fixed 3 findings in 1 file:\n\tsyumai/limits.go:22:") ||
		!strings.Contains(r.stderr, "kvlint: 5 findings left, to change by hand:") || !strings.Contains(r.stdout, "syumai/worker.go:21:14: ") {
		t.Fatalf("kvlint -fix exited %d:\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r := run(t, dir, nil, bin, "-fix", "./cfv6/..."); r.code != 0 {
		t.Fatalf("kvlint -fix exited %d: %s", r.code, r.stderr)
	}
	for file, wants := range map[string][]string{
		// sessionTTL is local and used only there: the constant is fixed, not its use.
		"syumai/limits.go": {"const sessionTTL = 60 * time.Second", "&kv.PutOptions{ExpirationTTL: int(sessionTTL / time.Second)}", "&kv.GetOptions{CacheTTL: 30}", "v := name"},
		"cfv6/limits.go":   {"time.Now().Add(60 * time.Second)", "ExpirationTTL: cloudflare.F(60.0)"},
	} {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		for _, w := range wants {
			if !strings.Contains(string(data), w) {
				t.Errorf("%s after -fix lacks %q:\n%s", file, w, data)
			}
		}
	}
	after := run(t, dir, wasm, bin, "-kvttl", "./syumai/...")
	after2 := run(t, dir, nil, bin, "-kvttl", "./cfv6/...")
	if after.code != 0 || after2.code != 0 {
		t.Errorf("kvttl still reports after -fix:\n%s%s", after.stderr, after2.stderr)
	}
	if r := run(t, dir, wasm, bin, "-kvwriteread", "./syumai/..."); strings.Contains(r.stderr, "limits.go") {
		t.Errorf("kvwriteread still reports limits.go after -fix:\n%s", r.stderr)
	}
}
