// Package worker is built for a Worker: it imports syscall/js, which the go command
// offers only for GOOS=js.
package worker

import "syscall/js"

// Global is here so that the import is used.
func Global() js.Value { return js.Global() }
