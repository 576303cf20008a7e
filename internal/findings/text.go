package findings

import (
	"fmt"
	"io"
)

// WriteText writes each finding as staticcheck does, its analyzer at the end (the name
// that //kvlint:ignore and `kvlint help` take), its related places indented below it:
//
//	cfv0/admin.go:19:34: read-modify-write of KV key "visits": … (kvrmw)
//		cfv0/admin.go:14:28: the value is read here
//
// Paths are relative to wd when inside it.
func WriteText(w io.Writer, fs []Finding, wd string) error {
	for _, f := range fs {
		if _, err := fmt.Fprintf(w, "%s: %s (%s)\n", posn(f.Pos, wd), f.Message, f.Analyzer); err != nil {
			return err
		}
		for _, r := range f.Related {
			if _, err := fmt.Fprintf(w, "\t%s: %s\n", posn(r.Pos, wd), r.Message); err != nil {
				return err
			}
		}
	}
	return nil
}

func posn(p Position, wd string) string {
	return fmt.Sprintf("%s:%d:%d", Rel(p.File, wd), p.Line, p.Col)
}
