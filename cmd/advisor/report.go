package main

import (
	"io"

	"github.com/storewise/storewise/rules"
	"github.com/storewise/storewise/web"
)

// renderHTML writes the static report. Its date comes from SOURCE_DATE_EPOCH when set, so
// a CI job that regenerates the report gets the same bytes for the same answers.
func renderHTML(w io.Writer, rec *rules.Recommendation) error {
	date, err := web.ReportDate()
	if err != nil {
		return err
	}
	return web.HTML(w, rec, web.HTMLOptions{Version: version, Date: date})
}

// renderADR writes the decision as an Architecture Decision Record (MADR layout).
func renderADR(w io.Writer, rec *rules.Recommendation) error {
	date, err := web.ReportDate()
	if err != nil {
		return err
	}
	return web.ADR(w, rec, web.ADROptions{Version: version, Date: date})
}
