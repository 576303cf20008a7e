package main

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/charmbracelet/x/ansi"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"

	"github.com/storewise/storewise/answers"
	"github.com/storewise/storewise/matrix"
	"github.com/storewise/storewise/rules"
)

var testEngine = sync.OnceValues(func() (*rules.Engine, error) {
	return rules.New(context.Background(), matrix.MustLoad(), rules.Options{})
})

// driver runs the model as Bubble Tea would: commands run on their own goroutines and
// their messages come back through Update. Key presses go in one at a time; tests wait for
// what a user would wait for (the next question, the result screen).
type driver struct {
	t           *testing.T
	m           *model
	msgs        chan tea.Msg
	quit        bool
	interrupted bool
	visited     []string // the questions shown, in order
}

func newDriver(t *testing.T, a *answers.Answers, width, height int) *driver {
	t.Helper()
	engine, err := testEngine()
	if err != nil {
		t.Fatal(err)
	}
	m, err := newModel(context.Background(), engine, a)
	if err != nil {
		t.Fatal(err)
	}
	d := &driver{t: t, m: m, msgs: make(chan tea.Msg, 256)}
	d.handle(tea.WindowSizeMsg{Width: width, Height: height})
	d.exec(m.Init())
	d.note()
	d.settle()
	return d
}

func (d *driver) exec(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		if msg := cmd(); msg != nil {
			d.msgs <- msg
		}
	}()
}

var cmdType = reflect.TypeFor[tea.Cmd]()

func (d *driver) handle(msg tea.Msg) {
	// tea.Batch and tea.Sequence both hand over a slice of commands.
	if v := reflect.ValueOf(msg); v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
		for i := range v.Len() {
			d.exec(v.Index(i).Interface().(tea.Cmd))
		}
		return
	}
	switch msg.(type) {
	case tea.QuitMsg:
		d.quit = true
		return
	case tea.InterruptMsg:
		d.interrupted = true
		return
	}
	_, cmd := d.m.Update(msg)
	d.exec(cmd)
	d.note()
}

// note records the question on screen, once per visit.
func (d *driver) note() {
	if d.m.screen != screenQuestion || d.m.cur < 0 {
		return
	}
	f := d.m.m.Questions[d.m.cur].Field
	if n := len(d.visited); n == 0 || d.visited[n-1] != f {
		d.visited = append(d.visited, f)
	}
}

// settle handles messages until none comes for a moment.
func (d *driver) settle() {
	for {
		select {
		case msg := <-d.msgs:
			d.handle(msg)
		case <-time.After(30 * time.Millisecond):
			return
		}
	}
}

func (d *driver) waitFor(what string, cond func() bool) {
	d.t.Helper()
	deadline := time.After(10 * time.Second)
	for !cond() {
		select {
		case msg := <-d.msgs:
			d.handle(msg)
		case <-deadline:
			d.t.Fatalf("timed out waiting for %s; screen:\n%s", what, d.m.View())
		}
	}
	d.settle()
}

var keyTypes = map[string]tea.KeyType{
	"enter": tea.KeyEnter, "up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft,
	"right": tea.KeyRight, "esc": tea.KeyEsc, "ctrl+c": tea.KeyCtrlC, "ctrl+u": tea.KeyCtrlU,
	"backspace": tea.KeyBackspace,
}

// press sends keys: names from keyTypes, anything else typed as text.
func (d *driver) press(keys ...string) {
	for _, k := range keys {
		if t, ok := keyTypes[k]; ok {
			d.handle(tea.KeyMsg{Type: t})
		} else {
			d.handle(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(k)})
		}
		d.settle()
	}
}

func (d *driver) field() string {
	if d.m.screen != screenQuestion || d.m.cur < 0 {
		return ""
	}
	return d.m.m.Questions[d.m.cur].Field
}

