package main

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis"

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

// A pass that fails on code that loads is the advisor's failure (exit 1), not bad input
// (exit 2): the user's packages and pattern are fine.
func TestScanAnalyzerFailureIsNotAnInputError(t *testing.T) {
	t.Chdir(filepath.Join("testdata", "scan"))
	broken := &analysis.Analyzer{Name: "broken", Doc: "fails", Run: func(*analysis.Pass) (any, error) {
		return nil, errors.New("internal error")
	}}
	_, err := scanWith(context.Background(), "./handlers", []*analysis.Analyzer{broken})
	if err == nil || !strings.Contains(err.Error(), "broken on ") || !strings.Contains(err.Error(), "internal error") {
		t.Fatalf("err = %v; want the pass and its error named", err)
	}
	if code := exitCode(err); code != exitFail {
		t.Errorf("exit %d for a failing pass; want %d", code, exitFail)
	}
	_, err = scanWith(context.Background(), "./nosuchpackage", []*analysis.Analyzer{broken})
	if code := exitCode(err); code != exitUsage {
		t.Errorf("exit %d for a package that does not load (%v); want %d", code, err, exitUsage)
	}
}

// Worker code scanned without GOOS=js GOARCH=wasm: one line saying how to run it, not the
// syscall/js errors it causes.
func TestScanOfWorkerCodeWithoutWasm(t *testing.T) {
	t.Setenv("GOOS", "")
	t.Setenv("GOARCH", "")
	t.Chdir(filepath.Join("testdata", "wasmscan"))
	_, err := scanWith(context.Background(), "./...", nil)
	want := "--scan ./...: this code is built for a Worker (it imports syscall/js, which exists only for GOOS=js): run it as GOOS=js GOARCH=wasm advisor ... --scan ./..."
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant %s", err, want)
	}
	if code := exitCode(err); code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
}

func TestScanOfAPackageThatDoesNotLoad(t *testing.T) {
	code, out, errs := scanAdvisor(t, "../../examples/feature-flags.yaml", "--scan", "./nosuchpackage", "--format", "json")
	if code != exitUsage || out != "" || !strings.Contains(errs, "--scan ./nosuchpackage") {
		t.Errorf("exit %d, stdout %q, stderr %q: want exit 2, nothing written, an error naming the scan", code, out, errs)
	}
}

// An interview with --scan folds the findings in as batch mode does: the same answers
// typed through a pipe give the same JSON, findings and warning included.
func TestScanInTheInterviewAsInBatch(t *testing.T) {
	abs, err := filepath.Abs("../../examples/feature-flags.yaml")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join("testdata", "scan"))
	batch, errs, code := runAdvisor(t, "", "--answers", abs, "--scan", "./...", "--format", "json")
	if code != exitOK {
		t.Fatalf("batch: exit %d: %s", code, errs)
	}
	typed, errs, code := runAdvisor(t, strings.Join(featureFlagLines, "\n")+"\n", "--scan", "./...", "--format", "json")
	if code != exitOK {
		t.Fatalf("interview: exit %d: %s", code, errs)
	}
	if typed != batch {
		t.Errorf("the interview with --scan and batch mode disagree\ninterview:\n%s\nbatch:\n%s", typed, batch)
	}
	if !strings.Contains(typed, `"analyzer": "kvrmw"`) || !strings.Contains(typed, "contradicts consistency: eventual") {
		t.Errorf("the interview's JSON lacks the findings or their warning:\n%s", typed)
	}
}

// A mixed repository (testdata/mixed: a Go module with a Worker project in worker/): the
// TypeScript findings are folded into the report and into the contradiction warning,
// without a flag saying which is which.
func TestScanWorkerProject(t *testing.T) {
	abs, err := filepath.Abs("../../examples/feature-flags.yaml")
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(filepath.Join("testdata", "mixed"))
	for _, pattern := range []string{"./...", "./worker"} {
		code, out, errs := advisor(t, "--answers", abs, "--scan", pattern, "--format", "json")
		if code != exitOK {
			t.Fatalf("--scan %s: exit %d: %s", pattern, code, errs)
		}
		var r rules.Recommendation
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		if len(r.Findings) != 1 || r.Findings[0].Analyzer != "kvrmw" || r.Findings[0].File != "worker/src/index.ts" || r.Findings[0].Line != 6 {
			t.Fatalf("--scan %s: findings %+v, want the counter's kvrmw at worker/src/index.ts:6", pattern, r.Findings)
		}
		if !strings.Contains(r.Findings[0].Code, "await env.VISITS.put(`visits:${path}`, String(n));") {
			t.Errorf("--scan %s: the finding's code excerpt is %q", pattern, r.Findings[0].Code)
		}
		if !slices.ContainsFunc(r.Warnings, func(w string) bool {
			return strings.Contains(w, "contradicts consistency: eventual") && strings.Contains(w, "worker/src/index.ts:6")
		}) {
			t.Errorf("--scan %s: no contradiction warning naming the TypeScript finding: %q", pattern, r.Warnings)
		}
	}
	// A broken Wrangler configuration is bad input: exit 2, the file and line named.
	t.Chdir(t.TempDir())
	os.WriteFile("wrangler.toml", []byte("[[kv_namespaces]]\nbinding = \n"), 0o644)
	code, _, errs := advisor(t, "--answers", abs, "--scan", ".")
	if code != exitUsage || !strings.Contains(errs, "wrangler.toml:2") {
		t.Fatalf("exit %d, stderr %q: want exit %d naming wrangler.toml:2", code, errs, exitUsage)
	}
}
