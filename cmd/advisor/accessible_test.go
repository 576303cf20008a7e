package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storewise/storewise/answers"
)

// featureFlagLines answer every question of the interview as examples/feature-flags.yaml
// does, the way a pipe feeds accessible mode: selects by option number, y/N for booleans.
var featureFlagLines = []string{
	"storefront feature flags", // workload
	"1",                        // consistency: eventual
	"300",                      // staleness_seconds
	"1",                        // data_shape: key-value
	"1",                        // role: record (asked of key-value data only)
	"2KB",                      // value_bytes
	"20KB",                     // max_value_bytes
	"0.01",                     // dataset_gb
	"300M",                     // reads_per_month
	"3000",                     // writes_per_month
	"0.01",                     // hot_key_writes_per_second
	"1",                        // existing_database: none (no database questions follow)
	"1",                        // residency: none
	"1",                        // users: global
	"1",                        // transactions: none
	"n",                        // realtime
}

// runAdvisor runs the command in process; stdin is a reader, not a terminal, so an
// interview runs in accessible mode.
func runAdvisor(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

func batchJSON(t *testing.T, file string) string {
	t.Helper()
	out, errs, code := runAdvisor(t, "", "--answers", file, "--format", "json")
	if code != 0 {
		t.Fatalf("batch mode on %s: exit %d: %s", file, code, errs)
	}
	return out
}

func TestAccessiblePipeGivesBatchRecommendation(t *testing.T) {
	in := strings.Join(featureFlagLines, "\n") + "\n"
	out, errs, code := runAdvisor(t, in, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	want := batchJSON(t, "../../examples/feature-flags.yaml")
	if out != want {
		t.Errorf("piped interview and batch mode disagree\ninterview:\n%s\nbatch:\n%s", out, want)
	}
	// Each answer was read by its own question: the last ones would otherwise be defaults.
	for _, s := range []string{"reads_per_month: 300M.", "realtime: false.", "New pick: Workers KV (was D1)."} {
		if !strings.Contains(errs, s) {
			t.Errorf("prompts lack %q:\n%s", s, errs)
		}
	}
	if strings.Contains(errs, "Is a database already in production") && strings.Contains(errs, "D1 lacks") {
		t.Errorf("asked about database features without a database:\n%s", errs)
	}
}

func TestAccessibleEndOfInputLeavesDefaultsAsAssumptions(t *testing.T) {
	out, errs, code := runAdvisor(t, "partial\n4\n", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	file := filepath.Join(t.TempDir(), "partial.yaml")
	if err := os.WriteFile(file, []byte("version: 1\nworkload: partial\nconsistency: coordination\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if want := batchJSON(t, file); out != want {
		t.Errorf("an interview cut short should equal batch mode on the answers given\ninterview:\n%s\nbatch:\n%s", out, want)
	}
	if !strings.Contains(out, `"staleness_seconds not given: assumed 60"`) {
		t.Errorf("unanswered fields are not listed as assumptions:\n%s", out)
	}
}

func TestAccessibleRetriesBadAnswersAndSaves(t *testing.T) {
	dir := t.TempDir()
	saved := filepath.Join(dir, "saved.yaml")
	report := filepath.Join(dir, "report.html")
	t.Setenv("SOURCE_DATE_EPOCH", "1795000000")
	lines := append([]string{}, featureFlagLines...)
	// A number huh rejects, then the right one; an option out of range, then a good one.
	lines[8] = "lots\n300M"
	lines[1] = "9\n1"
	lines = append(lines, saved, report)
	out, errs, code := runAdvisor(t, strings.Join(lines, "\n")+"\n", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(errs, `"lots" is not a number`) || !strings.Contains(errs, "Invalid: must be a number between 1 and 4") {
		t.Errorf("bad answers were not explained:\n%s", errs)
	}
	if want := batchJSON(t, "../../examples/feature-flags.yaml"); out != want {
		t.Errorf("after retries, the recommendation differs from batch mode:\n%s", out)
	}
	data, err := os.ReadFile(saved)
	if err != nil {
		t.Fatalf("answers not saved: %v\n%s", err, errs)
	}
	a, err := answers.Parse(saved, data)
	if err != nil {
		t.Fatalf("saved answers do not read back: %v\n%s", err, data)
	}
	if a.ReadsPerMonth != 300e6 || a.Consistency != "eventual" || a.Workload != "storefront feature flags" {
		t.Errorf("saved answers are not the ones given:\n%s", data)
	}
	// The database questions were not asked (no database): the file must not make them
	// answers, or batch mode would show them as given.
	if a.Given["shared_database"] || a.Given["needs_database_features"] || !a.Given["realtime"] {
		t.Errorf("saved answers mark as given: %v\n%s", a.Given, data)
	}
	if batchJSON(t, saved) != out {
		t.Errorf("batch mode on the saved answers gives another recommendation")
	}
	// The report saved from the interview is the one batch mode writes for the same answers.
	page, err := os.ReadFile(report)
	want, errs, code := runAdvisor(t, "", "--answers", "../../examples/feature-flags.yaml", "--format", "html")
	if err != nil || code != 0 || string(page) != want {
		t.Errorf("saved report (%v) differs from batch --format html (exit %d, %s):\n%.300s", err, code, errs, page)
	}
}

func TestAskMissingAsksOnlyWhatTheFileLacks(t *testing.T) {
	file := filepath.Join(t.TempDir(), "some.yaml")
	body := "version: 1\nworkload: orders\nconsistency: read-your-writes\ndata_shape: relational\nexisting_database: postgres\n"
	if err := os.WriteFile(file, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	// Answers for the questions not in the file, in interview order.
	in := "30\nn\n1KB\n1MB\n50\n100M\n10M\n2\ny\nn\n1\n2\n3\nn\n"
	_, errs, code := runAdvisor(t, in, "--answers", file, "--ask-missing", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	for _, asked := range []string{"What is the workload called?", "What must a read see", "What shape is the data?", "Is a database already in production"} {
		if strings.Contains(errs, asked) {
			t.Errorf("asked %q although the file answers it", asked)
		}
	}
	// With postgres in the file, the database questions apply and are asked (and with
	// read-your-writes, the staleness ceiling of a KV cache in front of it).
	for _, asked := range []string{"How stale may a read be", "features of that database that D1 lacks", "also serve other applications"} {
		if !strings.Contains(errs, asked) {
			t.Errorf("did not ask %q", asked)
		}
	}
	if !strings.Contains(errs, "needs_database_features: true.") {
		t.Errorf("answer to the database question not taken:\n%s", errs)
	}
}

func TestAccessibleEmptyInputIsAUsageError(t *testing.T) {
	out, errs, code := runAdvisor(t, "")
	if code != exitUsage || out != "" || !strings.Contains(errs, "advisor: no answers") {
		t.Errorf("exit %d, stdout %q, stderr %q; want 2, nothing, and why", code, out, errs)
	}
}

func TestAskMissingNeedsAFile(t *testing.T) {
	_, errs, code := runAdvisor(t, "", "--ask-missing")
	if code != exitUsage || !strings.Contains(errs, "--ask-missing needs --answers FILE") {
		t.Errorf("exit %d, %q; want a usage error", code, errs)
	}
}

func TestLineReaderHandsOutOneLinePerRead(t *testing.T) {
	l := newLineReader(strings.NewReader("one\ntwo\nthree"))
	buf := make([]byte, 64)
	var got []string
	for {
		n, err := l.Read(buf)
		if n > 0 {
			got = append(got, string(buf[:n]))
		}
		if err != nil {
			break
		}
	}
	if strings.Join(got, "|") != "one\n|two\n|three" || !l.eof {
		t.Errorf("reads %q (eof %v)", got, l.eof)
	}
}

// With strong consistency KV is out in every role: the staleness ceiling cannot matter, is
// not asked, and is no assumption.
func TestStrongConsistencySkipsStaleness(t *testing.T) {
	file := filepath.Join(t.TempDir(), "strong.yaml")
	if err := os.WriteFile(file, []byte("version: 1\nworkload: ledger\nconsistency: strong\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runAdvisor(t, "1\n", "--answers", file, "--ask-missing", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if strings.Contains(errs, "How stale may a read be") || strings.Contains(out, "staleness_seconds not given") {
		t.Errorf("the staleness ceiling was asked or assumed with strong consistency:\n%s\n%s", errs, out)
	}
	if !strings.Contains(errs, "What shape is the data?") {
		t.Errorf("the question after it was not asked:\n%s", errs)
	}
}

// A choice answered with a word instead of its number, then the end of the input: huh's
// prompt would index its options with it and panic; the advisor keeps the default instead,
// says so, and still recommends.
func TestAccessibleInputEndingOnABadChoiceDoesNotCrash(t *testing.T) {
	file := filepath.Join(t.TempDir(), "strong.yaml")
	if err := os.WriteFile(file, []byte("version: 1\nworkload: ledger\nconsistency: strong\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errs, code := runAdvisor(t, "key-value\n", "--answers", file, "--ask-missing", "--format", "json")
	if code != 0 || !strings.Contains(out, `"primary"`) {
		t.Fatalf("exit %d, stdout %q, stderr:\n%s", code, out, errs)
	}
	if !strings.Contains(errs, "data_shape: the input ended on an answer that is not one of the choices; keeping key-value") {
		t.Errorf("the bad last answer is not said:\n%s", errs)
	}
}
