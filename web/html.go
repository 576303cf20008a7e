package web

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/storewise/storewise/matrix"
	"github.com/storewise/storewise/rules"
)

// HTMLOptions is what the report shows beyond the recommendation itself.
type HTMLOptions struct {
	// Version is the Storewise release that wrote the report.
	Version string
	// Date is the report's date; the zero time means ReportDate().
	Date time.Time
}

// ReportDate is the date a report carries: SOURCE_DATE_EPOCH (seconds since 1970, the
// reproducible-builds convention) when set, so the same input gives the same file, else now.
func ReportDate() (time.Time, error) {
	s, ok := os.LookupEnv("SOURCE_DATE_EPOCH")
	if !ok || s == "" {
		return time.Now().UTC(), nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH=%q: not a number of seconds", s)
	}
	return time.Unix(n, 0).UTC(), nil
}

//go:embed report.html.tmpl
var reportTemplate string

//go:embed report.css
var reportCSS string

var htmlTemplate = template.Must(template.New("report").Parse(reportTemplate))

// HTML writes the recommendation as one self-contained HTML page for a design review:
// embedded CSS, inline SVG charts, no script, and a Content-Security-Policy that forbids
// loading anything from anywhere, so the file can be attached to a pull request or a wiki
// and opened offline. The same recommendation and options give the same bytes.
func HTML(w io.Writer, r *rules.Recommendation, opts HTMLOptions) error {
	if opts.Date.IsZero() {
		d, err := ReportDate()
		if err != nil {
			return err
		}
		opts.Date = d
	}
	v := buildView(r, opts)
	var buf bytes.Buffer
	if err := htmlTemplate.Execute(&buf, v); err != nil {
		return fmt.Errorf("rendering the HTML report: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// The view types hold exactly what the template prints, computed in Go so the template
// stays free of arithmetic and every list has a fixed order.
type view struct {
	CSS      template.CSS
	Workload string
	Version  string
	DateISO  string
	DateText string
	// Considered names the products weighed, for the header.
	Considered string
	Verdict    string
	Summary    string
	// Contradiction is the scanned code's disagreement with the answers, beside the verdict.
	Contradiction string
	Pattern       *viewPattern
	Bars          []viewBar
	Columns       []viewColumn
	AnyOut        bool // some product is eliminated
	Rows          []viewRow
	Totals        []viewTotal
	Footnotes     []viewFootnote
	Why           []viewReasons
	RunnerUp      *viewGaps
	Eliminated    []viewEliminated
	Costs         []viewCost
	CostNote      string
	TTL           *rules.TTL
	TTLSummary    string
	Flips         []string
	Findings      []viewFinding
	Warnings      []string
	Assumption    []string
	Answers       []viewAnswer
	Sources       []viewSource
}

type viewPattern struct {
	Name, Text string
	Cite       int
	Cost       string
	Diagram    *diagram
}

type viewBar struct {
	Name       string
	Score      int
	Width      int // of 100
	Pick       bool
	Eliminated bool
	Reason     string
	Cite       int
}

type viewColumn struct {
	Name       string
	Eliminated bool
}

type viewRow struct {
	Dimension string
	Cells     []viewCell
}

type viewCell struct {
	Column     string // the product, labelling the cell when the table stacks on a phone
	Points     string
	Class      string // pos, neg or none
	Title      string // the reasons, shown on hover
	Notes      []int  // the numbers of its reasons in the notes under the table, linked
	Eliminated bool
}

type viewTotal struct {
	Column     string
	Text       string
	Eliminated bool
}

type viewFootnote struct {
	N    int
	Text string
	Cite int
}

type viewReasons struct {
	ID, Title string
	Reasons   []viewReason
}

type viewReason struct {
	Dimension, Points, Class, Text string
	Cite                           int
}

type viewGaps struct {
	ID, Title, Intro, Leads string
	Pick, RunnerUp          string // the products' names, for the column heads
	Rows                    []viewGap
}

type viewGap struct {
	Dimension      string
	Pick, RunnerUp int
	Gap            string
	Reasons        []viewReason
}

type viewEliminated struct {
	Name, Dimension, Text string
	Cite                  int
}

type viewCost struct {
	Name     string
	USD      string
	Width    float64 // of 100
	Lines    []string
	Excludes string
	Pick     bool
	Out      bool // eliminated: its cost is beside the point
}

type viewFinding struct {
	Analyzer, Place, Message, Code string
}

type viewAnswer struct {
	Field, Question, Value string
	Given                  bool
}

type viewSource struct {
	N    int
	Text string
	URL  string // empty when the source is a section of the seed, not a link
}

func buildView(r *rules.Recommendation, opts HTMLOptions) view {
	var src Sources
	v := view{
		CSS:           template.CSS(reportCSS),
		Workload:      oneLine(r.Workload),
		Version:       opts.Version,
		DateISO:       opts.Date.Format("2006-01-02"),
		DateText:      opts.Date.Format("2 January 2006"),
		Verdict:       Verdict(r),
		Considered:    strings.Join(considered(r), ", "),
		Flips:         []string{},
		Warnings:      otherWarnings(r),
		Contradiction: r.Contradiction,
		Assumption:    slices.Clone(r.Assumptions),
	}
	if v.Workload == "" {
		v.Workload = "unnamed workload"
	}
	v.Summary = Summary(r)
	if r.Pattern != nil {
		v.Pattern = &viewPattern{Name: r.Pattern.Name, Text: r.Pattern.Text, Cite: src.Cite(r.Pattern.Source), Cost: PatternCost(r), Diagram: newDiagram(r)}
	}

	// Citations are numbered in the order a reader meets them: ranking, table footnotes,
	// reasons, so the numbers in the sources list rise down the page.
	for _, e := range r.Ranking {
		b := viewBar{Name: e.Name, Score: e.Score, Width: min(max(e.Score, 0), 100), Pick: e.Product == r.Primary, Eliminated: e.Eliminated}
		if e.Eliminated && len(e.Reasons) > 0 {
			b.Reason, b.Cite = e.Reasons[0].Text, src.Cite(e.Reasons[0].Source)
			b.Width = 0
		}
		v.Bars = append(v.Bars, b)
	}

	dims := tableDimensions(r)
	for _, e := range r.Ranking {
		v.Columns = append(v.Columns, viewColumn{Name: e.Name, Eliminated: e.Eliminated})
		v.AnyOut = v.AnyOut || e.Eliminated
		t := viewTotal{Column: e.Name, Text: strconv.Itoa(e.Score), Eliminated: e.Eliminated}
		if e.Eliminated {
			t.Text = "out"
		}
		v.Totals = append(v.Totals, t)
	}
	for _, dim := range dims {
		row := viewRow{Dimension: DimensionTitle(dim)}
		for _, e := range r.Ranking {
			cell := viewCell{Column: e.Name, Class: "none", Eliminated: e.Eliminated, Points: "·"}
			var texts []string
			for _, x := range scoredReasons(e) {
				if x.Dimension == dim {
					texts = append(texts, fmt.Sprintf("%s: %s", Signed(x.Points), x.Text))
					fn := viewFootnote{N: len(v.Footnotes) + 1, Text: fmt.Sprintf("%s, %s, %s: %s", e.Name, DimensionTitle(dim), Signed(x.Points), x.Text), Cite: src.Cite(x.Source)}
					cell.Notes = append(cell.Notes, fn.N)
					v.Footnotes = append(v.Footnotes, fn)
				}
			}
			if len(texts) > 0 {
				p := e.Points[dim]
				cell.Points, cell.Title = Signed(p), strings.Join(texts, "\n")
				switch {
				case p > 0:
					cell.Class = "pos"
				case p < 0:
					cell.Class = "neg"
				default:
					cell.Class = "zero"
				}
			}
			row.Cells = append(row.Cells, cell)
		}
		v.Rows = append(v.Rows, row)
	}

	for _, id := range []string{r.Primary} {
		e, ok := Entry(r, id)
		if !ok || e.Eliminated {
			continue
		}
		rs := viewReasons{ID: "why-" + e.Product, Title: "Why " + e.Name}
		for _, x := range e.Reasons {
			class := "pos"
			if x.Points < 0 {
				class = "neg"
			}
			rs.Reasons = append(rs.Reasons, viewReason{Dimension: DimensionTitle(x.Dimension), Points: Signed(x.Points), Class: class, Text: x.Text, Cite: src.Cite(x.Source)})
		}
		v.Why = append(v.Why, rs)
	}
	// The runner-up: where and by how much it falls short of the pick, cited after the
	// pick's reasons, in the order a reader meets them.
	if ru, ok := Entry(r, r.RunnerUp); ok && !ru.Eliminated {
		pick, _ := Entry(r, r.Primary)
		behind, ahead := RunnerUpGaps(r)
		g := &viewGaps{ID: "why-not-" + ru.Product, Title: "Why not " + ru.Name + " (runner-up)", Pick: pick.Name, RunnerUp: ru.Name, Leads: GapLeads(r, ahead)}
		if len(behind) > 0 {
			g.Intro = GapIntro(r)
		}
		for _, x := range behind {
			row := viewGap{Dimension: DimensionTitle(x.Dimension), Pick: x.Pick, RunnerUp: x.RunnerUp, Gap: Signed(x.RunnerUp - x.Pick)}
			for _, rs := range x.Reasons {
				row.Reasons = append(row.Reasons, viewReason{Text: rs.Text, Cite: src.Cite(rs.Source)})
			}
			g.Rows = append(g.Rows, row)
		}
		v.RunnerUp = g
	}
	for _, e := range eliminated(r) {
		for _, x := range e.Reasons {
			v.Eliminated = append(v.Eliminated, viewEliminated{Name: e.Name, Dimension: DimensionTitle(x.Dimension), Text: x.Text, Cite: src.Cite(x.Source)})
		}
	}

	most := 0.0
	for _, c := range r.Cost {
		most = max(most, c.MonthlyUSD)
	}
	for _, c := range r.Cost {
		vc := viewCost{Name: Name(r, c.Product), USD: USD(c.MonthlyUSD), Lines: c.Lines, Excludes: c.Excludes, Pick: c.Product == r.Primary}
		if e, ok := Entry(r, c.Product); ok {
			vc.Out = e.Eliminated
		}
		if most > 0 {
			// A thin bar for a small but non-zero cost, so it does not read as free.
			vc.Width = math.Round(c.MonthlyUSD/most*1000) / 10
			if c.MonthlyUSD > 0 {
				vc.Width = max(vc.Width, 0.5)
			}
		}
		v.Costs = append(v.Costs, vc)
	}

	if r.TTL != nil {
		v.TTL, v.TTLSummary = r.TTL, TTLSummary(r.TTL)
	}
	for _, f := range r.Flips {
		v.Flips = append(v.Flips, f.Text)
	}
	for _, f := range r.Findings {
		place := f.File
		if f.Line > 0 {
			place += ":" + strconv.Itoa(f.Line)
			if f.Column > 0 {
				place += ":" + strconv.Itoa(f.Column)
			}
		}
		v.Findings = append(v.Findings, viewFinding{Analyzer: f.Analyzer, Place: place, Message: f.Message, Code: strings.TrimRight(f.Code, "\n")})
	}
	if r.Answers != nil {
		for _, q := range matrix.MustLoad().Questions {
			v.Answers = append(v.Answers, viewAnswer{Field: q.Field, Question: q.Title, Value: r.Answers.Text(q.Field), Given: r.Answers.Given[q.Field]})
		}
	}
	for i, s := range src.List() {
		vs := viewSource{N: i + 1, Text: s}
		if IsURL(s) {
			vs.URL = s
		}
		v.Sources = append(v.Sources, vs)
	}
	return v
}

// scoredReasons are the points a product earned, kept for an eliminated one too.
func scoredReasons(e rules.Ranked) []rules.Reason {
	if e.Eliminated {
		return e.Scored
	}
	return e.Reasons
}

// tableDimensions lists the dimensions any product scored on, in the recommendation's
// order (the policy's order of concerns); a recommendation without one (built by hand)
// takes the order in which the reasons first name them.
func tableDimensions(r *rules.Recommendation) []string {
	var found []string
	for _, e := range r.Ranking {
		for _, x := range scoredReasons(e) {
			if !slices.Contains(found, x.Dimension) {
				found = append(found, x.Dimension)
			}
		}
	}
	var dims []string
	for _, d := range r.Dimensions {
		if slices.Contains(found, d) {
			dims = append(dims, d)
		}
	}
	for _, d := range found {
		if !slices.Contains(dims, d) {
			dims = append(dims, d)
		}
	}
	return dims
}
