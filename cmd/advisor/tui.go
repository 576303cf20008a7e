package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"strconv"
	"strings"
	"sync"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/huh"

	"github.com/storewise/storewise/answers"
	"github.com/storewise/storewise/matrix"
	"github.com/storewise/storewise/rules"
	"github.com/storewise/storewise/web"
)

// interviewTUI runs the full-screen interview and returns the recommendation the user
// quit on, or the exit status when there is none (Ctrl-C: 130).
func interviewTUI(ctx context.Context, engine *rules.Engine, a *answers.Answers, findings []rules.Finding, stdin io.Reader, stdout, stderr io.Writer, files *fileWriter) (*rules.Recommendation, int) {
	mod, err := newModel(ctx, engine, a)
	if err != nil {
		fmt.Fprintf(stderr, "advisor: %v\n", err)
		return nil, exitCode(err)
	}
	mod.files = files
	mod.findings = findings
	p := tea.NewProgram(mod, tea.WithInput(stdin), tea.WithOutput(stdout), tea.WithAltScreen(), tea.WithContext(ctx))
	final, err := p.Run()
	// A file being written when the user pressed Ctrl-C is finished, whole, before exiting.
	mod.writes.Wait()
	if errors.Is(err, tea.ErrInterrupted) {
		return nil, exitInterrupted
	}
	if err != nil {
		fmt.Fprintf(stderr, "advisor: %v\n", err)
		return nil, exitFail
	}
	m := final.(*model)
	if m.err != nil {
		fmt.Fprintf(stderr, "advisor: %v\n", m.err)
		return nil, exitCode(m.err)
	}
	return m.rec, exitOK
}

type screen int

const (
	screenQuestion   screen = iota // asking one question, the ranking beside it
	screenEvaluating               // working out what would change the answer
	screenResult                   // the recommendation, scrollable
	screenChange                   // choosing an answer to change
	screenFile                     // asking where to save the answers or the report
)

type fileKind int

const (
	fileAnswers fileKind = iota
	fileReport
)

// evaluatedMsg carries the full evaluation (with the flips, which take a few hundred
// milliseconds: too slow for Update, so it runs as a command).
type evaluatedMsg struct {
	rec *rules.Recommendation
	err error
}

// wroteMsg reports a file written by the s or r key.
type wroteMsg struct {
	kind fileKind
	path string
	err  error
}

// model is the interview as a Bubble Tea model. Each question is its own one-field huh
// form, so the model can re-evaluate after every answer and choose the next question from
// the answers so far (ask_if). Update alone changes it; the views only read it.
type model struct {
	ctx    context.Context
	engine *rules.Engine
	m      *matrix.Matrix
	a      *answers.Answers
	// findings are the --scan's, folded into the recommendation at the end.
	findings []rules.Finding

	screen screen
	width  int
	height int

	// The question being asked.
	cur  int
	qu   *question
	form *huh.Form
	// history lists the questions answered in this session, latest last, for esc; asked
	// marks them, so going forward again shows them (with their answers) but skips the
	// answers that came from a file (--ask-missing).
	history []int
	asked   map[string]bool
	// editing is a change chosen on the result screen: once answered, back to the result.
	editing bool

	// live is the ranking on the answers so far (defaults for the rest), moves what the
	// last answer changed in it.
	live      *rules.Recommendation
	moves     []string
	lastField string

	rec    *rules.Recommendation
	scroll int
	status string

	// The s and r keys: the file name being asked, and the writes in flight.
	fileKind fileKind
	filePath string
	pick     string
	files    *fileWriter
	writes   *sync.WaitGroup

	styles styles
	keys   *huh.KeyMap
	err    error
}

// formKeys are huh's keys without filtering: a list of at most four options needs none,
// and esc, which would clear a filter, goes back a question here.
func formKeys() *huh.KeyMap {
	k := huh.NewDefaultKeyMap()
	k.Select.Filter.SetEnabled(false)
	k.Select.SetFilter.SetEnabled(false)
	k.Select.ClearFilter.SetEnabled(false)
	return k
}

