package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/storewise/storewise/matrix"
	"github.com/storewise/storewise/rules"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// advisor runs the command in-process and returns its exit status, stdout and stderr.
func advisor(t testing.TB, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

func recommend(t *testing.T, file string) *rules.Recommendation {
	t.Helper()
	code, out, errs := advisor(t, "--answers", file, "--format", "json")
	if code != 0 {
		t.Fatalf("advisor --answers %s: exit %d: %s", file, code, errs)
	}
	var r rules.Recommendation
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("output is not the JSON recommendation: %v\n%s", err, out)
	}
	return &r
}

// Each row of the seed's decision matrix (and each case its prose argues), as kept in
// matrix/examples.yaml, is an answers file in testdata/decision whose pick must be one of
// the row's choices, and never one it rules out.
func TestDecisionMatrix(t *testing.T) {
	m := matrix.MustLoad()
	for _, ex := range m.Examples {
		t.Run(ex.ID, func(t *testing.T) {
			file := filepath.Join("testdata", "decision", ex.ID+".yaml")
			if _, err := os.Stat(file); err != nil {
				t.Fatalf("no answers file for the example %q (%s): %v", ex.Situation, ex.ID, err)
			}
			r := recommend(t, file)
			if !slices.Contains(ex.Choose, r.Primary) {
				t.Errorf("%s: primary %q, want one of %v (%s)", ex.Situation, r.Primary, ex.Choose, ex.Because)
			}
			for _, p := range ex.Never {
				if r.Primary == p {
					t.Errorf("%s: primary %q, which the seed rules out", ex.Situation, p)
				}
			}
			if r.Ranking[0].Product != r.Primary {
				t.Errorf("primary %q is not the first of the ranking %v", r.Primary, r.Ranking[0].Product)
			}
		})
	}
}

// What a reviewer reads in the JSON, beyond the pick: eliminations carry their reason,
// patterns and TTLs appear when they should.
func TestRecommendationDetails(t *testing.T) {
	t.Run("settings that must show what was saved rule out KV with a reason", func(t *testing.T) {
		r := recommend(t, "testdata/decision/settings-page.yaml")
		kv := entry(t, r, "kv")
		if !kv.Eliminated || kv.Score != 0 || len(kv.Reasons) == 0 || kv.Reasons[0].Dimension != "consistency" || kv.Reasons[0].Source == "" {
			t.Errorf("kv should be eliminated on consistency with a source, got %+v", kv)
		}
	})
	t.Run("30 MB values eliminate KV, D1 and Durable Objects and pair R2 with D1 metadata", func(t *testing.T) {
		r := recommend(t, "testdata/decision/large-values.yaml")
		for _, p := range []string{"kv", "d1", "durable-objects"} {
			if e := entry(t, r, p); !e.Eliminated {
				t.Errorf("%s not eliminated for 50 MB values", p)
			}
		}
		if r.Pattern == nil || r.Pattern.Name != "objects with metadata" {
			t.Errorf("pattern = %+v, want objects with metadata", r.Pattern)
		}
	})
	t.Run("a read-mostly D1 workload that tolerates staleness gets KV as a read-through cache and TTLs", func(t *testing.T) {
		r := recommend(t, "testdata/read-through.yaml")
		if r.Primary != "d1" || r.Pattern == nil || r.Pattern.Name != "read-through cache" {
			t.Fatalf("primary %s pattern %+v, want d1 with a read-through cache", r.Primary, r.Pattern)
		}
		if r.TTL == nil || r.TTL.Role != "cache" || r.TTL.CacheTTLSeconds < 30 || r.TTL.ExpirationTTLSeconds == nil || *r.TTL.ExpirationTTLSeconds < 60 {
			t.Errorf("TTL guidance = %+v, want a cache role within the API minimums", r.TTL)
		}
		if len(r.TTL.Steps) != 4 {
			t.Errorf("TTL guidance should answer the seed's four questions, got %d", len(r.TTL.Steps))
		}
	})
	t.Run("defaults are listed as assumptions", func(t *testing.T) {
		r := recommend(t, "testdata/decision/unsure-d1-migration.yaml")
		if !slices.Contains(r.Assumptions, "hot_key_writes_per_second not given: assumed 0.1") {
			t.Errorf("assumptions = %q", r.Assumptions)
		}
	})
	t.Run("flips name a value that really changes the pick", func(t *testing.T) {
		r := recommend(t, "testdata/decision/configuration-flags.yaml")
		if len(r.Flips) == 0 {
			t.Fatal("no flips for feature flags")
		}
		for _, f := range r.Flips {
			if f.Primary == r.Primary {
				t.Errorf("flip %+v does not change the pick", f)
			}
		}
		var f *rules.Flip
		for i := range r.Flips {
			if r.Flips[i].Field == "consistency" {
				f = &r.Flips[i]
			}
		}
		if f == nil || f.To != "read-your-writes" || f.Primary != "d1" {
			t.Errorf("consistency flip = %+v, want read-your-writes → d1", f)
		}
	})
}

