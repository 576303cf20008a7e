package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/storewise/storewise/answers"
	"github.com/storewise/storewise/matrix"
	"github.com/storewise/storewise/rules"
)

// The scan module (testdata/scan) counts visits and claims names on Workers KV through a
// stub of github.com/syumai/workers, and reads flags through a read-through cache.
func scanAdvisor(t *testing.T, answersFile string, args ...string) (int, string, string) {
	t.Helper()
	abs, err := filepath.Abs(answersFile)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join("testdata", "scan"))
	return advisor(t, append([]string{"--answers", abs}, args...)...)
}

func TestScanPutsFindingsInTheJSON(t *testing.T) {
	code, out, errs := scanAdvisor(t, "../../examples/feature-flags.yaml", "--scan", "./...", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r rules.Recommendation
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range r.Findings {
		got = append(got, f.Analyzer+" "+f.File+":"+itoa(f.Line))
	}
	want := []string{"kvrmw handlers/handlers.go:15", "kvexists handlers/handlers.go:23"}
	if !slices.Equal(got, want) {
		t.Fatalf("findings %q, want %q (flags/ is cache-aside and must stay silent)", got, want)
	}
	rmw := r.Findings[0]
	if !strings.Contains(rmw.Message, "read-modify-write") || !strings.HasPrefix(rmw.Code, "v, _ := ns.GetString(\"visits\", nil)\nn, _ := strconv.Atoi(v)\nns.PutString(") {
		t.Errorf("finding without its message or its code (indentation removed):\n%s\n%s", rmw.Message, rmw.Code)
	}
	// The answers say eventual; the code counts and claims: the report says so, and what
	// the pick would be with coordination, without changing the answers' pick.
	if r.Primary != "kv" {
		t.Errorf("primary %q: the scan must not overrule the answers", r.Primary)
	}
	i := slices.IndexFunc(r.Warnings, func(w string) bool { return strings.Contains(w, "contradicts consistency: eventual") })
	if i < 0 {
		t.Fatalf("no warning that the code contradicts eventual consistency: %q", r.Warnings)
	}
	for _, s := range []string{"1 read-modify-write (kvrmw, first at handlers/handlers.go:15)", "1 existence check (kvexists", "With consistency: coordination, the pick would be Durable Objects."} {
		if !strings.Contains(r.Warnings[i], s) {
			t.Errorf("warning %q lacks %q", r.Warnings[i], s)
		}
	}
}

func TestScanAgreesWithCoordination(t *testing.T) {
	code, out, errs := scanAdvisor(t, "testdata/decision/coordination-counters.yaml", "--scan", "./handlers", "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r rules.Recommendation
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Findings) != 2 {
		t.Errorf("%d findings, want 2", len(r.Findings))
	}
	for _, w := range r.Warnings {
		if strings.Contains(w, "contradicts") {
			t.Errorf("answers of coordination get a contradiction warning: %s", w)
		}
	}
}

func TestScanFindingsInTheHTMLReport(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1795000000")
	code, out, errs := scanAdvisor(t, "../../examples/feature-flags.yaml", "--scan", "./...", "--format", "html")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, s := range []string{`id="findings"`, "handlers/handlers.go:15:14", "strconv.Atoi(v)", "contradicts consistency: eventual"} {
		if !strings.Contains(out, s) {
			t.Errorf("HTML report lacks %q", s)
		}
	}
}

func TestScanOfAPackageThatDoesNotLoad(t *testing.T) {
	code, out, errs := scanAdvisor(t, "../../examples/feature-flags.yaml", "--scan", "./nosuchpackage", "--format", "json")
	if code != exitUsage || out != "" || !strings.Contains(errs, "--scan ./nosuchpackage") {
		t.Errorf("exit %d, stdout %q, stderr %q: want exit 2, nothing written, an error naming the scan", code, out, errs)
	}
}

func TestFoldFindings(t *testing.T) {
	engine, err := rules.New(context.Background(), matrix.MustLoad(), rules.Options{})
	if err != nil {
		t.Fatal(err)
	}
	rmw := rules.Finding{Analyzer: "kvrmw", File: "a.go", Line: 3}
	exists := rules.Finding{Analyzer: "kvexists", File: "b.go", Line: 9}
	writeRead := rules.Finding{Analyzer: "kvwriteread", File: "c.go", Line: 5}
	for _, tc := range []struct {
		name        string
		consistency string
		findings    []rules.Finding
		want        []string // in the warning; none: no warning
	}{
		{"read back after a write needs read-your-writes", "eventual", []rules.Finding{writeRead},
			[]string{"1 read after write (kvwriteread, first at c.go:5)", "With consistency: read-your-writes, the pick would be D1."}},
		{"counters outweigh reads after writes", "eventual", []rules.Finding{writeRead, rmw, rmw},
			[]string{"2 read-modify-writes (kvrmw, first at a.go:3)", "With consistency: coordination"}},
		{"strong is still short of coordination", "strong", []rules.Finding{exists},
			[]string{"contradicts consistency: strong", "1 existence check (kvexists, first at b.go:9)"}},
		{"coordination answered: nothing to say", "coordination", []rules.Finding{rmw, exists, writeRead}, nil},
		{"read-your-writes answered covers reads after writes", "read-your-writes", []rules.Finding{writeRead}, nil},
		{"other analyzers say nothing about consistency", "eventual", []rules.Finding{{Analyzer: "kvlint", File: "d.go", Line: 1}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := answers.Defaults()
			if err := a.Set("consistency", tc.consistency); err != nil {
				t.Fatal(err)
			}
			rec, err := engine.Evaluate(context.Background(), a, tc.findings)
			if err != nil {
				t.Fatal(err)
			}
			before := len(rec.Warnings)
			if err := foldFindings(context.Background(), engine, a, rec); err != nil {
				t.Fatal(err)
			}
			if a.Consistency != tc.consistency {
				t.Fatalf("foldFindings changed the answers: consistency %q", a.Consistency)
			}
			added := rec.Warnings[before:]
			if tc.want == nil {
				if len(added) > 0 {
					t.Errorf("unexpected warning: %q", added)
				}
				return
			}
			if len(added) != 1 {
				t.Fatalf("%d warnings added, want 1: %q", len(added), added)
			}
			for _, s := range tc.want {
				if !strings.Contains(added[0], s) {
					t.Errorf("warning %q lacks %q", added[0], s)
				}
			}
		})
	}
}
