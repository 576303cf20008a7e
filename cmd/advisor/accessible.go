package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/charmbracelet/huh"

	"github.com/storewise/storewise/answers"
	"github.com/storewise/storewise/matrix"
	"github.com/storewise/storewise/rules"
	"github.com/storewise/storewise/web"
)

// interviewAccessible asks the questions with huh's accessible mode: plain numbered prompts,
// one line per answer, which screen readers can follow and a pipe can feed. After each answer
// it says where the ranking stands and what moved it, as the full-screen panel does.
//
// When the input ends, the questions not answered keep their defaults and are listed as
// assumptions, exactly as batch mode lists the fields an answers file leaves out.
func interviewAccessible(ctx context.Context, engine *rules.Engine, a *answers.Answers, findings []rules.Finding, stdin io.Reader, w io.Writer, files *fileWriter) (*rules.Recommendation, int) {
	in := newLineReader(stdin)
	m := engine.Matrix()
	live, err := engine.Decide(ctx, a)
	if err != nil {
		fmt.Fprintf(w, "advisor: %v\n", err)
		return nil, exitCode(err)
	}
	group := ""
	for i := nextQuestion(m, a); i >= 0 && !in.eof; i = nextQuestion(m, a) {
		q := m.Questions[i]
		if q.Group != group {
			group = q.Group
			fmt.Fprintf(w, "\n== %s ==\n\n", groupTitle(m, group))
		}
		// huh's accessible prompts print only the title: the why comes first, on its own.
		fmt.Fprintln(w, accessibleHelp(q))
		qu := newQuestion(q, a, true)
		before := in.consumed
		if err := runAccessible(ctx, qu.field, in, w); errors.Is(err, errEndedOnBadChoice) {
			fmt.Fprintf(w, "%s: the input ended on an answer that is not one of the choices; keeping %s\n", q.Field, a.Text(q.Field))
			break // the rest, as when the input ends before a question, keep their defaults
		} else if err != nil {
			fmt.Fprintf(w, "advisor: %v\n", err)
			return nil, exitFail
		}
		if in.eof && in.consumed == before {
			if in.consumed == 0 {
				// Not one answer: an empty pipe or a script that forgot --answers, not a
				// workload described by defaults alone.
				fmt.Fprintln(w, "\nadvisor: no answers: standard input ended before the first one; pass --answers FILE, or answer the questions")
				return nil, exitUsage
			}
			break // the input ended before this question: leave it, and the rest, to defaults
		}
		v, err := qu.value(a)
		if err != nil {
			// huh returns the last line even when it failed validation, if the input ended.
			fmt.Fprintf(w, "%s: %v; keeping %s\n", q.Field, err, a.Text(q.Field))
			v, _ = a.Get(q.Field)
		}
		if err := commit(a, q.Field, v, qu.written()); err != nil {
			fmt.Fprintf(w, "advisor: %v\n", err)
			return nil, exitFail
		}
		prev := live
		if live, err = engine.Decide(ctx, a); err != nil {
			fmt.Fprintf(w, "advisor: %v\n", err)
			return nil, exitCode(err)
		}
		fmt.Fprintf(w, "%s: %s. Ranking now: %s.\n", q.Field, a.Text(q.Field), web.RankingLine(live))
		for _, s := range web.Moves(prev, live, 3) {
			fmt.Fprintf(w, "  %s\n", s)
		}
	}
	a.Complete()

	fmt.Fprintln(w, "\nWorking out what would change the answer...")
	rec, err := engine.Evaluate(ctx, a, findings)
	if err != nil {
		fmt.Fprintf(w, "advisor: %v\n", err)
		return nil, exitCode(err)
	}
	fmt.Fprintf(w, "%s\n\n", web.Verdict(rec))
	if in.eof {
		return rec, exitOK // nobody left to ask where to save
	}
	for _, offer := range []struct {
		title string
		data  func() ([]byte, error)
		done  string
	}{
		{"Save the answers to a file (empty: do not save)", func() ([]byte, error) { return a.YAML(), nil }, "Saved the answers to"},
		{"Write the report to a file (empty: do not write)", func() ([]byte, error) { return renderReport(rec) }, "Wrote the report to"},
	} {
		var path string
		field := huh.NewInput().Title(offer.title).Value(&path)
		if err := accessibleForm(field, in, w).RunWithContext(ctx); err != nil {
			fmt.Fprintf(w, "advisor: %v\n", err)
			return nil, exitFail
		}
		if path = strings.TrimSpace(path); path == "" {
			continue
		}
		data, err := offer.data()
		if err == nil {
			err = files.write(path, data)
		}
		if err != nil {
			// The recommendation still goes out; a file that could not be written is said.
			fmt.Fprintf(w, "advisor: %v\n", err)
			continue
		}
		fmt.Fprintf(w, "%s %s\n", offer.done, path)
	}
	return rec, exitOK
}

// errEndedOnBadChoice is an accessible choice prompt whose input ended on a line that is
// not one of its numbers.
var errEndedOnBadChoice = errors.New("the input ended on an invalid choice")

// runAccessible asks one accessible prompt. huh v1.0.0's choice prompt, when the input ends
// on a line that is not a valid number ("key-value" piped in), indexes its options with
// that line anyway and panics; that case becomes errEndedOnBadChoice, so piped input never
// crashes the advisor. Any other panic is huh's own and stays one.
func runAccessible(ctx context.Context, f huh.Field, in *lineReader, w io.Writer) (err error) {
	defer func() {
		if p := recover(); p != nil {
			if !in.eof {
				panic(p)
			}
			err = errEndedOnBadChoice
		}
	}()
	return accessibleForm(f, in, w).RunWithContext(ctx)
}

func accessibleForm(f huh.Field, in io.Reader, w io.Writer) *huh.Form {
	return huh.NewForm(huh.NewGroup(f)).WithAccessible(true).WithInput(in).WithOutput(w).
		WithTheme(huh.ThemeBase())
}

func accessibleHelp(q matrix.Question) string {
	if q.Type == matrix.TypeNumber {
		h := answers.QuantityHelp(q.Unit)
		return q.Description + " " + strings.ToUpper(h[:1]) + h[1:] + "."
	}
	return q.Description
}