func entry(t *testing.T, r *rules.Recommendation, id string) rules.Ranked {
	t.Helper()
	for _, e := range r.Ranking {
		if e.Product == id {
			return e
		}
	}
	t.Fatalf("%s not in the ranking", id)
	return rules.Ranked{}
}

// The three formats against golden files; a second run must give the same bytes.
func TestGolden(t *testing.T) {
	for _, name := range []string{"feature-flags", "read-through", "large-values"} {
		in := filepath.Join("testdata", name+".yaml")
		if name == "large-values" {
			in = filepath.Join("testdata", "decision", name+".yaml")
		}
		for _, f := range []struct{ format, ext string }{{"text", "txt"}, {"json", "json"}, {"markdown", "md"}} {
			t.Run(name+"."+f.ext, func(t *testing.T) {
				code, out, errs := advisor(t, "--answers", in, "--format", f.format)
				if code != 0 {
					t.Fatalf("exit %d: %s", code, errs)
				}
				_, again, _ := advisor(t, "--answers", in, "--format", f.format)
				if again != out {
					t.Fatal("the same answers gave different output on a second run")
				}
				golden := filepath.Join("testdata", "golden", name+"."+f.ext)
				if *update {
					if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run go test ./cmd/advisor -run Golden -update)", err)
				}
				if out != string(want) {
					t.Errorf("output differs from %s (go test ./cmd/advisor -run Golden -update, then review the diff):\n%s", golden, firstDiff(string(want), out))
				}
			})
		}
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + itoa(i+1) + ":\n want: " + w + "\n  got: " + g
		}
	}
	return ""
}

func itoa(i int) string { return strconv.Itoa(i) }

// Bad answers files: exit 2, a message naming the file, line and field with what is
// accepted, nothing on standard output and nothing written.
func TestBadAnswers(t *testing.T) {
	cases := []struct{ file, want string }{
		{"wrong-type-number.yaml", `wrong-type-number.yaml:2: field reads_per_month: expected a number, found "lots"`},
		{"wrong-type-bool.yaml", `wrong-type-bool.yaml:2: field realtime: expected true or false, found "maybe"`},
		{"wrong-type-string.yaml", `wrong-type-string.yaml:2: field workload: expected text, found a list`},
		{"unknown-field.yaml", `unknown-field.yaml:3: field colour: unknown field; accepted fields: version, workload, consistency`},
		{"unknown-enum.yaml", `unknown-enum.yaml:2: field consistency: "eventually" is not accepted; did you mean eventual? accepted values: eventual, read-your-writes, strong, coordination`},
		{"misspelled-field.yaml", `misspelled-field.yaml:3: field hot_key_writes_per_sec: unknown field; did you mean hot_key_writes_per_second? accepted fields: version, workload`},
		{"misspelled-enum.yaml", `misspelled-enum.yaml:2: field data_shape: "key-valu" is not accepted; did you mean key-value? accepted values: key-value, relational`},
		// yaml.v3 names the line before (line 4) or the mapping's first line: the error's
		// own line is the one a user must fix.
		{"syntax-error-line.yaml", `syntax-error-line.yaml:5: not a YAML or JSON answers file: did not find expected key`},
		{"syntax-error-second-line.yaml", `syntax-error-second-line.yaml:2: not a YAML or JSON answers file: did not find expected key`},
		{"json-syntax-error-line.json", `json-syntax-error-line.json:4: not a YAML or JSON answers file: invalid character '"' after object key:value pair`},
		{"negative-number.yaml", `negative-number.yaml:2: field dataset_gb: -1 is below the minimum 0`},
		{"version-2.yaml", `version-2.yaml:1: field version: version the number 2 is not supported; this advisor reads version 1`},
		{"not-yaml.yaml", `not-yaml.yaml:1: not a YAML or JSON answers file`},
		{"empty.yaml", `empty.yaml: the file is empty; an answers file starts with`},
		{"comments-only.yaml", `comments-only.yaml: the file is empty`},
		{"missing-version.yaml", `missing-version.yaml:1: field version: missing; the first line of an answers file is`},
		{"list-root.yaml", `list-root.yaml:1: expected a mapping of fields`},
		{"duplicate-field.yaml", `duplicate-field.yaml:4: field consistency: given twice (first on line 2)`},
		{"null-value.yaml", `null-value.yaml:2: field users: no value; give one or remove the field to use the default (one of global, one-region; default global)`},
		{"max-below-value.yaml", `max-below-value.yaml:3: field max_value_bytes: the largest value (1MB) is smaller than the typical one (value_bytes: 5MB)`},
		{"bad-size-suffix.yaml", `bad-size-suffix.yaml:2: field value_bytes: expected a number, found "25 parsecs" (write 512, 100 KB, 25MiB or 2MB)`},
		{"version-string.yaml", `version-string.yaml:1: field version: version "1" is not supported`},
		{"workload-too-long.yaml", `workload-too-long.yaml:2: field workload: at most 200 characters, found 201`},
		{"infinite.yaml", `infinite.yaml:2: field reads_per_month: expected a finite number`},
		{"enum-number.yaml", `enum-number.yaml:2: field data_shape: the number 3 is not accepted; accepted values: key-value, relational, per-entity, objects`},
		{"json-unknown-enum.json", `json-unknown-enum.json:1: field transactions: "some" is not accepted; accepted values: none, single-entity, multi-row`},
		{"json-wrong-type.json", `json-wrong-type.json:2: field writes_per_month: expected a number, found "many"`},
		{"two-documents.yaml", `two-documents.yaml:4: a second YAML document; an answers file holds one`},
		{"dataset-bare-suffix.yaml", `dataset-bare-suffix.yaml:3: field dataset_gb: expected a number, found "10k" (write GB as 10, or 500MB, 1.5TB)`},
		{"decimal-comma.yaml", `decimal-comma.yaml:3: field reads_per_month: expected a number, found "1,5M": a comma only separates thousands`},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "report.md")
			code, stdout, stderr := advisor(t, "--answers", filepath.Join("testdata", "bad", c.file), "--format", "markdown", "--out", out)
			if code != 2 {
				t.Errorf("exit %d, want 2", code)
			}
			if !strings.Contains(stderr, c.want) {
				t.Errorf("stderr:\n%s\nwant it to contain:\n%s", stderr, c.want)
			}
			if stdout != "" {
				t.Errorf("stdout should be empty, got %q", stdout)
			}
			if _, err := os.Stat(out); !os.IsNotExist(err) {
				t.Errorf("%s was written for a bad answers file", out)
			}
		})
	}
}

