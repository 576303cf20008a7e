package kvapi_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/storewise/storewise/analyzers/internal/kvtest"
	"github.com/storewise/storewise/analyzers/kvapi"
	"github.com/storewise/storewise/analyzers/kvexists"
	"github.com/storewise/storewise/analyzers/kvrmw"
)

// An interface whose implementations in its package are all the same wrapper is that
// wrapper: calls through it, from other packages, are KV operations. Save wrappers keyed
// on a field of the struct they are given, marshalling that pointer, make the caller's
// load → change a field → save a read-modify-write.
func TestInterfaceWrappers(t *testing.T) {
	analysistest.Run(t, kvtest.Dir(t), kvapi.Analyzer, "ifacestore")
	analysistest.Run(t, kvtest.Dir(t), kvexists.Analyzer, "ifaceuse")
	analysistest.Run(t, kvtest.Dir(t), kvrmw.Analyzer, "ifaceuse/rmw")
}
