package main

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/huh"
	"github.com/charmbracelet/lipgloss"

	"github.com/storewise/storewise/answers"
	"github.com/storewise/storewise/matrix"
)

// question is one matrix question being asked: the huh field built from it and the value
// the field edits. The interview (full screen or accessible) asks one question per form, so
// it can re-evaluate after every answer and skip the questions that no longer apply.
type question struct {
	q     matrix.Question
	text  string // input and select values
	yes   bool   // confirm values
	field huh.Field
}

// newQuestion builds the huh field for q, starting from the answer a holds (the user's or the
// default). In accessible mode the current value is in the title, because huh's accessible
// prompts print neither the description nor the placeholder.
func newQuestion(q matrix.Question, a *answers.Answers, accessible bool) *question {
	qu := &question{q: q}
	current := a.Text(q.Field)
	switch q.Type {
	case matrix.TypeEnum:
		qu.text = current
		opts := make([]huh.Option[string], len(q.Options))
		for i, o := range q.Options {
			key := o.Label
			if accessible {
				// No highlight to describe the hovered option: say what each one means.
				key = o.Label + ": " + o.Help
			}
			opts[i] = huh.NewOption(key, o.Value)
		}
		title := q.Title
		if accessible {
			title = fmt.Sprintf("%s [%s]", q.Title, current) // what Enter keeps
		}
		qu.field = huh.NewSelect[string]().Key(q.Field).Title(title).Description(q.Description).
			Options(opts...).Value(&qu.text)
	case matrix.TypeBool:
		v, _ := a.Get(q.Field)
		qu.yes, _ = v.(bool)
		qu.field = huh.NewConfirm().Key(q.Field).Title(q.Title).Description(q.Description).
			Affirmative("Yes").Negative("No").Value(&qu.yes).
			WithButtonAlignment(lipgloss.Left)
	default:
		title := q.Title
		if accessible {
			title = fmt.Sprintf("%s [%s]", q.Title, current)
		}
		in := huh.NewInput().Key(q.Field).Title(title).Value(&qu.text).
			Placeholder(current).
			Description(q.Description + "\n" + inputHint(q, current)).
			Validate(func(s string) error { _, err := parseAnswer(q, a, s); return err })
		if q.MaxLength > 0 {
			in.CharLimit(q.MaxLength)
		}
		qu.field = in
	}
	return qu
}

// value returns the answer the field holds, in the type answers.Set takes.
func (qu *question) value(a *answers.Answers) (any, error) {
	switch qu.q.Type {
	case matrix.TypeEnum:
		return qu.text, nil
	case matrix.TypeBool:
		return qu.yes, nil
	}
	return parseAnswer(qu.q, a, qu.text)
}

// written is a typed number as the user wrote it, for commit; "" for anything else.
func (qu *question) written() string {
	if qu.q.Type != matrix.TypeNumber {
		return ""
	}
	return strings.TrimSpace(qu.text)
}

// hoverHelp is the help of the option under the cursor: the words that tell
// "read-your-writes" from "strong" are in the help, not the label. (The field's value
// follows the cursor.)
func (qu *question) hoverHelp() string {
	for _, o := range qu.q.Options {
		if o.Value == qu.text {
			return o.Label + ": " + o.Help
		}
	}
	return ""
}

// inputHint says how to write the answer; the placeholder shows the value Enter keeps.
func inputHint(q matrix.Question, current string) string {
	how := ""
	if q.Type == matrix.TypeNumber {
		h := answers.QuantityHelp(q.Unit)
		how = strings.ToUpper(h[:1]) + h[1:] + ". "
	}
	return how + "Enter keeps " + current + "."
}

// parseAnswer checks a typed answer the way the answers file is checked (answers.CheckText),
// so a session's saved file always reads back in batch mode. Empty keeps the current value.
func parseAnswer(q matrix.Question, a *answers.Answers, s string) (any, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		v, _ := a.Get(q.Field)
		return v, nil
	}
	return answers.CheckText(q, a, s)
}

// commit stores an answer and refills the defaults of the fields still unanswered. A typical
// value raised above the largest one makes that answer void, so it is asked again. So are
// the answers to questions the new answer no longer asks (no database: no "shared database:
// yes" left behind to contradict it), and to the questions that depended on those.
//
// written is the answer as typed ("200M"), kept for the saved answers file; "" when the
// answer was not typed (a choice, or Enter keeping the value).
func commit(a *answers.Answers, field string, v any, written string) error {
	if err := a.Set(field, v); err != nil {
		return err
	}
	if written != "" {
		a.SetWritten(field, written)
	}
	if field == "value_bytes" && a.Given["max_value_bytes"] && a.MaxValueBytes < a.ValueBytes {
		delete(a.Given, "max_value_bytes")
	}
	a.Complete()
	changed := map[string]bool{field: true}
	for dropped := true; dropped; {
		dropped = false
		for _, q := range matrix.MustLoad().Questions {
			if q.AskIf != nil && changed[q.AskIf.Field] && a.Given[q.Field] && !a.Asked(q) {
				delete(a.Given, q.Field)
				changed[q.Field], dropped = true, true
			}
		}
		a.Complete()
	}
	return nil
}

// nextQuestion returns the index of the first question that applies and has no answer yet,
// or -1 when the interview is complete.
func nextQuestion(m *matrix.Matrix, a *answers.Answers) int {
	for i, q := range m.Questions {
		if !a.Given[q.Field] && a.Asked(q) {
			return i
		}
	}
	return -1
}

// groupTitle names a question's topic.
func groupTitle(m *matrix.Matrix, id string) string {
	for _, g := range m.Groups {
		if g.ID == id {
			return g.Title
		}
	}
	return id
}