func newModel(ctx context.Context, engine *rules.Engine, a *answers.Answers) (*model, error) {
	live, err := engine.Decide(ctx, a)
	if err != nil {
		return nil, err
	}
	return &model{
		ctx: ctx, engine: engine, m: engine.Matrix(), a: a,
		live: live, asked: map[string]bool{}, cur: -1,
		width: 80, height: 24,
		files: &fileWriter{}, writes: &sync.WaitGroup{},
		styles: newStyles(), keys: formKeys(),
	}, nil
}

func (m *model) Init() tea.Cmd { return m.advance() }

// advance goes to the next question: the next one in order that applies and was not
// answered by a file, or, after a change from the result screen, the first that applies
// and has no answer yet. With none left, it evaluates.
func (m *model) advance() tea.Cmd {
	next := -1
	if !m.editing {
		for i := m.cur + 1; i < len(m.m.Questions); i++ {
			q := m.m.Questions[i]
			if m.a.Asked(q) && (!m.a.Given[q.Field] || m.asked[q.Field]) {
				next = i
				break
			}
		}
	}
	if next < 0 {
		next = nextQuestion(m.m, m.a)
	}
	if next < 0 {
		return m.evaluate()
	}
	return m.ask(next)
}

func (m *model) ask(i int) tea.Cmd {
	m.cur = i
	m.qu = newQuestion(m.m.Questions[i], m.a, false)
	m.form = m.newForm(m.qu.field)
	m.screen = screenQuestion
	return m.form.Init()
}

func (m *model) newForm(f huh.Field) *huh.Form {
	form := huh.NewForm(huh.NewGroup(f)).
		WithTheme(m.styles.theme).
		WithKeyMap(m.keys).
		WithShowHelp(false). // the footer says the keys, in one line
		WithWidth(m.formWidth())
	m.sizeForm(form)
	return form
}

// sizeForm lets huh measure the form at the width it is shown in: a group sizes itself for
// 80 columns when built, and would cut off the options of a question wrapped narrower.
func (m *model) sizeForm(form *huh.Form) {
	form.Update(tea.WindowSizeMsg{Width: m.formWidth(), Height: max(5, m.height-4)})
}

func (m *model) evaluate() tea.Cmd {
	m.screen = screenEvaluating
	m.form = nil
	// The command runs beside Update: it gets answers of its own.
	a := *m.a
	a.Given = maps.Clone(m.a.Given)
	ctx, engine, findings := m.ctx, m.engine, m.findings
	return func() tea.Msg {
		rec, err := engine.Evaluate(ctx, &a, findings)
		return evaluatedMsg{rec, err}
	}
}

func (m *model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		if m.form != nil {
			m.form.WithWidth(m.formWidth())
			m.sizeForm(m.form)
		}
		return m, nil
	case tea.KeyMsg:
		if msg.Type == tea.KeyCtrlC {
			return m, tea.Interrupt
		}
	case evaluatedMsg:
		if msg.err != nil {
			m.err = msg.err
			return m, tea.Quit
		}
		m.rec, m.screen, m.scroll, m.editing = msg.rec, screenResult, 0, false
		return m, nil
	case wroteMsg:
		what := "the answers"
		if msg.kind == fileReport {
			what = "the report"
		}
		if msg.err != nil {
			m.status = fmt.Sprintf("Could not write %s: %v", what, msg.err)
		} else {
			m.status = fmt.Sprintf("Wrote %s to %s", what, msg.path)
		}
		return m, nil
	}
	switch m.screen {
	case screenQuestion:
		return m, m.updateQuestion(msg)
	case screenResult:
		return m, m.updateResult(msg)
	case screenChange, screenFile:
		return m, m.updateDialog(msg)
	}
	return m, nil
}

func (m *model) updateQuestion(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyEsc {
		return m.back()
	}
	f, cmd := m.form.Update(msg)
	m.form = f.(*huh.Form)
	if m.form.State != huh.StateCompleted {
		return cmd
	}
	q := m.qu.q
	v, err := m.qu.value(m.a)
	if err == nil {
		err = commit(m.a, q.Field, v, m.qu.written())
	}
	if err != nil { // validation let it through, so this is a defect: say it, ask again
		m.status = err.Error()
		return m.ask(m.cur)
	}
	m.asked[q.Field] = true
	m.history = append(m.history, m.cur)
	prev := m.live
	if m.live, err = m.engine.Decide(m.ctx, m.a); err != nil {
		m.err = err
		return tea.Quit
	}
	m.moves, m.lastField, m.status = web.Moves(prev, m.live, 3), q.Field, ""
	return m.advance()
}