// answer checks that field is being asked, presses keys, and waits for the interview to
// move on.
func (d *driver) answer(field string, keys ...string) {
	d.t.Helper()
	d.waitFor("the question "+field, func() bool { return d.field() != "" })
	if got := d.field(); got != field {
		d.t.Fatalf("asking %q, want %q; screen:\n%s", got, field, d.m.View())
	}
	d.press(keys...)
	d.waitFor("the question after "+field, func() bool { return d.field() != field })
}

func (d *driver) waitResult() {
	d.t.Helper()
	d.waitFor("the result screen", func() bool { return d.m.screen == screenResult })
}

// checkFits fails when the screen is taller or wider than the terminal.
func (d *driver) checkFits(width, height int) {
	d.t.Helper()
	view := d.m.View()
	lines := strings.Split(view, "\n")
	if len(lines) > height {
		d.t.Errorf("%d lines on a %d-line terminal:\n%s", len(lines), height, view)
	}
	for _, l := range lines {
		if w := lipgloss.Width(l); w > width {
			d.t.Errorf("line of %d columns on a %d-column terminal: %q", w, width, l)
		}
	}
}

func TestModelBuildsAnswersFromKeys(t *testing.T) {
	d := newDriver(t, answers.Defaults(), 80, 24)
	step := func(field string, keys ...string) {
		t.Helper()
		d.checkFits(80, 24)
		d.answer(field, keys...)
	}
	step("workload", "orders service", "enter")
	step("consistency", "down", "enter") // from read-your-writes to strong
	// No staleness question: with strong consistency KV is out in every role, and the
	// ceiling cannot matter.
	step("data_shape", "down", "enter") // relational
	step("partitioned", "n")            // asked of relational data only
	step("value_bytes", "4KB", "enter")
	step("max_value_bytes", "1.5MiB", "enter")
	step("dataset_gb", "500MB", "enter")
	step("reads_per_month", "2M", "enter")
	step("writes_per_month", "500k", "enter")
	step("hot_key_writes_per_second", "1e1", "enter")
	step("existing_database", "down", "enter") // postgres: the database questions follow
	step("needs_database_features", "y")
	step("shared_database", "n")
	step("residency", "enter")     // anywhere
	step("users", "down", "enter") // one-region
	step("transactions", "down", "down", "enter")
	step("realtime", "enter")
	d.waitResult()
	d.checkFits(80, 24)

	want := &answers.Answers{
		Version: 1, Workload: "orders service", Consistency: "strong", StalenessSeconds: 60,
		DataShape: "relational", Role: "record", Residency: "none", ValueBytes: 4000, MaxValueBytes: 1.5 * (1 << 20), DatasetGB: 0.5,
		ReadsPerMonth: 2e6, WritesPerMonth: 5e5, HotKeyWritesPerSecond: 10,
		ExistingDatabase: "postgres", NeedsDatabaseFeatures: true, SharedDatabase: false,
		Users: "one-region", Transactions: "multi-row", Realtime: false,
	}
	got := *d.m.a
	got.Given, got.Assumptions, got.Warnings, got.Written = nil, nil, nil, nil
	if !reflect.DeepEqual(&got, want) {
		t.Errorf("answers built from the keys:\n got %+v\nwant %+v", got, *want)
	}
	if len(d.m.a.Assumptions) != 0 {
		t.Errorf("every question was answered, yet assumptions: %v", d.m.a.Assumptions)
	}
	// The saved file keeps the units typed, and read back in batch mode gives the
	// recommendation on screen.
	for _, line := range []string{"value_bytes: 4KB\n", "max_value_bytes: 1.5MiB\n", "dataset_gb: 500MB\n", "reads_per_month: 2M\n", "writes_per_month: 500k\n", "hot_key_writes_per_second: 1e1\n", "# staleness_seconds: 60  # not asked when consistency is strong\n"} {
		if !strings.Contains(string(d.m.a.YAML()), line) {
			t.Errorf("the saved answers lack %q:\n%s", line, d.m.a.YAML())
		}
	}
	saved, err := answers.Parse("saved.yaml", d.m.a.YAML())
	if err != nil {
		t.Fatalf("the answers file the interview writes does not read back: %v", err)
	}
	engine, _ := testEngine()
	batch, err := engine.Evaluate(context.Background(), saved, nil)
	if err != nil {
		t.Fatal(err)
	}
	if batch.Primary != d.m.rec.Primary || !reflect.DeepEqual(batch.Ranking, d.m.rec.Ranking) || !reflect.DeepEqual(batch.Flips, d.m.rec.Flips) {
		t.Errorf("interview picked %s, batch mode on the same answers %s", d.m.rec.Primary, batch.Primary)
	}
	if view := d.m.View(); !strings.Contains(view, "Use Hyperdrive") {
		t.Errorf("result screen does not say the pick:\n%s", view)
	}
}

