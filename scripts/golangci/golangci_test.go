package golangci

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/storewise/storewise/internal/cmdtest"
)

// gclCache is golangci-lint's own cache for this test run: shared by the tests (so that
// the dependencies' facts are computed once), apart from the user's.
var gclCache string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "storewise-gcl-cache")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	gclCache = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// build runs scripts/golangci-custom.sh MODE and returns the binary it built (or found
// in its cache). In CI a failed build fails the test; elsewhere (no module proxy, say) the
// test is skipped, loudly.
func build(t *testing.T, mode string) string {
	t.Helper()
	cmd := exec.Command("bash", filepath.Join(repoRoot(t), "scripts", "golangci-custom.sh"), mode)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		msg := fmt.Sprintf("scripts/golangci-custom.sh %s: %v\n%s", mode, err, stderr.String())
		if os.Getenv("CI") != "" {
			t.Fatal(msg)
		}
		t.Skipf("SKIPPED: cannot build golangci-lint with kvlint here (CI never skips this):\n%s", msg)
	}
	return strings.TrimSpace(string(out))
}

// module copies the end-to-end module of cmd/kvlint, adds the packages of testdata
// (suppress, wrapped) and returns its directory.
func module(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	root := repoRoot(t)
	if err := os.CopyFS(dir, os.DirFS(filepath.Join(root, "cmd", "kvlint", "testdata", "e2e"))); err != nil {
		t.Fatal(err)
	}
	for _, pkg := range []string{"suppress", "wrapped"} {
		if err := os.CopyFS(filepath.Join(dir, pkg), os.DirFS(filepath.Join("testdata", pkg))); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// config writes dir/.golangci.yml, the README's example with the given kvlint settings
// (YAML lines under settings:, indented by two spaces), and returns its path.
func config(t *testing.T, dir string, settings ...string) string {
	t.Helper()
	var b strings.Builder
	b.WriteString(`version: "2"
linters:
  default: none
  enable: [kvlint]
  settings:
    custom:
      kvlint:
        type: module
        description: Workers KV misuse (github.com/storewise/storewise)
`)
	if len(settings) > 0 {
		b.WriteString("        settings:\n")
		for _, s := range settings {
			b.WriteString("          " + s + "\n")
		}
	}
	path := filepath.Join(dir, ".golangci.yml")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

type result struct {
	stdout, stderr string
	code           int
}

// lint runs golangci-lint run in dir; env adds to the environment (GOOS=js GOARCH=wasm
// for the Worker package).
func lint(t *testing.T, bin, dir string, env []string, args ...string) result {
	t.Helper()
	// --allow-parallel-runners: golangci-lint otherwise refuses to start while another
	// golangci-lint runs on the machine ("parallel golangci-lint is running"), and each
	// test has its own module directory.
	stdout, stderr, code := cmdtest.Run(t, dir, append([]string{"GOLANGCI_LINT_CACHE=" + gclCache}, env...), bin, append([]string{"run", "--allow-parallel-runners"}, args...)...)
	return result{stdout, stderr, code}
}

// analyzerPrefix is how golangci-lint names the analyzer of a multi-analyzer linter: a
// prefix of the text, left out when the analyzer is named as the linter (kvlint's own
// reports about //kvlint:ignore directives).
var analyzerPrefix = regexp.MustCompile(`^(kv[a-z]+): `)

// finding returns "file:line analyzer", the form of the expected files.
func finding(t *testing.T, dir, file string, line int, text string) string {
	t.Helper()
	if filepath.IsAbs(file) {
		if rel, err := filepath.Rel(dir, file); err == nil {
			file = rel
		}
	}
	analyzer := "kvlint"
	if m := analyzerPrefix.FindStringSubmatch(text); m != nil {
		analyzer = m[1]
	}
	return fmt.Sprintf("%s:%d %s", filepath.ToSlash(file), line, analyzer)
}

// jsonFindings reads a --output.json.path file.
func jsonFindings(t *testing.T, dir, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var report struct {
		Issues []struct {
			FromLinter string
			Text       string
			Pos        struct {
				Filename string
				Line     int
			}
		}
	}
	if err := json.Unmarshal(data, &report); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var got []string
	for _, is := range report.Issues {
		f := finding(t, dir, is.Pos.Filename, is.Pos.Line, is.Text)
		if is.FromLinter != "kvlint" {
			t.Errorf("%s: %s: linter %q, want kvlint", path, f, is.FromLinter)
		}
		got = append(got, f)
	}
	return got
}

// sarifFindings reads a --output.sarif.path file.
func sarifFindings(t *testing.T, dir, path string) []string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var report struct {
		Version string
		Runs    []struct {
			Results []struct {
				RuleID  string `json:"ruleId"`
				Message struct {
					Text string
				}
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string
						}
						Region struct {
							StartLine int
						}
					}
				}
			}
		}
	}
	if err := json.Unmarshal(data, &report); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if report.Version != "2.1.0" || len(report.Runs) != 1 {
		t.Fatalf("%s: SARIF version %q with %d runs, want 2.1.0 with one run", path, report.Version, len(report.Runs))
	}
	var got []string
	for _, r := range report.Runs[0].Results {
		if len(r.Locations) != 1 {
			t.Errorf("%s: result %q has %d locations", path, r.Message.Text, len(r.Locations))
			continue
		}
		loc := r.Locations[0].PhysicalLocation
		f := finding(t, dir, loc.ArtifactLocation.URI, loc.Region.StartLine, r.Message.Text)
		if r.RuleID != "kvlint" {
			t.Errorf("%s: %s: ruleId %q, want kvlint", path, f, r.RuleID)
		}
		got = append(got, f)
	}
	return got
}

