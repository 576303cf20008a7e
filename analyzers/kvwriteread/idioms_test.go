package kvwriteread_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/storewise/storewise/analyzers/internal/kvtest"
	"github.com/storewise/storewise/analyzers/kvwriteread"
)

// TestIdioms: retries of a failed write and rollbacks on a failure path read nothing back.
func TestIdioms(t *testing.T) {
	analysistest.Run(t, kvtest.Dir(t), kvwriteread.Analyzer, "idioms/silent")
}