func TestModelSkipsDatabaseQuestionsWithoutDatabase(t *testing.T) {
	d := newDriver(t, answers.Defaults(), 80, 24)
	for d.m.screen == screenQuestion {
		d.answer(d.field(), "enter") // every default
	}
	d.waitResult()
	for _, f := range []string{"needs_database_features", "shared_database"} {
		if slices.Contains(d.visited, f) {
			t.Errorf("asked %s with existing_database none; asked %v", f, d.visited)
		}
	}
	// The database questions are skipped, and partitioned (asked of relational or
	// per-entity data only): a key-value workload hears nothing of it.
	if slices.Contains(d.visited, "partitioned") {
		t.Errorf("asked partitioned of key-value data: %v", d.visited)
	}
	if want := 16; len(d.visited) != want {
		t.Errorf("asked %d questions, want %d: %v", len(d.visited), want, d.visited)
	}
}

// b, then a change that makes questions moot: their answers go, so the result does not
// warn about an answer the user can no longer see ("shared_database is true but
// existing_database is none").
func TestChangeDropsAnswersNoLongerAsked(t *testing.T) {
	a := featureFlags(t)
	for field, v := range map[string]any{"existing_database": "postgres", "needs_database_features": true, "shared_database": true} {
		if err := a.Set(field, v); err != nil {
			t.Fatal(err)
		}
	}
	a.Complete()
	d := newDriver(t, a, 80, 24)
	d.waitResult()
	d.press("b")
	if d.m.screen != screenChange {
		t.Fatalf("b did not offer the answers:\n%s", d.m.View())
	}
	if view := d.m.View(); !strings.Contains(view, "The database in production") || strings.Contains(view, "existing_database") {
		t.Errorf("the answers to change are not named in the questions' words:\n%s", view)
	}
	d.checkFits(80, 24)
	for d.m.pick != "12" { // existing_database (role, asked of key-value data, comes first)
		d.press("down")
	}
	d.press("enter")
	d.answer("existing_database", "up", "enter") // none
	d.waitResult()
	if d.m.a.Given["shared_database"] || d.m.a.SharedDatabase || d.m.a.Given["needs_database_features"] {
		t.Errorf("answers to questions no longer asked are kept: given %v", d.m.a.Given)
	}
	if len(d.m.rec.Warnings) > 0 || strings.Contains(strings.Join(d.m.resultLines(), "\n"), "ignored") {
		t.Errorf("the result warns about answers the user dropped: %v", d.m.rec.Warnings)
	}
	if y := string(d.m.a.YAML()); !strings.Contains(y, "# shared_database: false  # not asked when existing_database is none") {
		t.Errorf("the saved answers still hold the dropped answer:\n%s", y)
	}
	// Back to a database: the questions come back, unanswered.
	d.press("b")
	for d.m.pick != "12" {
		d.press("down")
	}
	d.press("enter")
	d.answer("existing_database", "down", "enter") // postgres
	d.answer("needs_database_features", "n")
	d.answer("shared_database", "y")
	d.waitResult()
	if !d.m.a.SharedDatabase {
		t.Errorf("shared_database not asked again after the database came back")
	}
}

