package findings

import (
	"bytes"
	"cmp"
	"fmt"
	"go/format"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Fixed is what ApplyFixes made of the findings: the new contents of each changed file,
// the findings whose fix is in them, and the findings left as they were (no fix, or a fix
// that collides with one applied before it: run kvlint -fix again for those).
type Fixed struct {
	Files      map[string][]byte // absolute path → new contents
	Applied    []Finding
	NoFix      []Finding
	Conflicted []Finding
}

// ApplyFixes applies the first fix of each finding (prepared: a finding and its test
// variant's repeat count once), in order, skipping a fix whose edits overlap an applied
// one's; identical edits (two findings fixing the same constant) merge. Go files are
// gofmt'ed after the edits. Nothing is written: see WriteFiles and Diff.
func ApplyFixes(fs []Finding) (*Fixed, error) {
	res := &Fixed{Files: map[string][]byte{}}
	edits := map[string][]Edit{} // accepted edits by file
	for _, f := range fs {
		if len(f.Fixes) == 0 {
			res.NoFix = append(res.NoFix, f)
			continue
		}
		var add []Edit
		conflict := false
		for _, e := range f.Fixes[0].Edits {
			if e.End.Offset < e.Pos.Offset {
				conflict = true
				break
			}
			dup := false
			for _, a := range append(edits[e.Pos.File], add...) {
				if a.Pos.File != e.Pos.File {
					continue
				}
				if a.Pos.Offset == e.Pos.Offset && a.End.Offset == e.End.Offset && a.New == e.New {
					dup = true
					break
				}
				if overlap(a, e) {
					conflict = true
				}
			}
			if !dup {
				add = append(add, e)
			}
		}
		if conflict {
			res.Conflicted = append(res.Conflicted, f)
			continue
		}
		for _, e := range add {
			edits[e.Pos.File] = append(edits[e.Pos.File], e)
		}
		res.Applied = append(res.Applied, f)
	}
	for file, es := range edits {
		src, err := os.ReadFile(file)
		if err != nil {
			return nil, fmt.Errorf("applying fixes: %w", err)
		}
		slices.SortFunc(es, func(a, b Edit) int {
			return cmp.Or(cmp.Compare(a.Pos.Offset, b.Pos.Offset), cmp.Compare(a.End.Offset, b.End.Offset))
		})
		var out bytes.Buffer
		last := 0
		for _, e := range es {
			if e.Pos.Offset < last || e.End.Offset > len(src) {
				return nil, fmt.Errorf("applying fixes to %s: an edit at byte %d lies outside the file (has it changed since it was analysed?)", file, e.Pos.Offset)
			}
			out.Write(src[last:e.Pos.Offset])
			out.WriteString(e.New)
			last = e.End.Offset
		}
		out.Write(src[last:])
		data := out.Bytes()
		if strings.HasSuffix(file, ".go") {
			formatted, err := format.Source(data)
			if err != nil {
				return nil, fmt.Errorf("applying fixes to %s: the result does not parse: %w", file, err)
			}
			data = formatted
		}
		res.Files[file] = data
	}
	return res, nil
}

// overlap reports whether two edits of one file touch the same bytes, or insert at the
// same place (whose order would be a guess).
func overlap(a, b Edit) bool {
	if a.Pos.Offset == a.End.Offset || b.Pos.Offset == b.End.Offset {
		return a.Pos.Offset <= b.End.Offset && b.Pos.Offset <= a.End.Offset
	}
	return a.Pos.Offset < b.End.Offset && b.Pos.Offset < a.End.Offset
}

// WriteFiles writes each changed file atomically (a temporary file in its directory,
// renamed over it), keeping its permissions.
func (r *Fixed) WriteFiles() error {
	for _, file := range sortedKeys(r.Files) {
		info, err := os.Stat(file)
		if err != nil {
			return err
		}
		tmp, err := os.CreateTemp(filepath.Dir(file), "."+filepath.Base(file)+".kvlint-*")
		if err != nil {
			return fmt.Errorf("writing %s: %w", file, err)
		}
		_, werr := tmp.Write(r.Files[file])
		cerr := tmp.Close()
		if err := cmp.Or(werr, cerr, os.Chmod(tmp.Name(), info.Mode().Perm())); err != nil {
			os.Remove(tmp.Name())
			return fmt.Errorf("writing %s: %w", file, err)
		}
		if err := os.Rename(tmp.Name(), file); err != nil {
			os.Remove(tmp.Name())
			return fmt.Errorf("writing %s: %w", file, err)
		}
	}
	return nil
}

func sortedKeys(m map[string][]byte) []string {
	return slices.Sorted(maps.Keys(m))
}

// Diff writes the changes as a unified diff (paths relative to wd), for -diff.
func (r *Fixed) Diff(wd string) (string, error) {
	var b strings.Builder
	for _, file := range sortedKeys(r.Files) {
		old, err := os.ReadFile(file)
		if err != nil {
			return "", err
		}
		name := filepath.ToSlash(Rel(file, wd))
		b.WriteString(unified("a/"+name, "b/"+name, string(old), string(r.Files[file])))
	}
	return b.String(), nil
}
