package kvrmw_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/storewise/storewise/analyzers/internal/kvtest"
	"github.com/storewise/storewise/analyzers/kvrmw"
)

// TestClosures: a goroutine, a deferred closure or a callback somewhere in a function
// does not hide a read-modify-write; a closure called in between that changes the key
// does.
func TestClosures(t *testing.T) {
	analysistest.Run(t, kvtest.Dir(t), kvrmw.Analyzer, "closures")
}
