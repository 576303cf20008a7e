// Package kvtest locates the shared analysistest tree: one copy of the client stubs
// under analyzers/testdata/src serves every pass.
package kvtest

import (
	"path/filepath"
	"runtime"
	"testing"
)

// Dir returns the absolute path of analyzers/testdata.
func Dir(t testing.TB) string {
	_, file, _, ok := runtime.Caller(0)
	if !ok {
		t.Fatal("cannot locate the testdata directory")
	}
	return filepath.Join(filepath.Dir(file), "..", "..", "testdata")
}
