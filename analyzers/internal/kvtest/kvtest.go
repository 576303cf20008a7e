// Package kvtest locates the shared analysistest tree: one copy of the client stubs
// under analyzers/testdata/src serves every pass.
package kvtest

import (
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"
)

// Dir returns the absolute path of analyzers/testdata.
func Dir(t testing.TB) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the testdata directory")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata")
}

// Except passes analysistest's complaints on to t, except those that contain skip.
// Testdata shared by two analyzers holds "// want" comments for both: kvhotkey's findings
// beside the facts "waits" that internal/effects exports, each checked by its own test.
func Except(t *testing.T, skip string) analysistest.Testing { return except{t, skip} }

type except struct {
	*testing.T
	skip string
}

func (t except) Errorf(format string, args ...any) {
	if msg := fmt.Sprintf(format, args...); !strings.Contains(msg, t.skip) {
		t.T.Errorf("%s", msg)
	}
}
