package main

import (
	"context"
	"io"
	"os"

	"github.com/storewise/storewise/answers"
	"github.com/storewise/storewise/rules"
)

// interviewTUI is the full-screen interview; until it lands, the accessible one.
func interviewTUI(ctx context.Context, engine *rules.Engine, a *answers.Answers, stdin io.Reader, stdout io.Writer) (*rules.Recommendation, int) {
	return interviewAccessible(ctx, engine, a, stdin, os.Stderr)
}
