package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"

	"github.com/storewise/storewise/internal/findings"
	"github.com/storewise/storewise/kvts"
)

// lintWorkers runs the TypeScript and JavaScript checks (package kvts) over the Worker
// projects of the command line, and returns their findings in the Go driver's shape:
// absolute positions with byte offsets (what -fix edits), each under its project
// directory as the "package" of the JSON tree. Only the analyzers selected by -NAME flags
// report. The status is 2 when a project's Wrangler configuration cannot be read (bad
// input: the output would be wrong without its bindings), 1 when a project cannot be read.
func lintWorkers(dirs []string, opts *options, stderr io.Writer) ([]findings.Finding, int) {
	want := map[string]bool{"kvlint": true}
	for _, a := range opts.analyzers {
		want[a.Name] = true
	}
	var out []findings.Finding
	status := 0
	for _, dir := range dirs {
		abs, err := filepath.Abs(dir)
		if err != nil {
			fmt.Fprintln(stderr, "kvlint:", err)
			status = max(status, 1)
			continue
		}
		res, err := kvts.Lint(context.Background(), dir, kvts.Options{Base: abs})
		if err != nil {
			fmt.Fprintln(stderr, "kvlint:", err)
			var ce *kvts.ConfigError
			if errors.As(err, &ce) {
				return nil, 2
			}
			status = max(status, 1)
			continue
		}
		for _, s := range res.Skipped {
			fmt.Fprintln(stderr, "kvlint: skipped", s)
		}
		for _, f := range res.Findings {
			if want[f.Analyzer] {
				out = append(out, convertWorker(dir, abs, f))
			}
		}
	}
	return out, status
}

// convertWorker turns a kvts finding (files relative to the project) into the driver's.
func convertWorker(dir, abs string, f kvts.Finding) findings.Finding {
	file := func(name string) string { return filepath.Join(abs, filepath.FromSlash(name)) }
	out := findings.Finding{
		Package:  filepath.Clean(dir),
		Analyzer: f.Analyzer,
		Pos:      findings.Position{File: file(f.File), Line: f.Line, Col: f.Col, Offset: f.Offset},
		Message:  f.Message,
	}
	for _, r := range f.Related {
		out.Related = append(out.Related, findings.Related{
			Pos:     findings.Position{File: file(r.File), Line: r.Line, Col: r.Col, Offset: r.Offset},
			Message: r.Message,
		})
	}
	for _, fx := range f.Fixes {
		fix := findings.Fix{Message: fx.Message}
		for _, e := range fx.Edits {
			fix.Edits = append(fix.Edits, findings.Edit{
				Pos: findings.Position{File: file(e.File), Line: e.Line, Col: e.Col, Offset: e.Start},
				End: findings.Position{File: file(e.File), Line: e.EndLine, Col: e.EndCol, Offset: e.End},
				New: e.New,
			})
		}
		out.Fixes = append(out.Fixes, fix)
	}
	return out
}
