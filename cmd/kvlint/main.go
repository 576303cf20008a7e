// Command kvlint runs the Workers KV analyzers (kvrmw, kvwriteread, kvexists, kvttl,
// kvhotkey) over Go packages, and over Worker projects written in TypeScript and
// JavaScript (package kvts).
//
//	kvlint ./...                       findings as file:line:col: message (analyzer)
//	kvlint DIR                         a Worker project (wrangler.toml, .json, .jsonc or package.json, no go.mod)
//	kvlint -json ./...                 the go vet JSON tree {package: {analyzer: [...]}}
//	kvlint -format sarif ./...         SARIF 2.1.0 for code scanning
//	kvlint -fix ./...                  apply the suggested fixes (-diff shows them instead)
//	kvlint help [NAME]                 the checks; what one means and what to do
//	go vet -vettool=$(which kvlint) ./...
//	GOOS=js GOARCH=wasm kvlint ./...   code that runs inside a Worker (syumai/workers)
//
// Exit status: 0 no findings; 3 findings (the go/analysis driver convention); 1 a
// package failed to load or analyse, or a fix could not be applied; 2 usage error (no
// packages, unknown flag, bad flag value). With -json, -format sarif and -fix the status
// is 0 unless loading or analysis fails: the findings are in the output (or applied).
//
// The command is its own driver on golang.org/x/tools/go/analysis/checker: it collects
// the findings into internal/findings' plain list, sorts them, drops the repeats of test
// variants and writes text, JSON or SARIF. go vet's protocol (a single *.cfg argument,
// -flags) is handed to unitchecker; -V=full is answered here with the real version.
package main

import (
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"golang.org/x/tools/go/analysis/unitchecker"

	"github.com/storewise/storewise/analyzers/all"
)

func main() {
	args := os.Args[1:]
	if slices.ContainsFunc(args, func(a string) bool { return a == "-V=full" || a == "--V=full" }) {
		// go vet asks for this to key its cache on the tool's build.
		fmt.Println(vetVersion())
		os.Exit(0)
	}
	if vetProtocol(args) {
		unitchecker.Main(all.Analyzers()...) // does not return
	}
	os.Exit(cli(args, os.Stdout, os.Stderr))
}

// vetProtocol reports whether go vet is calling: with a *.cfg file describing a package
// last (after flags such as -json, which go vet passes for dependencies), or asking which
// flags kvlint takes.
func vetProtocol(args []string) bool {
	if len(args) > 0 && strings.HasSuffix(args[len(args)-1], ".cfg") {
		return true
	}
	return slices.Contains(args, "-flags") || slices.Contains(args, "--flags")
}

func cli(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "help" {
		return help(args[1:], stdout, stderr)
	}
	opts, status := parseFlags(args, stdout, stderr)
	if opts == nil {
		return status
	}
	return lint(opts, stdout, stderr)
}