func TestUsageErrors(t *testing.T) {
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"unknown format", []string{"--answers", "testdata/feature-flags.yaml", "--format", "pdf"}, `--format "pdf": accepted formats: text, json, markdown`},
		{"stray argument", []string{"testdata/feature-flags.yaml"}, `unexpected argument "testdata/feature-flags.yaml"`},
		{"unknown flag", []string{"--colour"}, "advisor: unknown flag --colour (advisor --help lists every flag)\n"},
		// One line, not the whole help burying it.
		{"mistyped flag", []string{"--answers", "testdata/feature-flags.yaml", "--fromat", "json"}, "advisor: unknown flag --fromat; did you mean --format? (advisor --help lists every flag)\n"},
		{"mistyped single-dash flag", []string{"-awnsers", "testdata/feature-flags.yaml"}, "advisor: unknown flag --awnsers; did you mean --answers?"},
		{"bad flag value", []string{"--width", "wide"}, `advisor: invalid value "wide" for flag -width: parse error (advisor --help lists every flag)`},
		{"missing answers file", []string{"--answers", "testdata/nope.yaml"}, "reading answers: open testdata/nope.yaml: no such file or directory"},
		{"text too narrow", []string{"--answers", "testdata/feature-flags.yaml", "--width", "5"}, "--width 5: text needs at least 40 columns"},
		{"out in no directory", []string{"--answers", "testdata/feature-flags.yaml", "--out", "nodir/rec.md"}, "--out nodir/rec.md: directory nodir does not exist"},
		{"out is a directory", []string{"--answers", "testdata/feature-flags.yaml", "--out", "testdata"}, "--out testdata: is a directory; give a file name"},
		// Said before the first question, not after the last.
		{"interview out in no directory", []string{"--out", "nodir/rec.md"}, "--out nodir/rec.md: directory nodir does not exist"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, _, stderr := advisor(t, c.args...)
			if code != 2 || !strings.Contains(stderr, c.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, c.want)
			}
			if n := strings.Count(stderr, "\n"); n != 1 {
				t.Errorf("stderr has %d lines, want the mistake in one:\n%s", n, stderr)
			}
		})
	}
	// Help asked for is the output: on standard output, so it pipes into less.
	for _, flag := range []string{"--help", "-h"} {
		code, stdout, stderr := advisor(t, flag)
		if code != 0 || stderr != "" || !strings.Contains(stdout, "hot_key_writes_per_second") || !strings.Contains(stdout, "-policy DIR") ||
			!strings.Contains(stdout, "value_bytes                number of bytes; default 1KiB; write 512, 100 KB") {
			t.Errorf("%s: exit %d, stderr %q; should list every flag and field on standard output:\n%s", flag, code, stderr, stdout)
		}
	}
}