// textLine is one issue of the text format: file:line:col: text (linter).
var textLine = regexp.MustCompile(`^(\S+):(\d+):\d+: (.*) \((\S+)\)$`)

func textFindings(t *testing.T, dir, out string) []string {
	t.Helper()
	var got []string
	sc := bufio.NewScanner(strings.NewReader(out))
	for sc.Scan() {
		m := textLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		var line int
		fmt.Sscan(m[2], &line)
		f := finding(t, dir, m[1], line, m[3])
		if m[4] != "kvlint" {
			t.Errorf("text output: %s: linter %q, want kvlint", f, m[4])
		}
		got = append(got, f)
	}
	return got
}

func readExpected(t *testing.T, paths ...string) []string {
	t.Helper()
	var want []string
	for _, path := range paths {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, l := range strings.Split(string(data), "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
				want = append(want, l)
			}
		}
	}
	return want
}

func same(t *testing.T, what string, got, want []string) {
	t.Helper()
	got, want = slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(want))
	if !slices.Equal(got, want) {
		t.Errorf("%s differ from the expected findings\ngot:\n%s\nwant:\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// runModule lints the whole module as CI would: the native packages, then the Worker
// package built for js/wasm, writing the text, JSON and SARIF reports. It returns the
// findings of each format.
func runModule(t *testing.T, bin, dir string) (text, jsonOut, sarif []string) {
	t.Helper()
	cfg := config(t, dir)
	out := t.TempDir()
	for _, run := range []struct {
		name string
		env  []string
		pkgs []string
	}{
		{"native", nil, []string{"./cfv0/...", "./cfv6/...", "./cfv7/...", "./clean/...", "./suppress/...", "./wrapped/..."}},
		{"wasm", []string{"GOOS=js", "GOARCH=wasm"}, []string{"./syumai/..."}},
	} {
		j, s := filepath.Join(out, run.name+".json"), filepath.Join(out, run.name+".sarif")
		args := append([]string{"--config", cfg,
			"--output.text.path", "stdout", "--output.json.path", j, "--output.sarif.path", s}, run.pkgs...)
		r := lint(t, bin, dir, run.env, args...)
		if r.code != 1 {
			t.Fatalf("%s run: exit %d, want 1 (issues found)\nstdout:\n%s\nstderr:\n%s", run.name, r.code, r.stdout, r.stderr)
		}
		text = append(text, textFindings(t, dir, r.stdout)...)
		jsonOut = append(jsonOut, jsonFindings(t, dir, j)...)
		sarif = append(sarif, sarifFindings(t, dir, s)...)
	}
	return text, jsonOut, sarif
}

func expected(t *testing.T) []string {
	return readExpected(t,
		filepath.Join(repoRoot(t), "cmd", "kvlint", "testdata", "e2e", "expected.txt"),
		filepath.Join("testdata", "expected.txt"))
}

// TestFindings: every finding kvlint reports on the end-to-end module appears in
// golangci-lint's text, JSON and SARIF reports under the linter kvlint with its
// analyzer's name; //nolint:kvlint and //kvlint:ignore silence what they name and
// nothing more (testdata/suppress).
func TestFindings(t *testing.T) {
	bin := build(t, "proxy")
	dir := module(t)
	text, jsonOut, sarif := runModule(t, bin, dir)
	want := expected(t)
	same(t, "text findings", text, want)
	same(t, "--output.json.path findings", jsonOut, want)
	same(t, "--output.sarif.path findings", sarif, want)
}

// TestGolangciLintCustom: the binary of the standard golangci-lint custom flow (cloned
// from the local git copy, not GitHub) reports the same findings.
func TestGolangciLintCustom(t *testing.T) {
	bin := build(t, "custom")
	r, err := exec.Command(bin, "version").CombinedOutput()
	if err != nil || !strings.Contains(string(r), "2.15.0-custom-gcl-") {
		t.Fatalf("%s version: %v\n%s\nwant the version golangci-lint custom stamps", bin, err, r)
	}
	dir := module(t)
	_, jsonOut, _ := runModule(t, bin, dir)
	same(t, "findings of the golangci-lint custom binary", jsonOut, expected(t))
}

// TestUniqByLine: golangci-lint keeps one issue per line by default (issues.uniq-by-line,
// keyed on file and line, whatever the column), so errcheck's report of the unchecked
// PutString and kvlint's read-modify-write at the same place cannot both show; the
// README's setting issues.uniq-by-line: false shows both.
func TestUniqByLine(t *testing.T) {
	bin := build(t, "proxy")
	dir := module(t)
	wasm := []string{"GOOS=js", "GOARCH=wasm"}
	for _, uniq := range []bool{true, false} {
		cfg := `version: "2"
linters:
  default: none
  enable: [kvlint, errcheck]
  settings:
    custom:
      kvlint:
        type: module
        description: Workers KV misuse (github.com/storewise/storewise)
`
		if !uniq {
			cfg += "issues:\n  uniq-by-line: false\n"
		}
		path := filepath.Join(dir, ".golangci.yml")
		if err := os.WriteFile(path, []byte(cfg), 0o644); err != nil {
			t.Fatal(err)
		}
		r := lint(t, bin, dir, wasm, "--config", path, "--output.text.path", "stdout", "./syumai/...")
		var line21 []string
		for _, l := range strings.Split(r.stdout, "\n") {
			if strings.HasPrefix(l, "syumai/worker.go:21:") {
				line21 = append(line21, l)
			}
		}
		errcheck := slices.ContainsFunc(line21, func(l string) bool { return strings.HasSuffix(l, "(errcheck)") })
		kvrmw := slices.ContainsFunc(line21, func(l string) bool { return strings.Contains(l, "kvrmw: read-modify-write") })
		if uniq && errcheck == kvrmw || !uniq && !(errcheck && kvrmw) {
			t.Errorf("uniq-by-line %v: errcheck %v, kvrmw %v on worker.go:21; want one of them with it, both without\n%s%s", uniq, errcheck, kvrmw, r.stdout, r.stderr)
		}
		if uniq {
			t.Logf("with uniq-by-line, worker.go:21 shows: %q", line21)
		}
	}
}

// TestSettings: the settings select the analyzers and add wrappers, and a misspelled key
// stops golangci-lint with an error that names it.
func TestSettings(t *testing.T) {
	bin := build(t, "proxy")
	dir := module(t)
	tests := []struct {
		name     string
		settings []string
		pkgs     []string
		want     []string
	}{
		{"default", nil, []string{"./cfv0/..."}, []string{"cfv0/admin.go:19 kvrmw", "cfv0/admin.go:32 kvexists"}},
		{"disable", []string{"disable: [kvexists]"}, []string{"./cfv0/..."}, []string{"cfv0/admin.go:19 kvrmw"}},
		{"enable", []string{"enable: [kvexists]"}, []string{"./cfv0/..."}, []string{"cfv0/admin.go:32 kvexists"}},
		{"no wrappers: the interface hides KV", nil, []string{"./wrapped/..."}, nil},
		{"wrappers", []string{
			"wrappers:",
			"  - example.com/kvapp/wrapped.Store.Get:get:key=0",
			"  - example.com/kvapp/wrapped.Store.Set:put:key=0:value=1",
		}, []string{"./wrapped/..."}, []string{"wrapped/wrapped.go:12 kvwriteread"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := config(t, dir, tt.settings...)
			j := filepath.Join(t.TempDir(), "out.json")
			r := lint(t, bin, dir, nil, append([]string{"--config", cfg, "--output.json.path", j}, tt.pkgs...)...)
			if wantCode := min(len(tt.want), 1); r.code != wantCode {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, wantCode, r.stdout, r.stderr)
			}
			same(t, "findings", jsonFindings(t, dir, j), tt.want)
		})
	}

	t.Run("misspelled key", func(t *testing.T) {
		cfg := config(t, dir, "disabel: [kvexists]")
		r := lint(t, bin, dir, nil, "--config", cfg, "./cfv0/...")
		if r.code == 0 || r.code == 1 {
			t.Fatalf("exit %d: golangci-lint ran with a misspelled setting\n%s%s", r.code, r.stdout, r.stderr)
		}
		for _, want := range []string{"linters.settings.custom.kvlint.settings", `unknown field "disabel"`, "known keys: enable, disable, wrappers"} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("error does not say %q:\n%s", want, r.stderr)
			}
		}
		if strings.Contains(r.stdout, "admin.go") {
			t.Errorf("findings printed despite the configuration error:\n%s", r.stdout)
		}
	})
}

