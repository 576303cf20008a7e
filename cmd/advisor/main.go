// Command advisor recommends Cloudflare storage for a workload: Workers KV, D1, Durable
// Objects, Hyperdrive or R2, ranked, every point explained with its source, the monthly
// cost estimated, a hybrid pattern where one fits.
//
//	advisor --answers workload.yaml [--format text|json|markdown|html|adr] [--out PATH] [--policy DIR] [--scan PACKAGES]
//
// Exit status: 0 done, 1 failure, 2 usage or input error (nothing written).
//
// Without --answers, or with --ask-missing, it interviews the user instead (interview.go):
//
//	advisor [--accessible] [--answers workload.yaml --ask-missing]
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/storewise/storewise/answers"
	"github.com/storewise/storewise/internal/suggest"
	"github.com/storewise/storewise/matrix"
	"github.com/storewise/storewise/rules"
	"github.com/storewise/storewise/web"
)

// version is the Storewise release, shown by --version and in reports.
var version = "0.1.0"

const (
	exitOK    = 0
	exitFail  = 1
	exitUsage = 2
)

var formats = []string{"text", "json", "markdown", "html", "adr"}

type config struct {
	answersFile   string
	format        string
	scan          string
	out           string
	policyDir     string
	policyTimeout time.Duration
	width         int
	showVersion   bool
	interviewFlags
}

func main() {
	os.Exit(run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, code := parseFlags(args, stdout, stderr)
	if code >= 0 {
		return code
	}
	if cfg.showVersion {
		fmt.Fprintf(stdout, "advisor (Storewise) %s\n", version)
		return exitOK
	}
	if interviewWanted(cfg) {
		return interview(ctx, cfg, stdin, stdout, stderr)
	}
	a, err := readAnswers(cfg.answersFile, stdin)
	if err != nil {
		fmt.Fprintf(stderr, "advisor: %v\n", err)
		return exitUsage
	}
	engine, err := newEngine(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "advisor: %v\n", err)
		return exitCode(err)
	}
	findings, err := scan(ctx, cfg.scan)
	if err != nil {
		fmt.Fprintf(stderr, "advisor: %v\n", err)
		return exitCode(err)
	}
	rec, err := engine.Evaluate(ctx, a, findings)
	if err != nil {
		fmt.Fprintf(stderr, "advisor: %v\n", err)
		return exitCode(err)
	}
	return deliver(rec, cfg, stdout, stderr, writeFileAtomic)
}

// newEngine compiles the policy with the user's own, as the flags say.
func newEngine(ctx context.Context, cfg config) (*rules.Engine, error) {
	return rules.New(ctx, matrix.MustLoad(), rules.Options{PolicyDir: cfg.policyDir, Timeout: cfg.policyTimeout})
}

// deliver renders the recommendation in the chosen format onto standard output or, through
// write (atomic), into --out.
func deliver(rec *rules.Recommendation, cfg config, stdout, stderr io.Writer, write func(string, []byte) error) int {
	var buf bytes.Buffer
	if err := render(&buf, rec, cfg); err != nil {
		fmt.Fprintf(stderr, "advisor: %v\n", err)
		return exitFail
	}
	if cfg.out == "" || cfg.out == "-" {
		if _, err := stdout.Write(buf.Bytes()); err != nil {
			fmt.Fprintf(stderr, "advisor: %v\n", err)
			return exitFail
		}
		return exitOK
	}
	if err := write(cfg.out, buf.Bytes()); err != nil {
		fmt.Fprintf(stderr, "advisor: %v\n", err)
		return exitFail
	}
	return exitOK
}

// exitCode tells input errors (a user policy that does not compile or loops, --scan
// packages that do not load) from failures.
func exitCode(err error) int {
	var pe *rules.PolicyError
	var se *scanInputError
	if errors.As(err, &pe) || errors.As(err, &se) {
		return exitUsage
	}
	return exitFail
}

