package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sync"

	"github.com/charmbracelet/x/term"

	"github.com/storewise/storewise/answers"
	"github.com/storewise/storewise/rules"
)

// exitInterrupted is the status of a run stopped with Ctrl-C, as shells report SIGINT.
const exitInterrupted = 130

// interviewFlags are the interview's flags, apart from batch mode's so main.go only names
// them once.
type interviewFlags struct {
	askMissing bool
	accessible bool
}

func (f *interviewFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&f.askMissing, "ask-missing", false, "with --answers FILE: start the interview from the file and ask only what it does not answer")
	fs.BoolVar(&f.accessible, "accessible", false, "interview one plain prompt at a time (huh's accessible mode, for screen readers); also used when standard input or output is not a terminal")
}

// interviewWanted reports whether a run is an interview rather than batch mode.
func interviewWanted(cfg config) bool { return cfg.answersFile == "" || cfg.askMissing }

// interview asks the questions (all of them, or with --ask-missing those the answers file
// leaves out), then writes the recommendation as batch mode would have for the same answers.
func interview(ctx context.Context, cfg config, stdin io.Reader, stdout, stderr io.Writer) int {
	a := answers.Defaults()
	if cfg.askMissing {
		if cfg.answersFile == "" || cfg.answersFile == "-" {
			fmt.Fprintln(stderr, "advisor: --ask-missing needs --answers FILE (a file: standard input is where the answers are typed)")
			return exitUsage
		}
		var err error
		if a, err = readAnswers(cfg.answersFile, stdin); err != nil {
			fmt.Fprintf(stderr, "advisor: %v\n", err)
			return exitUsage
		}
	}
	engine, err := newEngine(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "advisor: %v\n", err)
		return exitCode(err)
	}
	// The code is scanned before the first question, so a package that does not load is
	// said before anyone answers anything.
	findings, err := scan(ctx, cfg.scan)
	if err != nil {
		fmt.Fprintf(stderr, "advisor: %v\n", err)
		return exitCode(err)
	}
	var rec *rules.Recommendation
	var code int
	files := &fileWriter{}
	if cfg.accessible || !isTerminal(stdin) || !isTerminal(stdout) {
		defer onInterrupt(func() { files.interrupted(stderr) })()
		// Prompts on standard error keep standard output for the recommendation alone.
		rec, code = interviewAccessible(ctx, engine, a, findings, stdin, stderr, files)
	} else {
		// Bubble Tea handles Ctrl-C while it holds the terminal; then it is ours again.
		rec, code = interviewTUI(ctx, engine, a, findings, stdin, stdout, stderr, files)
		defer onInterrupt(func() { files.interrupted(stderr) })()
	}
	if rec == nil {
		return code
	}
	return deliver(rec, cfg, stdout, stderr, files.write)
}

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}

// reportFormat is the format the interview writes its report in (the r key, the accessible
// mode's last question), through render like --format: the self-contained HTML report, the
// one a design review passes around.
const (
	reportFormat = "html"
	reportExt    = ".html"
)

// renderReport writes the report the interview offers to save.
func renderReport(rec *rules.Recommendation) ([]byte, error) {
	var buf bytes.Buffer
	err := render(&buf, rec, config{format: reportFormat, width: 80})
	return buf.Bytes(), err
}

// fileWriter writes the interview's files one at a time, so Ctrl-C can wait for a write in
// progress to finish (writeFileAtomic leaves a whole file or none) before the process exits.
type fileWriter struct{ mu sync.Mutex }

func (w *fileWriter) write(path string, data []byte) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return writeFileAtomic(path, data)
}

// interrupted ends the process on Ctrl-C outside Bubble Tea: accessible mode sits in a
// blocking read of standard input that nothing else can interrupt. A file being written is
// finished first, and no other is started.
func (w *fileWriter) interrupted(stderr io.Writer) {
	w.mu.Lock()
	fmt.Fprintln(stderr, "\nadvisor: interrupted")
	os.Exit(exitInterrupted)
}

// onInterrupt runs stop on SIGINT until the returned function is called.
func onInterrupt(stop func()) func() {
	sig := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(sig, os.Interrupt)
	go func() {
		select {
		case <-sig:
			stop()
		case <-done:
		}
	}()
	return func() { signal.Stop(sig); close(done) }
}
