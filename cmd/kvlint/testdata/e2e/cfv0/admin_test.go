package cfv0

import "testing"

// A test file gives the package a test variant ("cfv0 [cfv0.test]"), which compiles
// admin.go again: kvlint must still report each of its findings once.
func TestNothing(t *testing.T) {}
