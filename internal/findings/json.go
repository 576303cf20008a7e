package findings

import (
	"encoding/json"
	"io"
)

// The go vet JSON tree (golang.org/x/tools/go/analysis, `go vet -json`):
// {package: {analyzer: [diagnostic...] | {"error": "..."}}}. kvlint adds to each
// diagnostic why the finding matters and what to do instead (the first paragraph of
// `kvlint help NAME`) and its documentation URL; readers of the standard tree ignore fields they do not know.
type (
	jsonDiagnostic struct {
		Category       string        `json:"category,omitempty"`
		Posn           string        `json:"posn"`
		End            string        `json:"end"`
		Message        string        `json:"message"`
		SuggestedFixes []jsonFix     `json:"suggested_fixes,omitempty"`
		Related        []jsonRelated `json:"related,omitempty"`
		Why            string        `json:"why,omitempty"`
		URL            string        `json:"url,omitempty"`
	}
	jsonFix struct {
		Message string     `json:"message"`
		Edits   []jsonEdit `json:"edits"`
	}
	jsonEdit struct {
		Filename string `json:"filename"`
		Start    int    `json:"start"`
		End      int    `json:"end"`
		New      string `json:"new"`
	}
	jsonRelated struct {
		Posn    string `json:"posn"`
		End     string `json:"end"`
		Message string `json:"message"`
	}
	jsonError struct {
		Err string `json:"error"`
	}
)

// WriteJSON writes the go vet JSON tree of fs (prepared: each finding once) and errs.
// Positions are absolute FILE:LINE:COL, as go vet writes them.
func WriteJSON(w io.Writer, fs []Finding, errs []Error, rules []Rule) error {
	byName := map[string]Rule{}
	for _, r := range rules {
		byName[r.Name] = r
	}
	tree := map[string]map[string]any{}
	add := func(pkg, analyzer string) map[string]any {
		m := tree[pkg]
		if m == nil {
			m = map[string]any{}
			tree[pkg] = m
		}
		return m
	}
	for _, e := range errs {
		add(e.Package, e.Analyzer)[e.Analyzer] = jsonError{e.Err}
	}
	for _, f := range fs {
		m := add(f.Package, f.Analyzer)
		if _, failed := m[f.Analyzer].(jsonError); failed {
			continue
		}
		d := jsonDiagnostic{
			Posn:    f.Pos.String(),
			End:     endOr(f.End, f.Pos).String(),
			Message: f.Message,
			Why:     byName[f.Analyzer].Why,
			URL:     byName[f.Analyzer].URL,
		}
		for _, r := range f.Related {
			d.Related = append(d.Related, jsonRelated{Posn: r.Pos.String(), End: endOr(r.End, r.Pos).String(), Message: r.Message})
		}
		for _, fix := range f.Fixes {
			jf := jsonFix{Message: fix.Message, Edits: []jsonEdit{}}
			for _, e := range fix.Edits {
				jf.Edits = append(jf.Edits, jsonEdit{Filename: e.Pos.File, Start: e.Pos.Offset, End: e.End.Offset, New: e.New})
			}
			d.SuggestedFixes = append(d.SuggestedFixes, jf)
		}
		list, _ := m[f.Analyzer].([]jsonDiagnostic)
		m[f.Analyzer] = append(list, d)
	}
	data, err := json.MarshalIndent(tree, "", "\t")
	if err != nil {
		return err
	}
	_, err = w.Write(append(data, '\n'))
	return err
}

func endOr(end, pos Position) Position {
	if end.File == "" {
		return pos
	}
	return end
}