// back returns to the previous question of this session, or from a change to the result.
func (m *model) back() tea.Cmd {
	if m.editing && m.rec != nil {
		m.editing, m.screen, m.form = false, screenResult, nil
		return nil
	}
	if len(m.history) == 0 {
		return nil
	}
	prev := m.history[len(m.history)-1]
	m.history = m.history[:len(m.history)-1]
	return m.ask(prev)
}

func (m *model) updateResult(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyMsg)
	if !ok {
		return nil
	}
	page := max(1, m.bodyHeight()-1)
	switch k.String() {
	case "q":
		return tea.Quit
	case "s":
		return m.askFile(fileAnswers)
	case "r":
		return m.askFile(fileReport)
	case "b":
		return m.askChange()
	case "up", "k":
		m.scroll--
	case "down", "j":
		m.scroll++
	case "pgup":
		m.scroll -= page
	case "pgdown", " ":
		m.scroll += page
	case "home", "g":
		m.scroll = 0
	case "end", "G":
		m.scroll = 1 << 30
	}
	m.scroll = max(0, min(m.scroll, len(m.resultLines())-m.bodyHeight()))
	return nil
}

func (m *model) askFile(kind fileKind) tea.Cmd {
	m.fileKind = kind
	base := slug(m.a.Workload)
	title := "Save the answers to"
	m.filePath = base + ".yaml"
	if kind == fileReport {
		title = "Write the report (" + reportFormat + ") to"
		m.filePath = base + reportExt
	}
	in := huh.NewInput().Title(title).
		Description("A file name; an existing file is replaced whole. Esc: cancel.").
		Value(&m.filePath).
		Validate(func(s string) error {
			if strings.TrimSpace(s) == "" {
				return errors.New("give a file name")
			}
			return nil
		})
	m.form = m.newForm(in)
	m.screen = screenFile
	return m.form.Init()
}

func (m *model) askChange() tea.Cmd {
	var opts []huh.Option[string]
	for i, q := range m.m.Questions {
		if m.a.Asked(q) {
			// The question's words, as the panel says them, not the file's field names.
			name := q.Name()
			name = strings.ToUpper(name[:1]) + name[1:]
			label := fmt.Sprintf("%-34s %s", truncate(name, 34), truncate(m.a.Text(q.Field), 38))
			opts = append(opts, huh.NewOption(label, strconv.Itoa(i)))
		}
	}
	m.pick, m.status = opts[0].Value, ""
	sel := huh.NewSelect[string]().Title("Which answer do you want to change?").
		Description("Enter: change it. Esc: back to the recommendation.").
		Options(opts...).Value(&m.pick)
	if room := m.height - 6; len(opts) > room {
		sel.Height(max(3, room)) // scroll the list rather than push the title off screen
	}
	m.form = m.newForm(sel)
	m.screen = screenChange
	return m.form.Init()
}

// updateDialog drives the file-name and change-an-answer forms; esc cancels either.
func (m *model) updateDialog(msg tea.Msg) tea.Cmd {
	if k, ok := msg.(tea.KeyMsg); ok && k.Type == tea.KeyEsc {
		m.screen, m.form = screenResult, nil
		return nil
	}
	f, cmd := m.form.Update(msg)
	m.form = f.(*huh.Form)
	if m.form.State != huh.StateCompleted {
		return cmd
	}
	if m.screen == screenChange {
		i, _ := strconv.Atoi(m.pick)
		m.editing = true
		return m.ask(i)
	}
	m.screen, m.form = screenResult, nil
	path := strings.TrimSpace(m.filePath)
	var data []byte
	var err error
	if m.fileKind == fileAnswers {
		data = m.a.YAML()
	} else {
		data, err = renderReport(m.rec)
	}
	if err != nil {
		m.status = err.Error()
		return nil
	}
	m.status = "Writing " + path + "..."
	kind, files, writes := m.fileKind, m.files, m.writes
	writes.Add(1)
	return func() tea.Msg {
		defer writes.Done()
		return wroteMsg{kind, path, files.write(path, data)}
	}
}

// slug makes a file name from the workload's name: "storefront feature flags" →
// "storefront-feature-flags".
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if out == "" || out == "unnamed-workload" {
		return "storewise"
	}
	return out
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
