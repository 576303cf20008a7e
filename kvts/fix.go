package kvts

import (
	"bytes"
	"cmp"
	"fmt"
	"os"
	"path/filepath"
	"slices"
)

// ApplyFixes applies the first suggested fix of each finding to the files, which are
// named relative to base (the Options.Base of the run). Each file is rewritten atomically
// (a temporary file renamed over it); a file changed since the run (an edit that no longer
// matches the text it replaces) or overlapping edits fail without writing that file.
func ApplyFixes(base string, findings []Finding, original map[string][]byte) (int, error) {
	byFile := map[string][]Edit{}
	for _, f := range findings {
		if len(f.Fixes) == 0 {
			continue
		}
		for _, e := range f.Fixes[0].Edits {
			byFile[e.File] = append(byFile[e.File], e)
		}
	}
	files := make([]string, 0, len(byFile))
	for f := range byFile {
		files = append(files, f)
	}
	slices.Sort(files)
	applied := 0
	for _, name := range files {
		path := name
		if !filepath.IsAbs(path) {
			path = filepath.Join(base, filepath.FromSlash(name))
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return applied, fmt.Errorf("-fix: %w", err)
		}
		if orig, ok := original[name]; ok && !bytes.Equal(orig, src) {
			return applied, fmt.Errorf("-fix: %s changed since it was analysed; run kvlint again", name)
		}
		edits := byFile[name]
		slices.SortFunc(edits, func(a, b Edit) int { return cmp.Compare(a.Start, b.Start) })
		edits = slices.CompactFunc(edits, func(a, b Edit) bool { return a == b })
		out := make([]byte, 0, len(src))
		last := 0
		for _, e := range edits {
			if e.Start < last || e.End > len(src) || e.Start > e.End {
				return applied, fmt.Errorf("-fix: %s: overlapping or stale edits at line %d", name, e.Line)
			}
			out = append(out, src[last:e.Start]...)
			out = append(out, e.New...)
			last = e.End
		}
		out = append(out, src[last:]...)
		if err := writeAtomic(path, out); err != nil {
			return applied, fmt.Errorf("-fix: %w", err)
		}
		applied += len(edits)
	}
	return applied, nil
}

func writeAtomic(path string, data []byte) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".kvlint-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(info.Mode().Perm()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
