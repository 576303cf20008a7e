// Command kvlint runs the Workers KV analyzers (kvrmw, kvwriteread, kvexists, kvttl,
// kvhotkey) over Go packages.
//
//	kvlint ./...                       findings as file:line:col: message
//	kvlint -json ./...                 the go vet JSON tree {package: {analyzer: [...]}}
//	go vet -vettool=$(which kvlint) ./...
//	GOOS=js GOARCH=wasm kvlint ./...   code that runs inside a Worker (syumai/workers)
//
// Flags: -kvlint.wrappers names user KV wrappers (see docs/checks.md); -NAME runs only
// analyzer NAME; "kvlint help" lists every flag.
//
// Exit status: 0 no findings; 3 findings (the go/analysis driver convention); 1 a
// package failed to load or analyse; 2 usage error (no packages, unknown flag, bad flag
// value). With -json the status is 0 unless loading fails.
package main

import (
	"fmt"
	"os"

	"golang.org/x/tools/go/analysis/multichecker"

	"github.com/storewise/storewise/analyzers/all"
)

func main() {
	// multichecker exits 1 when no package is named; kvlint's contract reserves 1 for
	// findings-or-failures and uses 2 for usage errors.
	if len(os.Args) == 1 {
		fmt.Fprintln(os.Stderr, "usage: kvlint [flags] packages (e.g. kvlint ./...); kvlint help lists the flags")
		os.Exit(2)
	}
	multichecker.Main(all.Analyzers()...)
}