// TestPluginMustNotRaiseVersions: a plugin module that requires a newer version of one of
// golangci-lint's dependencies would upgrade it under every linter of the build; the script
// refuses to build it and names the module. The check runs on a copy of the analyzers
// module that requires golang.org/x/text v0.43.0 (golangci-lint v2.15.0 has v0.41.0).
func TestPluginMustNotRaiseVersions(t *testing.T) {
	build(t, "proxy") // skips or fails as the other tests do when nothing can be built
	root, fake := repoRoot(t), t.TempDir()
	if err := os.CopyFS(filepath.Join(fake, "analyzers"), os.DirFS(filepath.Join(root, "analyzers"))); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{".custom-gcl.yml", "scripts/golangci-custom.sh"} {
		data, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.MkdirAll(filepath.Dir(filepath.Join(fake, f)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(fake, f), data, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	edit := exec.Command("go", "mod", "edit", "-require=golang.org/x/text@v0.43.0")
	edit.Dir = filepath.Join(fake, "analyzers")
	if out, err := edit.CombinedOutput(); err != nil {
		t.Fatalf("go mod edit: %v\n%s", err, out)
	}
	cmd := exec.Command("bash", filepath.Join(fake, "scripts", "golangci-custom.sh"), "proxy")
	cmd.Env = append(os.Environ(), "STOREWISE_CACHE="+t.TempDir())
	out, err := cmd.CombinedOutput()
	if err == nil {
		t.Fatalf("the script built a plugin that raises golang.org/x/text:\n%s", out)
	}
	want := "golang.org/x/text v0.43.0 (golangci-lint v2.15.0 has v0.41.0)"
	if !strings.Contains(string(out), want) {
		t.Errorf("the script's error does not say %q:\n%s", want, out)
	}
}
