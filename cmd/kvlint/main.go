// Command kvlint runs the Workers KV analyzers (kvrmw, kvwriteread, kvexists, kvttl,
// kvhotkey) over Go packages.
//
//	kvlint ./...                       findings as file:line:col: message
//	kvlint -json ./...                 the go vet JSON tree {package: {analyzer: [...]}}
//	kvlint -format sarif ./...         SARIF 2.1.0 for code scanning
//	kvlint -fix ./...                  apply the suggested fixes (-diff shows them instead)
//	go vet -vettool=$(which kvlint) ./...
//	GOOS=js GOARCH=wasm kvlint ./...   code that runs inside a Worker (syumai/workers)
//
// Flags: -format text|json|sarif (-format json is -json); -kvlint.wrappers names user KV
// wrappers (see docs/checks.md); -NAME runs only analyzer NAME; "kvlint help" lists
// every flag.
//
// Exit status: 0 no findings; 3 findings (the go/analysis driver convention); 1 a
// package failed to load or analyse, or a fix could not be applied; 2 usage error (no
// packages, unknown flag, bad flag value). With -json, -format sarif and -fix the status
// is 0 unless loading or analysis fails: the findings are in the output (or applied).
//
// Text, -json, -fix and the go vet protocol are the stock multichecker (which hands a
// single *.cfg argument, -V=full and -flags to unitchecker, as go vet expects). SARIF
// is written by this command on golang.org/x/tools/go/analysis/checker, because the
// stock drivers print only text and the vet JSON tree.
package main

import (
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"

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
	format, args, err := takeFormat(os.Args[1:])
	if err != nil {
		fmt.Fprintln(os.Stderr, "kvlint:", err)
		os.Exit(2)
	}
	switch format {
	case "sarif":
		os.Exit(runSARIF(args, os.Stdout, os.Stderr))
	case "json":
		args = append([]string{"-json"}, args...)
	}
	os.Args = append(os.Args[:1], args...)
	// Registered so that "kvlint help" lists it (its value was taken above), but not
	// announced to go vet through -flags: under go vet the output is go vet's.
	if !slices.Contains(args, "-flags") {
		flag.String("format", "text", "output format: text, json (the go vet JSON tree, as -json) or sarif (SARIF 2.1.0)")
	}
	multichecker.Main(all.Analyzers()...)
}

// takeFormat removes -format VALUE (or -format=VALUE, with one or two dashes) from the
// command line and returns its value, "text" when absent.
func takeFormat(args []string) (string, []string, error) {
	format := "text"
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i:]...)
			break
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		if !strings.HasPrefix(a, "-") || name != "format" {
			rest = append(rest, a)
			continue
		}
		if !hasValue {
			if i+1 >= len(args) {
				return "", nil, fmt.Errorf("-format needs a value: text, json or sarif")
			}
			i++
			value = args[i]
		}
		format = value
	}
	switch format {
	case "text", "json", "sarif":
		return format, rest, nil
	}
	return "", nil, fmt.Errorf("unknown -format %q: want text, json or sarif", format)
}