func TestModelRejectsBadAnswers(t *testing.T) {
	d := newDriver(t, answers.Defaults(), 80, 24)
	d.answer("workload", "enter")
	d.answer("consistency", "enter")
	d.answer("staleness_seconds", "enter")
	d.answer("data_shape", "enter")
	d.answer("role", "enter")
	d.press("lots", "enter")
	d.waitFor("the error", func() bool {
		return d.field() != "value_bytes" || strings.Contains(d.m.View(), `"lots" is not a number`)
	})
	if d.field() != "value_bytes" {
		t.Fatalf("a bad size was accepted:\n%s", d.m.View())
	}
	d.press("ctrl+u")
	d.answer("value_bytes", "2MB", "enter")
	d.waitFor("max_value_bytes", func() bool { return d.field() == "max_value_bytes" })
	d.press("1KB", "enter")
	d.waitFor("the error", func() bool {
		return d.field() != "max_value_bytes" || strings.Contains(d.m.View(), "is smaller than the typical one (value_bytes: ")
	})
	if d.field() != "max_value_bytes" {
		t.Fatalf("a largest value below the typical one was accepted:\n%s", d.m.View())
	}
	d.press("ctrl+u")
	d.answer("max_value_bytes", "enter") // empty keeps the current value, which is valid
	if d.m.a.MaxValueBytes != 2e6 {
		t.Errorf("max_value_bytes = %v, want the typical value 2e6 kept", d.m.a.MaxValueBytes)
	}
}

func TestModelPanelSaysWhatMovedTheRanking(t *testing.T) {
	d := newDriver(t, answers.Defaults(), 80, 24)
	view := ansi.Strip(d.m.View())
	// Question 1 is the name, under a heading of its own, not "Consistency and staleness".
	if !strings.Contains(view, "Storewise advisor · The workload · question 1 of") || !strings.Contains(view, "What is the workload called?") {
		t.Errorf("question 1 is not under the workload heading:\n%s", view)
	}
	for _, s := range []string{"Ranking on the defaults (nothing answered yet)", "Workers KV       eliminated"} {
		if !strings.Contains(view, s) {
			t.Errorf("before any answer the panel lacks %q:\n%s", s, view)
		}
	}
	d.answer("workload", "enter")
	d.answer("consistency", "up", "enter") // eventual
	view = ansi.Strip(d.m.View())
	for _, s := range []string{"Ranking so far", "Moved by what a read must see (eventual):"} {
		if !strings.Contains(view, s) {
			t.Errorf("panel lacks %q:\n%s", s, view)
		}
	}
	if strings.Contains(view, "consistency") || strings.Contains(view, "defaults") {
		t.Errorf("the panel names the field, or still says defaults:\n%s", view)
	}
	// On a wide terminal the panel stands beside the question.
	d.handle(tea.WindowSizeMsg{Width: 120, Height: 30})
	for _, l := range strings.Split(d.m.View(), "\n") {
		if strings.Contains(l, "How stale may a read be") && !strings.Contains(l, "Ranking so far") {
			t.Errorf("at 120 columns the panel should be beside the question: %q", l)
		}
	}
	d.checkFits(120, 30)
	// The default 60 s ceiling is below what classic KV can promise (KV is out); 300 s
	// lets it lead.
	d.answer("staleness_seconds", "ctrl+u", "300", "enter")
	view = ansi.Strip(d.m.View())
	for _, s := range []string{"New pick: Workers KV (was D1).", "Workers KV       ████"} {
		if !strings.Contains(view, s) {
			t.Errorf("panel lacks %q:\n%s", s, view)
		}
	}
}

