package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"golang.org/x/tools/go/analysis"

	"github.com/storewise/storewise/analyzers/all"
	"github.com/storewise/storewise/internal/findings"
)

// options is a parsed kvlint command line.
type options struct {
	format    string // text, json or sarif
	fix, diff bool
	tests     bool
	analyzers []*analysis.Analyzer // the ones to run (with what they require)
	patterns  []string
}

const usageText = `kvlint flags Go, TypeScript and JavaScript code that uses Cloudflare Workers
KV in ways KV cannot support: read-modify-write (kvrmw), read after write (kvwriteread),
check-then-act on a key (kvexists), TTLs that KV rejects or confuses (kvttl), keys written
more than once a second (kvhotkey).

Usage:
  kvlint [flags] PACKAGES             e.g. kvlint ./...
  kvlint [flags] DIR                  a Worker project in TypeScript or JavaScript (it holds
                                      wrangler.toml/.json/.jsonc or package.json, no go.mod);
                                      ./... also lints the Worker projects below
  GOOS=js GOARCH=wasm kvlint ./...    code built for a Worker (syumai/workers)
  kvlint help [NAME]                  the checks, or what one means and what to do
  go vet -vettool=$(which kvlint) PACKAGES

Flags:
  -json                the go vet JSON tree (the same as -format json)
  -format FORMAT       text (default), json, or sarif (SARIF 2.1.0 for code scanning)
  -fix                 apply the suggested fixes and say what is left
  -diff                with -fix: print the fixes as a unified diff, change nothing
  -test                also analyse the packages' tests (default true; -test=false)
  -NAME                run only the named checks, e.g. -kvrmw -kvexists
                       (-NAME=false runs all but NAME)
  -kvlint.wrappers SPEC,...  your own KV wrappers, or @FILE (see docs/checks.md)
  -version             print kvlint's version

Exit status: 0 no findings, 3 findings, 1 a package failed to load or analyse,
2 usage error. With -json, -format sarif and -fix: 0 unless loading or analysis fails.

Silence a finding with //kvlint:ignore NAME -- reason on its line or the line above.
Every check: https://github.com/storewise/storewise/blob/main/docs/checks.md
`

// parseFlags parses the command line; a nil options means stop with the status returned
// (after -help, -version or a usage error, already reported).
func parseFlags(args []string, stdout, stderr io.Writer) (*options, int) {
	analyzers := all.Analyzers()
	fs := flag.NewFlagSet("kvlint", flag.ContinueOnError)
	fs.SetOutput(io.Discard) // errors are reported below, in one line
	opts := &options{}
	jsonFlag := fs.Bool("json", false, "")
	fs.StringVar(&opts.format, "format", "text", "")
	fs.BoolVar(&opts.fix, "fix", false, "")
	fs.BoolVar(&opts.diff, "diff", false, "")
	fs.BoolVar(&opts.tests, "test", true, "")
	version := fs.Bool("version", false, "")
	enabled := map[string]*bool{}
	for _, a := range analyzers {
		enabled[a.Name] = fs.Bool(a.Name, false, "")
		a.Flags.VisitAll(func(f *flag.Flag) {
			fs.Var(f.Value, a.Name+"."+f.Name, f.Usage)
		})
	}
	usageErr := func(format string, args ...any) (*options, int) {
		fmt.Fprintf(stderr, "kvlint: "+format+"\n", args...)
		fmt.Fprintln(stderr, "run kvlint -help for usage")
		return nil, 2
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, usageText)
			return nil, 0
		}
		return usageErr("%v", err)
	}
	if *version {
		fmt.Fprintln(stdout, "kvlint", versionString())
		return nil, 0
	}
	if *jsonFlag {
		if opts.format != "text" && opts.format != "json" {
			return usageErr("-json and -format %s: choose one", opts.format)
		}
		opts.format = "json"
	}
	switch opts.format {
	case "text", "json", "sarif":
	default:
		return usageErr("unknown -format %q: want text, json or sarif", opts.format)
	}
	if opts.diff {
		opts.fix = true
	}
	if opts.fix && opts.format != "text" {
		return usageErr("-fix cannot be combined with -format %s", opts.format)
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "usage: kvlint [flags] PACKAGES (e.g. kvlint ./...); kvlint -help for more")
		return nil, 2
	}
	opts.patterns = fs.Args()

	// As the stock drivers: -NAME runs only the named analyzers; -NAME=false alone runs
	// all but those.
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	anyOn := false
	for _, a := range analyzers {
		if set[a.Name] && *enabled[a.Name] {
			anyOn = true
		}
	}
	for _, a := range analyzers {
		on := *enabled[a.Name]
		if !anyOn && !set[a.Name] {
			on = true
		}
		if on {
			opts.analyzers = append(opts.analyzers, a)
		}
	}
	if len(opts.analyzers) == 0 {
		return usageErr("every check is turned off")
	}
	return opts, 0
}

// rules describes every analyzer for the help texts, JSON and SARIF: the first line of
// its documentation is the summary, the next paragraph what it finds, why that matters
// and what to do instead, the rest what it does not report.
func rules() []findings.Rule {
	var rs []findings.Rule
	for _, a := range all.Analyzers() {
		short, rest, _ := strings.Cut(a.Doc, "\n")
		rest = strings.TrimSpace(rest)
		why, _, _ := strings.Cut(rest, "\n\n")
		rs = append(rs, findings.Rule{
			Name:  a.Name,
			Short: strings.TrimSpace(short),
			Why:   strings.Join(strings.Fields(why), " "),
			Help:  rest,
			URL:   a.URL,
		})
	}
	return rs
}

// help is `kvlint help [NAME]`: the list of checks, or one check's documentation.
func help(args []string, stdout, stderr io.Writer) int {
	rs := rules()
	if len(args) == 0 {
		fmt.Fprint(stdout, "kvlint's checks (kvlint help NAME for what one means and what to do):\n\n")
		for _, r := range rs {
			fmt.Fprintf(stdout, "  %-12s %s\n", r.Name, strings.TrimPrefix(r.Short, r.Name+": "))
		}
		return 0
	}
	status := 0
	for i, name := range args {
		var rule *findings.Rule
		for j := range rs {
			if rs[j].Name == name {
				rule = &rs[j]
			}
		}
		if rule == nil {
			var names []string
			for _, r := range rs {
				names = append(names, r.Name)
			}
			fmt.Fprintf(stderr, "kvlint help: no check named %q (the checks: %s)\n", name, strings.Join(names, ", "))
			status = 2
			continue
		}
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprintf(stdout, "%s\n\n%s\n\n%s\n", rule.Short, rule.Help, rule.URL)
		for _, a := range all.Analyzers() {
			if a.Name != name {
				continue
			}
			a.Flags.VisitAll(func(f *flag.Flag) {
				fmt.Fprintf(stdout, "\nFlag -%s.%s: %s\n", a.Name, f.Name, f.Usage)
			})
		}
	}
	return status
}
