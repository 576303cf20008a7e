package kvrmw_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/storewise/storewise/analyzers/internal/kvtest"
	"github.com/storewise/storewise/analyzers/kvrmw"
)

// TestIdioms: a retry loop around a read-modify-write, a counter parsed with
// strconv.Atoi and keys built by helpers reading package configuration are reported;
// rollbacks on a failure path and keys whose configuration changes in between are not.
func TestIdioms(t *testing.T) {
	analysistest.Run(t, kvtest.Dir(t), kvrmw.Analyzer, "idioms/rmw", "idioms/silent")
}