// On 80×24 and shorter screens the bars stay: the details of what moved give way first,
// to one line, and the screen is not left half empty.
func TestModelPanelKeepsBarsOnSmallScreens(t *testing.T) {
	d := newDriver(t, answers.Defaults(), 80, 24)
	d.answer("workload", "enter")
	d.answer("consistency", "up", "enter")                  // eventual
	d.answer("staleness_seconds", "ctrl+u", "300", "enter") // a ceiling KV meets: KV leads
	for _, f := range []string{"data_shape", "role", "value_bytes", "max_value_bytes", "dataset_gb", "reads_per_month", "writes_per_month"} {
		d.answer(f, "enter")
	}
	d.answer("hot_key_writes_per_second", "5", "enter") // KV out, with a long reason
	bars := func(view string) int {
		n := 0
		for _, p := range d.m.live.Ranking {
			if strings.Contains(view, p.Name+strings.Repeat(" ", 17-len(p.Name))+"█") || strings.Contains(view, p.Name+strings.Repeat(" ", 17-len(p.Name))+"░") || strings.Contains(view, p.Name+strings.Repeat(" ", 17-len(p.Name))+"eliminated") {
				n++
			}
		}
		return n
	}
	for _, c := range []struct {
		height  int
		details bool // the moves, each on its own lines
	}{
		{30, true},
		{24, true},
		{21, false},
		{20, false},
	} {
		d.handle(tea.WindowSizeMsg{Width: 80, Height: c.height})
		view := ansi.Strip(d.m.View())
		d.checkFits(80, c.height)
		if n := bars(view); n != len(d.m.live.Ranking) {
			t.Errorf("80×%d: %d bars of %d:\n%s", c.height, n, len(d.m.live.Ranking), view)
		}
		if !strings.Contains(view, "Moved by writes to the busiest key (5):") {
			t.Errorf("80×%d: the panel does not say which answer moved it, in the question's words:\n%s", c.height, view)
		}
		if got := strings.Contains(view, "\n  Workers KV eliminated:"); got != c.details {
			t.Errorf("80×%d: details shown %v, want %v:\n%s", c.height, got, c.details, view)
		}
		if lines := strings.Split(view, "\n"); len(lines) < c.height-3 && !c.details {
			t.Errorf("80×%d: the details went, yet %d lines are left empty:\n%s", c.height, c.height-len(lines), view)
		}
	}
	// Shorter still: the lowest bars go before the top ones.
	d.handle(tea.WindowSizeMsg{Width: 80, Height: 15})
	view := ansi.Strip(d.m.View())
	d.checkFits(80, 15)
	if top := d.m.live.Ranking[0].Name; !strings.Contains(view, top+strings.Repeat(" ", 17-len(top))+"█") || !strings.Contains(view, "more") {
		t.Errorf("80×15: the top bar and a count of the others should show:\n%s", view)
	}
}

func TestModelEscGoesBackOneQuestion(t *testing.T) {
	d := newDriver(t, answers.Defaults(), 80, 24)
	d.answer("workload", "first name", "enter")
	d.answer("consistency", "up", "enter")
	d.press("esc")
	if d.field() != "consistency" {
		t.Fatalf("esc went to %q, want consistency", d.field())
	}
	d.answer("consistency", "down", "down", "down", "enter") // coordination
	if d.field() != "staleness_seconds" || d.m.a.Consistency != "coordination" {
		t.Errorf("after changing it: asking %q, consistency %q", d.field(), d.m.a.Consistency)
	}
}