func parseFlags(args []string, stdout, stderr io.Writer) (config, int) {
	var cfg config
	fs := flag.NewFlagSet("advisor", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.answersFile, "answers", "", "answers `FILE` (YAML or JSON, version 1); - reads standard input")
	fs.StringVar(&cfg.format, "format", "text", "output `format`: "+strings.Join(formats, ", "))
	fs.StringVar(&cfg.out, "out", "", "write the output to `PATH` (atomically) instead of standard output")
	fs.StringVar(&cfg.scan, "scan", "", "run kvlint over the Go `PACKAGES` (./..., space-separated) and fold its findings into the output")
	fs.StringVar(&cfg.policyDir, "policy", "", "add the Rego modules in `DIR` (package storewise.user) to the built-in policy")
	fs.DurationVar(&cfg.policyTimeout, "policy-timeout", rules.DefaultTimeout, "the most CPU time a --policy may cost in the run, compiling and evaluating it together (a looping policy); the built-in policy alone has no limit")
	fs.IntVar(&cfg.width, "width", 80, "wrap text output at this many `columns` (at least 40)")
	fs.BoolVar(&cfg.showVersion, "version", false, "print the version and exit")
	cfg.interviewFlags.register(fs)
	// A mistake in the flags gets one line, as the go tool gives, not the whole help (which
	// would bury it); --help is asked for, so it goes to standard output.
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(fs, stdout)
			return cfg, exitOK
		}
		fmt.Fprintf(stderr, "advisor: %s\n", flagError(fs, err))
		return cfg, exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "advisor: unexpected argument %q (the answers file goes after --answers)\n", fs.Arg(0))
		return cfg, exitUsage
	}
	if !slices.Contains(formats, cfg.format) {
		fmt.Fprintf(stderr, "advisor: --format %q: accepted formats: %s\n", cfg.format, strings.Join(formats, ", "))
		return cfg, exitUsage
	}
	if cfg.width < 40 {
		fmt.Fprintf(stderr, "advisor: --width %d: text needs at least 40 columns\n", cfg.width)
		return cfg, exitUsage
	}
	// An --out that cannot be written is said now, not after the evaluation or an
	// interview's last question.
	if err := checkOut(cfg.out); err != nil {
		fmt.Fprintf(stderr, "advisor: --out %s: %v\n", cfg.out, err)
		return cfg, exitUsage
	}
	// A report's date comes from SOURCE_DATE_EPOCH: a bad one is said now, not after an
	// interview's last question. (Any format can be saved from an interview.)
	if cfg.format == "html" || cfg.format == "adr" || interviewWanted(cfg) {
		if _, err := web.ReportDate(); err != nil {
			fmt.Fprintf(stderr, "advisor: %v\n", err)
			return cfg, exitUsage
		}
	}
	return cfg, -1
}

// flagError says what is wrong with the flags in one line: for a flag that does not exist,
// the nearest that does ("did you mean --format?"), and always where the list is.
func flagError(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: -"); ok {
		name = strings.TrimPrefix(name, "-")
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, f.Name) })
		msg = "unknown flag --" + name
		if near := suggest.Nearest(name, names); near != "" {
			msg += "; did you mean --" + near + "?"
		}
	}
	return msg + " (advisor --help lists every flag)"
}

func usage(fs *flag.FlagSet, w io.Writer) {
	fmt.Fprint(w, `advisor recommends Cloudflare storage (Workers KV, D1, Durable Objects, Hyperdrive, R2)
for a workload described in an answers file, and explains every point.
Without --answers it asks the questions in the terminal:
  advisor [--accessible] [--answers FILE --ask-missing]

Usage:
  advisor --answers FILE [--format text|json|markdown|html|adr] [--out PATH] [--policy DIR] [--scan PACKAGES]

Flags:
`)
	fs.SetOutput(w)
	fs.PrintDefaults()
	fmt.Fprint(w, "\nFields of the answers file (a missing field gets its default, listed under assumptions):\n")
	for _, q := range matrix.MustLoad().Questions {
		vals, def := q.Type, fmt.Sprint(q.Default)
		switch {
		case len(q.Options) > 0:
			vals = strings.Join(q.OptionValues(), " | ")
		case q.Type == matrix.TypeBool:
			vals = "true | false"
		case q.Type == matrix.TypeNumber:
			vals = answers.QuantityName(q.Unit)
			def = answers.FormatQuantity(q.Unit, q.DefaultNumber()) + "; " + answers.QuantityHelp(q.Unit)
		}
		fmt.Fprintf(w, "  %-26s %s; default %s\n", q.Field, vals, def)
	}
	fmt.Fprint(w, "\nExit status: 0 done, 1 failure, 2 usage or input error (nothing is written).\n")
}

// readAnswers reads the answers file, or standard input for "-": at most
// answers.MaxFileBytes of either, so endless input (/dev/zero, a runaway pipe) is refused.
func readAnswers(path string, stdin io.Reader) (*answers.Answers, error) {
	if path == "-" {
		return answers.Read("<stdin>", stdin)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("reading answers: %w", err)
	}
	defer f.Close()
	return answers.Read(path, f)
}

func render(w io.Writer, rec *rules.Recommendation, cfg config) error {
	switch cfg.format {
	case "json":
		return writeJSON(w, rec)
	case "markdown":
		return web.Markdown(w, rec)
	case "html":
		// The date comes from SOURCE_DATE_EPOCH when set, so a CI job that regenerates the
		// report gets the same bytes for the same answers.
		return web.HTML(w, rec, web.HTMLOptions{Version: version})
	case "adr":
		return web.ADR(w, rec, web.ADROptions{Version: version})
	default:
		return web.Text(w, rec, cfg.width)
	}
}
