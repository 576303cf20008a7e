package web

import (
	"io"
	"time"

	"github.com/storewise/storewise/rules"
)

// ADROptions is what the decision record shows beyond the recommendation.
type ADROptions struct {
	Version string
	Date    time.Time
}

// ADR writes the decision as an Architecture Decision Record in the MADR layout.
func ADR(w io.Writer, r *rules.Recommendation, opts ADROptions) error { return nil }
