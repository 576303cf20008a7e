package kvwriteread_test

import (
	"testing"

	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/storewise/storewise/analyzers/internal/kvtest"
	"github.com/storewise/storewise/analyzers/kvwriteread"
)

func TestKVWriteRead(t *testing.T) {
	analysistest.Run(t, kvtest.Dir(t), kvwriteread.Analyzer, "writeread")
}

// The key identity rules, one function per rule.
func TestKeyIdentity(t *testing.T) {
	analysistest.Run(t, kvtest.Dir(t), kvwriteread.Analyzer, "identity")
}

// The suggested fix uses the value just written, only where it is certainly the same.
func TestSuggestedFix(t *testing.T) {
	analysistest.RunWithSuggestedFixes(t, kvtest.Dir(t), kvwriteread.Analyzer, "writereadfix")
}
