// Package goload loads Go packages for kvlint's drivers (the kvlint command and advisor
// --scan) and turns a failed load into what a user can act on: each error once, without
// the cascade it causes, and one line saying how to run code built for a Worker.
package goload

import (
	"os"
	"runtime"
	"strings"

	"golang.org/x/tools/go/packages"
)

// Errors returns the load errors of pkgs and of everything they import, each message once,
// in the order packages.Visit meets them.
func Errors(pkgs []*packages.Package) []string {
	var errs []string
	seen := map[string]bool{}
	packages.Visit(pkgs, nil, func(p *packages.Package) {
		for _, e := range p.Errors {
			msg := e.Error()
			if !seen[msg] {
				seen[msg] = true
				errs = append(errs, msg)
			}
		}
	})
	return errs
}

// NeedsWorkerTarget reports whether the load errors come from code built for a Worker
// (importing syscall/js, as syumai/workers does) loaded for another target: the go
// command then excludes every file of syscall/js and every importer fails to type-check.
func NeedsWorkerTarget(errs []string) bool {
	if goos() == "js" {
		return false
	}
	for _, e := range errs {
		if strings.Contains(e, "syscall/js") {
			return true
		}
	}
	return false
}

// WorkerHint is the one line that replaces the errors NeedsWorkerTarget recognises;
// command is how the user would run the tool, e.g. "kvlint ./...".
func WorkerHint(command string) string {
	return "this code is built for a Worker (it imports syscall/js, which exists only for GOOS=js): run it as GOOS=js GOARCH=wasm " + command
}

// goos is the target the go command loads for: $GOOS, else the host's.
func goos() string {
	if v := os.Getenv("GOOS"); v != "" {
		return v
	}
	return runtime.GOOS
}