func TestOutWritesAtomicallyAndReplaces(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "rec.json")
	if err := os.WriteFile(out, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	// A bad SOURCE_DATE_EPOCH for a report: exit 2 before anything is written, the old
	// file as it was.
	t.Setenv("SOURCE_DATE_EPOCH", "yesterday")
	code, _, stderr := advisor(t, "--answers", "testdata/feature-flags.yaml", "--format", "html", "--out", out)
	if data, _ := os.ReadFile(out); code != 2 || string(data) != "old" || !strings.Contains(stderr, `SOURCE_DATE_EPOCH="yesterday"`) {
		t.Fatalf("bad SOURCE_DATE_EPOCH: exit %d, stderr %q, file %q; want 2, the variable named, the old bytes", code, stderr, data)
	}
	t.Setenv("SOURCE_DATE_EPOCH", "")
	code, stdout, stderr := advisor(t, "--answers", "testdata/feature-flags.yaml", "--format", "json", "--out", out)
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d, stdout %q, stderr %s", code, stdout, stderr)
	}
	data, _ := os.ReadFile(out)
	var r rules.Recommendation
	if err := json.Unmarshal(data, &r); err != nil || r.Primary != "kv" {
		t.Fatalf("written file is not the recommendation: %v", err)
	}
	if info, err := os.Stat(out); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the replaced report's permissions: %v, %v; want the old file's 0600", info.Mode(), err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	// A directory that does not exist: a usage error said up front, nothing created.
	code, _, stderr = advisor(t, "--answers", "testdata/feature-flags.yaml", "--out", filepath.Join(dir, "missing", "x.txt"))
	if code != 2 || !strings.Contains(stderr, "directory "+filepath.Join(dir, "missing")+" does not exist") {
		t.Errorf("exit %d, stderr %q", code, stderr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("a failed --out created files: %v", entries)
	}
}

func TestAnswersFromStandardInput(t *testing.T) {
	data, err := os.ReadFile("testdata/feature-flags.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := run(context.Background(), []string{"--answers", "-", "--format", "json"}, bytes.NewReader(data), &out, &errb)
	if code != 0 || !strings.Contains(out.String(), `"primary": "kv"`) {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
}

func TestPolicyFlag(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "profiles.yaml")
	os.WriteFile(in, []byte("version: 1\nworkload: customer profiles\nconsistency: eventual\nstaleness_seconds: 300\n"), 0o644)
	code, out, errs := advisor(t, "--answers", in, "--format", "json", "--policy", "../../examples/policies")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r rules.Recommendation
	json.Unmarshal([]byte(out), &r)
	if r.Primary == "kv" || r.Primary == "" {
		t.Errorf("with the personal-data policy the pick is %q, want anything but kv", r.Primary)
	}

	bad := t.TempDir()
	os.WriteFile(filepath.Join(bad, "p.rego"), []byte("package storewise.user\n\nwarnings contains x if {\n\tx := http.send({\"url\": \"https://example.com\", \"method\": \"GET\"})\n}\n"), 0o644)
	outFile := filepath.Join(dir, "r.txt")
	code, _, errs = advisor(t, "--answers", in, "--policy", bad, "--out", outFile)
	if code != 2 || !strings.Contains(errs, "p.rego:4") || !strings.Contains(errs, "http.send") {
		t.Errorf("exit %d, stderr %q; want 2 naming p.rego:4 and http.send", code, errs)
	}
	if _, err := os.Stat(outFile); !os.IsNotExist(err) {
		t.Error("output written despite a bad policy")
	}
}

// BenchmarkBatch is the whole batch command in-process: read and check the answers, compile
// the policy, evaluate, search the flips, render text (budget: 50 ms).
func BenchmarkBatch(b *testing.B) {
	for b.Loop() {
		if code, _, errs := advisor(b, "--answers", "testdata/read-through.yaml"); code != 0 {
			b.Fatal(errs)
		}
	}
}

// With every product eliminated, the JSON says so with a null primary and a warning rather
// than naming a product.
func TestEverythingEliminated(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "none.rego"), []byte("package storewise.user\n\neliminate contains {\"product\": p, \"text\": \"not approved here\"} if some p in [\"kv\", \"d1\", \"durable-objects\", \"hyperdrive\", \"r2\"]\n"), 0o644)
	code, out, errs := advisor(t, "--answers", "testdata/feature-flags.yaml", "--format", "json", "--policy", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if p, ok := doc["primary"]; !ok || p != nil {
		t.Errorf("primary = %#v, want null", p)
	}
	if !strings.Contains(out, "Every product is eliminated") {
		t.Error("no warning that every product is eliminated")
	}
	code, text, _ := advisor(t, "--answers", "testdata/feature-flags.yaml", "--policy", dir)
	if code != 0 || !strings.Contains(text, "No Cloudflare store fits these answers") {
		t.Errorf("text output: exit %d\n%s", code, text)
	}
}
