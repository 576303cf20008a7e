package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// The end-to-end tests build the real binary and drive it as a user would: in a
// pseudo-terminal of 80×24 for the full-screen interview, through a pipe for accessible mode.

var binDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "advisor-e2e-")
	if err != nil {
		panic(err)
	}
	binDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

var buildAdvisor = sync.OnceValues(func() (string, error) {
	bin := filepath.Join(binDir, "advisor")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", errors.New(string(out))
	}
	return bin, nil
})

func advisorBin(t *testing.T) string {
	t.Helper()
	bin, err := buildAdvisor()
	if err != nil {
		t.Fatalf("building advisor: %v", err)
	}
	return bin
}

// testEnv is the environment of a run: a colour terminal, whatever the test runner has.
func testEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		// CI is dropped too: termenv turns colour off when CI is set, and the pseudo-terminal
		// stands for a person's terminal, not a CI log.
		if !strings.HasPrefix(kv, "NO_COLOR=") && !strings.HasPrefix(kv, "TERM=") && !strings.HasPrefix(kv, "COLORTERM=") &&
			!strings.HasPrefix(kv, "SOURCE_DATE_EPOCH=") && !strings.HasPrefix(kv, "CI=") {
			env = append(env, kv)
		}
	}
	// A fixed report date, so a report written in the interview compares byte for byte with
	// the batch command's even across midnight.
	return append(append(env, "TERM=xterm-256color", "SOURCE_DATE_EPOCH=1795000000"), extra...)
}

// terminal is the advisor running in a pseudo-terminal, and everything it wrote there.
type terminal struct {
	t    *testing.T
	cmd  *exec.Cmd
	pty  *os.File
	mu   sync.Mutex
	out  bytes.Buffer
	mark int // waitFor looks after this offset
	read chan struct{}
}

func startTerminal(t *testing.T, dir string, env []string, args ...string) *terminal {
	t.Helper()
	cmd := exec.Command(advisorBin(t), args...)
	cmd.Dir, cmd.Env = dir, env
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
	if err != nil {
		t.Fatalf("starting advisor in a pseudo-terminal: %v", err)
	}
	term := &terminal{t: t, cmd: cmd, pty: f, read: make(chan struct{})}
	go func() {
		defer close(term.read)
		buf := make([]byte, 4096)
		for {
			n, err := f.Read(buf)
			term.mu.Lock()
			term.out.Write(buf[:n])
			term.mu.Unlock()
			term.answerQueries(buf[:n])
			if err != nil {
				return // EIO once the advisor has exited
			}
		}
	}()
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
		f.Close()
	})
	return term
}

// answerQueries replies as a terminal does when lipgloss asks for the background colour
// (OSC 11, then a cursor position report); unanswered, it waits five seconds for one.
func (term *terminal) answerQueries(b []byte) {
	if !bytes.Contains(b, []byte("\x1b[6n")) {
		return
	}
	reply := "\x1b[1;1R"
	if bytes.Contains(b, []byte("\x1b]11;?")) {
		reply = "\x1b]11;rgb:0000/0000/0000\x1b\\" + reply
	}
	term.pty.Write([]byte(reply))
}

func (term *terminal) output() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return term.out.String()
}

