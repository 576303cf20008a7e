package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// endless is standard input that never ends.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

// Endless input, from a device or standard input, is refused after 1 MiB (exit 2), not
// read until the memory runs out.
func TestEndlessAnswersAreRefused(t *testing.T) {
	start := time.Now()
	code, _, stderr := advisor(t, "--answers", "/dev/zero")
	if code != 2 || !strings.Contains(stderr, "/dev/zero: larger than 1048576 bytes (1 MiB)") {
		t.Errorf("--answers /dev/zero: exit %d, stderr %q", code, stderr)
	}
	var out, errb bytes.Buffer
	code = run(context.Background(), []string{"--answers", "-"}, endless{}, &out, &errb)
	if code != 2 || !strings.Contains(errb.String(), "<stdin>: larger than 1048576 bytes") || out.Len() != 0 {
		t.Errorf("endless standard input: exit %d, stderr %q", code, errb.String())
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
}

// The interview's result screen shows a workload name's control characters as escapes, in
// its header as in the memo below it, as --format text does.
func TestResultScreenShowsControlCharactersAsEscapes(t *testing.T) {
	a := featureFlags(t)
	a.Workload = "flags\x1b[2J\x07"
	d := newDriver(t, a, 100, 30)
	d.waitResult()
	view := d.m.View()
	if strings.Contains(view, "\x1b[2J") || strings.Contains(view, "\x07") {
		t.Errorf("the result screen writes the workload's control characters raw:\n%q", view)
	}
	if !strings.Contains(ansi.Strip(view), `Recommendation: flags\x1b[2J\x07`) {
		t.Errorf("the header does not show the name escaped:\n%s", ansi.Strip(view))
	}
}
