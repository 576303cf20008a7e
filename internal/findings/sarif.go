package findings

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"
)

// The SARIF 2.1.0 objects kvlint writes (OASIS SARIF v2.1.0, §3). Only the properties
// kvlint has something to say in are declared.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool               sarifTool                        `json:"tool"`
		OriginalURIBaseIDs map[string]sarifArtifactLocation `json:"originalUriBaseIds,omitempty"`
		Results            []sarifResult                    `json:"results"`
		ColumnKind         string                           `json:"columnKind"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		Version        string      `json:"version,omitempty"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string             `json:"id"`
		Name                 string             `json:"name"`
		ShortDescription     sarifMessage       `json:"shortDescription"`
		FullDescription      sarifMessage       `json:"fullDescription"`
		Help                 sarifMessage       `json:"help"`
		HelpURI              string             `json:"helpUri"`
		DefaultConfiguration sarifConfiguration `json:"defaultConfiguration"`
	}
	sarifConfiguration struct {
		Level string `json:"level"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID           string          `json:"ruleId"`
		RuleIndex        int             `json:"ruleIndex"`
		Level            string          `json:"level"`
		Message          sarifMessage    `json:"message"`
		Locations        []sarifLocation `json:"locations"`
		RelatedLocations []sarifLocation `json:"relatedLocations,omitempty"`
		Fixes            []sarifFix      `json:"fixes,omitempty"`
	}
	sarifLocation struct {
		ID               *int                  `json:"id,omitempty"`
		PhysicalLocation sarifPhysicalLocation `json:"physicalLocation"`
		Message          *sarifMessage         `json:"message,omitempty"`
	}
	sarifPhysicalLocation struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Region           sarifRegion           `json:"region"`
	}
	sarifArtifactLocation struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn,omitempty"`
		EndLine     int `json:"endLine,omitempty"`
		EndColumn   int `json:"endColumn,omitempty"`
	}
	sarifFix struct {
		Description     sarifMessage          `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifactLocation `json:"artifactLocation"`
		Replacements     []sarifReplacement    `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion   `json:"deletedRegion"`
		InsertedContent *sarifMessage `json:"insertedContent,omitempty"`
	}
)

const (
	sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json"
	// srcRoot names the directory kvlint ran in: code scanning resolves relative URIs
	// against the repository checkout, so paths under it are written relative.
	srcRoot = "SRCROOT"
	// InformationURI is kvlint's page, in SARIF's tool.driver.
	InformationURI = "https://github.com/storewise/storewise/blob/main/docs/checks.md"
)

// WriteSARIF writes one SARIF 2.1.0 log: a run of the tool kvlint at version, a rule per
// entry of rules (its help the why and the alternatives), a result per finding (prepared:
// sorted, each once), paths relative to wd under the base SRCROOT.
func WriteSARIF(w io.Writer, fs []Finding, rules []Rule, version, wd string) error {
	ruleIndex := map[string]int{}
	sarifRules := []sarifRule{}
	for i, r := range rules {
		ruleIndex[r.Name] = i
		full := r.Short
		if r.Help != "" {
			full += "\n\n" + r.Help
		}
		sarifRules = append(sarifRules, sarifRule{
			ID:                   r.Name,
			Name:                 r.Name,
			ShortDescription:     sarifMessage{Text: r.Short},
			FullDescription:      sarifMessage{Text: full},
			Help:                 sarifMessage{Text: strings.TrimSpace(full + "\n\n" + r.URL)},
			HelpURI:              r.URL,
			DefaultConfiguration: sarifConfiguration{Level: "warning"},
		})
	}
	region := func(pos, end Position) sarifRegion {
		r := sarifRegion{StartLine: pos.Line, StartColumn: pos.Col}
		if end.File != "" && (end.Line > pos.Line || end.Line == pos.Line && end.Col >= pos.Col) {
			r.EndLine, r.EndColumn = end.Line, end.Col
		}
		return r
	}
	results := []sarifResult{}
	for _, f := range fs {
		res := sarifResult{
			RuleID:    f.Analyzer,
			RuleIndex: ruleIndex[f.Analyzer],
			Level:     "warning",
			Message:   sarifMessage{Text: f.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: artifact(f.Pos.File, wd), Region: region(f.Pos, f.End)}}},
		}
		for i, rel := range f.Related {
			n := i + 1
			res.RelatedLocations = append(res.RelatedLocations, sarifLocation{
				ID:               &n,
				PhysicalLocation: sarifPhysicalLocation{ArtifactLocation: artifact(rel.Pos.File, wd), Region: region(rel.Pos, rel.End)},
				Message:          &sarifMessage{Text: rel.Message},
			})
		}
		for _, fix := range f.Fixes {
			sf := sarifFix{Description: sarifMessage{Text: fix.Message}}
			byFile := map[string]int{}
			for _, edit := range fix.Edits {
				ea := artifact(edit.Pos.File, wd)
				i, ok := byFile[ea.URI]
				if !ok {
					i = len(sf.ArtifactChanges)
					byFile[ea.URI] = i
					sf.ArtifactChanges = append(sf.ArtifactChanges, sarifArtifactChange{ArtifactLocation: ea})
				}
				sf.ArtifactChanges[i].Replacements = append(sf.ArtifactChanges[i].Replacements, sarifReplacement{
					DeletedRegion: region(edit.Pos, edit.End), InsertedContent: &sarifMessage{Text: edit.New},
				})
			}
			res.Fixes = append(res.Fixes, sf)
		}
		results = append(results, res)
	}
	run := sarifRun{
		Tool: sarifTool{Driver: sarifDriver{
			Name:           "kvlint",
			Version:        version,
			InformationURI: InformationURI,
			Rules:          sarifRules,
		}},
		Results: results,
		// go/token columns count bytes; for the ASCII of Go code that is the code point.
		ColumnKind: "unicodeCodePoints",
	}
	if wd != "" {
		run.OriginalURIBaseIDs = map[string]sarifArtifactLocation{srcRoot: {URI: fileURI(wd) + "/"}}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(&sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

// artifact locates a file: relative to the directory kvlint ran in when it is inside
// it, an absolute file URI otherwise.
func artifact(filename, wd string) sarifArtifactLocation {
	if rel := Rel(filename, wd); rel != filename || !filepath.IsAbs(filename) {
		return sarifArtifactLocation{URI: (&url.URL{Path: filepath.ToSlash(rel)}).String(), URIBaseID: srcRoot}
	}
	return sarifArtifactLocation{URI: fileURI(filename)}
}

func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x becomes /C:/x
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}