// waitFor waits until the advisor writes s, after what was already waited for.
func (term *terminal) waitFor(s string) {
	term.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		out := term.output()
		if i := strings.Index(out[term.mark:], s); i >= 0 {
			term.mark += i + len(s)
			return
		}
		if time.Now().After(deadline) {
			tail := out[max(0, len(out)-1500):]
			term.t.Fatalf("timed out waiting for %q; the terminal shows, last:\n%q", s, tail)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (term *terminal) send(keys string) {
	term.t.Helper()
	if _, err := term.pty.Write([]byte(keys)); err != nil {
		term.t.Fatalf("typing %q: %v", keys, err)
	}
}

// exit waits for the advisor to end and returns its status.
func (term *terminal) exit() int {
	term.t.Helper()
	done := make(chan error, 1)
	go func() { done <- term.cmd.Wait() }()
	select {
	case err := <-done:
		<-term.read
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return ee.ExitCode()
		}
		if err != nil {
			term.t.Fatal(err)
		}
		return 0
	case <-time.After(15 * time.Second):
		term.t.Fatalf("advisor did not exit; last output:\n%q", term.output()[max(0, len(term.output())-1000):])
		return -1
	}
}

// afterScreen is what the advisor printed once it left the full screen, as plain lines.
// saveAnswers saves the answers from the result screen to name, as a user does with s.
func (term *terminal) saveAnswers(name string) {
	term.t.Helper()
	term.waitFor("s save answers")
	term.send("s")
	term.waitFor("Save the answers to")
	term.send(keyCtrlU + name + keyEnter)
	term.waitFor("Wrote the answers to " + name)
}

func (term *terminal) afterScreen() string {
	out := term.output()
	if i := strings.LastIndex(out, "\x1b[?1049l"); i >= 0 {
		out = out[i+len("\x1b[?1049l"):]
	}
	return strings.ReplaceAll(out, "\r\n", "\n")
}

const (
	keyEnter = "\r"
	keyDown  = "\x1b[B"
	keyLeft  = "\x1b[D"
	keyCtrlU = "\x15"
	keyCtrlC = "\x03"
)

func batch(t *testing.T, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command(advisorBin(t), args...)
	cmd.Dir, cmd.Env = dir, testEnv()
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("advisor %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

func TestEndToEndInterviewInTerminal(t *testing.T) {
	dir := t.TempDir()
	term := startTerminal(t, dir, testEnv(), "--format", "json")
	for _, step := range []struct{ question, keys string }{
		{"What is the workload called?", "e2e orders" + keyEnter},
		{"What must a read see after a write?", keyEnter}, // read-your-writes
		{"How stale may a read be", "5" + keyEnter},
		{"What shape is the data?", keyDown + keyEnter}, // relational
		{"Does the data split into independent parts", "n"},
		{"How large is a typical value?", "4KB" + keyEnter},
		{"How large is the largest value?", "64KB" + keyEnter},
		{"How much data is stored in total", "20" + keyEnter},
		{"How many reads a month?", "50M" + keyEnter},
		{"How many writes a month", "5M" + keyEnter},
		{"How often is the busiest single key", "2" + keyEnter},
		{"Is a database already in production", keyDown + keyEnter}, // postgres
		{"features of that database that D1 lacks?", "y"},
		{"also serve other applications?", "n"},
		{"Where must the data stay?", keyEnter}, // anywhere
		{"Where are the readers?", keyEnter},
		{"Which atomic updates are needed?", keyDown + keyDown + keyEnter}, // multi-row
		{"Do clients coordinate live", keyEnter},
	} {
		term.waitFor(step.question)
		term.send(step.keys)
	}
	term.saveAnswers("saved.yaml")
	term.send("q")
	if code := term.exit(); code != 0 {
		t.Fatalf("exit %d after q; output:\n%q", code, term.afterScreen())
	}

	saved, err := os.ReadFile(filepath.Join(dir, "saved.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	want := `version: 1
workload: "e2e orders"
consistency: read-your-writes
staleness_seconds: 5
data_shape: relational
# role: record  # not asked when data_shape is relational
partitioned: false
value_bytes: 4KB
max_value_bytes: 64KB
dataset_gb: 20
reads_per_month: 50M
writes_per_month: 5M
hot_key_writes_per_second: 2
existing_database: postgres
needs_database_features: true
shared_database: false
residency: none
users: global
transactions: multi-row
realtime: false
`
	if string(saved) != want {
		t.Errorf("saved answers:\n%s\nwant:\n%s", saved, want)
	}
	got := term.afterScreen()
	if i := strings.Index(got, "{"); i >= 0 {
		got = got[i:]
	}
	if want := batch(t, dir, "--answers", "saved.yaml", "--format", "json"); got != want {
		t.Errorf("the interview's recommendation differs from batch mode on the saved answers\ninterview:\n%s\nbatch:\n%s", got, want)
	}
	// The result screen said the same pick.
	if !strings.Contains(term.output(), "Use Hyperdrive") || !strings.Contains(got, `"primary": "hyperdrive"`) {
		t.Errorf("expected Hyperdrive on screen and in the output; output:\n%s", got)
	}
}

func copyExample(t *testing.T, dir string) {
	t.Helper()
	data, err := os.ReadFile("../../examples/feature-flags.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ff.yaml"), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestEndToEndCtrlCLeavesNoPartialFile(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir)
	// Every answer is in the file: straight to the result, where r writes the report;
	// Ctrl-C right after Enter interrupts the write, or just follows it.
	term := startTerminal(t, dir, testEnv(), "--answers", "ff.yaml", "--ask-missing")
	term.waitFor("r write report")
	term.send("r")
	term.waitFor("Write the report")
	term.send(keyCtrlU + "report" + reportExt + keyEnter + keyCtrlC)
	if code := term.exit(); code != exitInterrupted {
		t.Errorf("exit %d after Ctrl-C, want %d", code, exitInterrupted)
	}
	if strings.Contains(term.afterScreen(), "Storewise recommendation") {
		t.Errorf("an interrupted run printed the recommendation")
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		switch e.Name() {
		case "ff.yaml":
		case "report" + reportExt:
			data, _ := os.ReadFile(filepath.Join(dir, e.Name()))
			if want := batch(t, dir, "--answers", "ff.yaml", "--format", reportFormat); string(data) != want {
				t.Errorf("%s is not the whole report (%d bytes, want %d)", e.Name(), len(data), len(want))
			}
		default:
			t.Errorf("Ctrl-C left %s behind", e.Name())
		}
	}

	// In the middle of the questions, too.
	term = startTerminal(t, dir, testEnv())
	term.waitFor("What is the workload called?")
	term.send("half" + keyEnter)
	term.waitFor("What must a read see")
	term.send(keyCtrlC)
	if code := term.exit(); code != exitInterrupted {
		t.Errorf("exit %d after Ctrl-C during the questions, want %d", code, exitInterrupted)
	}
}

func TestEndToEndNoColor(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir)
	screen := func(env []string) string {
		term := startTerminal(t, dir, env, "--answers", "ff.yaml", "--ask-missing")
		term.waitFor("q quit")
		term.send("q")
		if code := term.exit(); code != 0 {
			t.Fatalf("exit %d", code)
		}
		return term.output()
	}
	hasColour := func(s string) bool { return strings.Contains(s, "[38;5;") || strings.Contains(s, "[38;2;") }
	if !hasColour(screen(testEnv())) {
		t.Errorf("no colour on a 256-colour terminal: the NO_COLOR check below would prove nothing")
	}
	if out := screen(testEnv("NO_COLOR=1")); hasColour(out) {
		t.Errorf("colour despite NO_COLOR")
	}
}

func TestEndToEndAccessiblePipe(t *testing.T) {
	dir := t.TempDir()
	copyExample(t, dir)
	cmd := exec.Command(advisorBin(t), "--format", "json")
	cmd.Dir, cmd.Env = dir, testEnv()
	cmd.Stdin = strings.NewReader(strings.Join(featureFlagLines, "\n") + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if want := batch(t, dir, "--answers", "ff.yaml", "--format", "json"); string(out) != want {
		t.Errorf("piped interview and batch mode disagree\ninterview:\n%s\nbatch:\n%s", out, want)
	}
	if !strings.Contains(stderr.String(), "Enter a number between 1 and 4") {
		t.Errorf("not huh's accessible prompts on standard error:\n%s", stderr.String())
	}
}

func TestEndToEndAccessibleCtrlC(t *testing.T) {
	// --accessible on a terminal: the prompts wait in a blocking read, which SIGINT ends.
	term := startTerminal(t, t.TempDir(), testEnv(), "--accessible")
	term.waitFor("What is the workload called?")
	term.send(keyCtrlC)
	if code := term.exit(); code != exitInterrupted {
		t.Errorf("exit %d after Ctrl-C in accessible mode, want %d", code, exitInterrupted)
	}
}

// huh marks the chosen button of a Yes/No question by colour alone: without colour the
// choice must still show.
func TestEndToEndNoColorShowsYesNoChoice(t *testing.T) {
	dir := t.TempDir()
	data, err := os.ReadFile("../../examples/feature-flags.yaml")
	if err != nil {
		t.Fatal(err)
	}
	// Every answer but realtime: the interview starts on that Yes/No question.
	var kept []string
	for _, l := range strings.Split(string(data), "\n") {
		if !strings.HasPrefix(l, "realtime:") {
			kept = append(kept, l)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "ff.yaml"), []byte(strings.Join(kept, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	term := startTerminal(t, dir, testEnv("NO_COLOR=1"), "--answers", "ff.yaml", "--ask-missing", "--format", "json")
	term.waitFor("Do clients coordinate live")
	term.waitFor("[No]") // the default
	term.send(keyLeft)
	term.waitFor("[Yes]")
	term.send(keyEnter)
	term.saveAnswers("saved.yaml")
	term.send("q")
	if code := term.exit(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if saved, err := os.ReadFile(filepath.Join(dir, "saved.yaml")); err != nil || !strings.Contains(string(saved), "\nrealtime: true\n") {
		t.Errorf("the Yes chosen did not reach the answers (%v):\n%s", err, saved)
	}
}
