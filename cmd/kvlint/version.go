package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
)

// versionString is kvlint's version from its build information: the module version
// (a tag, a pseudo-version, or "(devel)" for a build in a checkout without VCS stamping),
// the commit and its time when the build recorded them, and the Go version.
func versionString() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown) " + runtime.Version()
	}
	v := bi.Main.Version
	if v == "" {
		v = "(devel)"
	}
	var rev, when string
	modified := false
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.time":
			when = s.Value
		case "vcs.modified":
			modified = s.Value == "true"
		}
	}
	var extra []string
	if rev != "" && !strings.Contains(v, rev[:min(12, len(rev))]) {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		extra = append(extra, rev)
	}
	if when != "" && rev != "" {
		extra = append(extra, when)
	}
	if modified && !strings.HasSuffix(v, "+dirty") {
		extra = append(extra, "modified")
	}
	if len(extra) > 0 {
		v += " (" + strings.Join(extra, ", ") + ")"
	}
	return v + " " + bi.GoVersion
}

// vetVersion answers go vet's -V=full. The go command takes a line "NAME version devel
// ... buildID=ID" and keys its cache of vet results on ID, so the ID is a hash of the
// executable: a rebuilt kvlint is never mistaken for the old one, whatever its version.
func vetVersion() string {
	id := "unknown"
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			h := sha256.New()
			if _, err := io.Copy(h, f); err == nil {
				id = fmt.Sprintf("%x", h.Sum(nil))
			}
			f.Close()
		}
	}
	return fmt.Sprintf("kvlint version devel %s buildID=%s", versionString(), id)
}