func featureFlags(t *testing.T) *answers.Answers {
	t.Helper()
	data, err := os.ReadFile("../../examples/feature-flags.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a, err := answers.Parse("feature-flags.yaml", data)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestResultKeysSaveReportChangeQuit(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("SOURCE_DATE_EPOCH", "1795000000")
	d := newDriver(t, featureFlags(t), 80, 24) // every answer given: straight to the result
	d.waitResult()
	if d.m.rec.Primary != "kv" || !strings.Contains(d.m.View(), "Use Workers KV") {
		t.Fatalf("feature flags should give KV:\n%s", d.m.View())
	}
	all := strings.Join(d.m.resultLines(), "\n")
	for _, s := range []string{"Why Workers KV", "+30  consistency", "Why not D1 (runner-up)", "Monthly cost", "TTL guidance", "What would change the answer"} {
		if !strings.Contains(all, s) {
			t.Errorf("the result lacks %q:\n%s", s, all)
		}
	}
	// The screen says what --format text says at its width: eliminations, TTL steps,
	// sources; only the title (the header's) and the headings' underlines are left out.
	text, errs, code := runAdvisor(t, "", "--answers", "../../examples/feature-flags.yaml", "--width", "80")
	if code != 0 {
		t.Fatalf("batch text: exit %d: %s", code, errs)
	}
	var memo []string
	for _, l := range strings.Split(strings.TrimRight(text, "\n"), "\n")[2:] {
		if strings.Trim(l, "─") != "" || l == "" {
			memo = append(memo, l)
		}
	}
	if screen := ansi.Strip(all); screen != strings.Join(memo, "\n") {
		t.Errorf("the result screen differs from --format text:\nscreen:\n%s\ntext:\n%s", screen, strings.Join(memo, "\n"))
	}
	for _, s := range []string{"1. What is the maximum staleness", "4. What is the cost of serving stale data?", "Sources", "[1] "} {
		if !strings.Contains(all, s) {
			t.Errorf("the result lacks %q:\n%s", s, all)
		}
	}

	d.press("s")
	if !strings.Contains(d.m.View(), "storefront-feature-flags.yaml") {
		t.Errorf("the file name offered is not from the workload:\n%s", d.m.View())
	}
	saved := filepath.Join(dir, "saved.yaml")
	d.press("ctrl+u", saved, "enter")
	d.waitFor("the answers written", func() bool { return strings.Contains(d.m.status, "Wrote the answers") })
	data, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	if a, err := answers.Parse(saved, data); err != nil || a.ReadsPerMonth != 300e6 {
		t.Errorf("saved answers: %v\n%s", err, data)
	}

	d.press("r")
	report := filepath.Join(dir, "report.html")
	d.press("ctrl+u", report, "enter")
	d.waitFor("the report written", func() bool { return strings.Contains(d.m.status, "Wrote the report") })
	// The report is the one batch mode writes for the same answers file.
	_, want, errs := advisor(t, "--answers", "../../examples/feature-flags.yaml", "--format", "html")
	if page, err := os.ReadFile(report); err != nil || string(page) != want {
		t.Errorf("report (%v) differs from batch --format html on the same answers (%s):\n%.300s", err, errs, page)
	}

	// Scrolling moves the text; the footer stays; every position fits the terminal.
	top := d.m.View()
	d.press("down", "down")
	if d.m.View() == top || !strings.Contains(d.m.View(), "q quit") {
		t.Errorf("scrolling does not move the result or loses the keys")
	}
	d.press("end")
	d.checkFits(80, 24)
	if !strings.Contains(d.m.View(), "Sources") {
		t.Errorf("the end of the result does not show the sources:\n%s", d.m.View())
	}
	d.press("home")

	// b: change consistency to read-your-writes; KV no longer fits.
	d.press("b")
	if d.m.screen != screenChange {
		t.Fatalf("b did not offer the answers:\n%s", d.m.View())
	}
	d.press("down", "enter")
	d.answer("consistency", "down", "enter")
	d.waitResult()
	if d.m.rec.Primary == "kv" {
		t.Errorf("with read-your-writes the pick is still KV")
	}
	if e := entry(t, d.m.rec, "kv"); !e.Eliminated || !strings.Contains(d.m.View(), "eliminated:") {
		t.Errorf("KV should show eliminated, with its reason:\n%s", d.m.View())
	}

	d.press("q")
	d.waitFor("quit", func() bool { return d.quit })
}

func TestCtrlCInterruptsEverywhere(t *testing.T) {
	d := newDriver(t, answers.Defaults(), 80, 24)
	d.press("ctrl+c")
	if !d.interrupted {
		t.Errorf("ctrl+c during a question did not interrupt")
	}
	d = newDriver(t, featureFlags(t), 80, 24)
	d.waitResult()
	d.press("s", "ctrl+c")
	if !d.interrupted {
		t.Errorf("ctrl+c while asking for a file name did not interrupt")
	}
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"storefront feature flags": "storefront-feature-flags",
		"Orders (EU)!":             "orders-eu",
		"unnamed workload":         "storewise",
		"":                         "storewise",
	} {
		if got := slug(in); got != want {
			t.Errorf("slug(%q) = %q, want %q", in, got, want)
		}
	}
}
