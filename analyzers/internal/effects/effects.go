// Package effects is kvlint's knowledge of other code, as data: what a known function
// does (computes from its arguments only, builds an error, logs, prints, answers an HTTP
// error, waits, iterates memory, reads the clock), in one table (Of). The checks ask it
// instead of naming packages and functions themselves (staticcheck's knowledge/ is the
// model). For the module's own functions, which no table can know, its Analyzer reads
// them and exports facts (today the fact "waits"); Facts.Of combines the table and the
// facts. It names no KV client: that is kvapi's.
package effects

import (
	"go/constant"
	"go/token"
	"go/types"
	"strings"

	"golang.org/x/tools/go/ssa"
)

// Effect is what a call of a known function does, as far as the checks care.
type Effect uint16

const (
	// Pure: the result is computed from the arguments only (strings, strconv,
	// fmt.Sprint*): passing a value to it hands nothing on by itself.
	Pure Effect = 1 << iota
	// BuildsError: wraps its arguments into an error (fmt.Errorf, errors.New).
	BuildsError
	// Logs: mentions its arguments in a log (log, log/slog, logrus, zap, zerolog).
	Logs
	// PrintsStdout: writes its arguments to standard output (fmt.Print*), which is the
	// console log in a Worker and the program's output elsewhere.
	PrintsStdout
	// PrintsTo: writes its arguments to the writer given first (fmt.Fprint*).
	PrintsTo
	// AnswersHTTPError: writes an HTTP error response (http.Error).
	AnswersHTTPError
	// Waits: blocks for a while by design (time.Sleep, a rate limiter's Wait).
	Waits
	// IteratesMemory: an iterator of the standard library over a value already in memory
	// (maps.Keys, slices.All, strings.SplitSeq), which never waits.
	IteratesMemory
	// ClockNow, ClockUnix, ClockAdd: time.Now, (time.Time).Unix, (time.Time).Add.
	ClockNow
	ClockUnix
	ClockAdd
	// DurationSeconds: (time.Duration).Seconds.
	DurationSeconds
	// OnlyReads: writes nothing through what it is handed (logging a request leaves
	// req.Key as it was).
	OnlyReads
	// BuildsKey: computes a string from its arguments alone, so that two calls with
	// equal arguments build the same key (fmt.Sprintf, strconv.Itoa, path.Join,
	// sha256.Sum256; every function of package strings but its constructors).
	BuildsKey
	// Scans: parses its first argument into the pointers it is given (fmt.Sscanf).
	Scans
	// ParsesNumber: parses its first argument as a number or a boolean, answering the
	// zero value and an error for any other text ("" and "<null>" alike): strconv.Atoi,
	// ParseInt, ParseUint, ParseFloat, ParseBool.
	ParsesNumber
)

// byName holds the functions known one by one, by types.Func.FullName.
var byName = map[string]Effect{
	"fmt.Errorf": BuildsError | OnlyReads, "errors.New": BuildsError, "errors.Join": BuildsError,
	"github.com/pkg/errors.New": BuildsError, "github.com/pkg/errors.Errorf": BuildsError,
	"github.com/pkg/errors.Wrap": BuildsError, "github.com/pkg/errors.Wrapf": BuildsError,

	"fmt.Sprint": Pure | OnlyReads | BuildsKey, "fmt.Sprintf": Pure | OnlyReads | BuildsKey,
	"fmt.Sprintln": Pure | OnlyReads | BuildsKey,
	"fmt.Print":    PrintsStdout | OnlyReads, "fmt.Printf": PrintsStdout | OnlyReads, "fmt.Println": PrintsStdout | OnlyReads,
	"log.Print": OnlyReads, "log.Printf": OnlyReads, "log.Println": OnlyReads,
	"fmt.Fprint": PrintsTo, "fmt.Fprintf": PrintsTo, "fmt.Fprintln": PrintsTo,

	"net/http.Error": AnswersHTTPError,

	"strconv.Itoa": BuildsKey, "strconv.FormatInt": BuildsKey, "strconv.FormatUint": BuildsKey,
	"strconv.Quote": BuildsKey, "strconv.FormatBool": BuildsKey,
	"path.Join": BuildsKey, "path.Clean": BuildsKey, "path/filepath.Join": BuildsKey,
	"net/url.PathEscape": BuildsKey, "net/url.QueryEscape": BuildsKey,
	"encoding/hex.EncodeToString": BuildsKey,
	"crypto/sha256.Sum256":        BuildsKey, "crypto/sha1.Sum": BuildsKey, "crypto/md5.Sum": BuildsKey,

	"strconv.Atoi": ParsesNumber, "strconv.ParseInt": ParsesNumber, "strconv.ParseUint": ParsesNumber,
	"strconv.ParseFloat": ParsesNumber, "strconv.ParseBool": ParsesNumber,

	"fmt.Sscan": Scans, "fmt.Sscanf": Scans, "fmt.Sscanln": Scans,
	"fmt.Fscan": Scans, "fmt.Fscanf": Scans, "fmt.Fscanln": Scans,

	"time.Sleep":                              Waits,
	"(*golang.org/x/time/rate.Limiter).Wait":  Waits,
	"(*golang.org/x/time/rate.Limiter).WaitN": Waits,

	"maps.All": IteratesMemory, "maps.Keys": IteratesMemory, "maps.Values": IteratesMemory,
	"slices.All": IteratesMemory, "slices.Values": IteratesMemory,
	"slices.Backward": IteratesMemory, "slices.Chunk": IteratesMemory,
	"strings.Lines": IteratesMemory, "strings.SplitSeq": IteratesMemory,
	"strings.SplitAfterSeq": IteratesMemory, "strings.FieldsSeq": IteratesMemory,
	"strings.FieldsFuncSeq": IteratesMemory,
	"bytes.Lines":           IteratesMemory, "bytes.SplitSeq": IteratesMemory,
	"bytes.SplitAfterSeq": IteratesMemory, "bytes.FieldsSeq": IteratesMemory,
	"bytes.FieldsFuncSeq": IteratesMemory,

	"time.Now": ClockNow, "(time.Time).Unix": ClockUnix, "(time.Time).Add": ClockAdd,
	"(time.Duration).Seconds": DurationSeconds,
}

// byPackage holds the packages all of whose functions (not methods) share an effect.
var byPackage = map[string]Effect{
	"strings": Pure | OnlyReads, "strconv": Pure | OnlyReads,
}

// loggers are the logging packages: every function and method logs. A path ending in
// "/" covers the packages under it.
var loggers = []string{
	"log", "log/slog", "github.com/sirupsen/logrus",
	"go.uber.org/zap", "go.uber.org/zap/", "github.com/rs/zerolog", "github.com/rs/zerolog/",
}

// Of returns what a call of fn does (0 when nothing is known). Methods of generic types
// are judged by their generic declaration.
func Of(fn *types.Func) Effect {
	if fn == nil || fn.Pkg() == nil {
		return 0
	}
	fn = fn.Origin()
	e := byName[fn.FullName()]
	path := fn.Pkg().Path()
	if fn.Signature().Recv() == nil {
		e |= byPackage[path]
		// Every function of strings builds a key from its arguments, but its
		// constructors (NewReplacer, NewReader), whose results carry state; methods
		// of its types depend on the state they are called on.
		if path == "strings" && fn.Signature().Results().Len() > 0 && !strings.HasPrefix(fn.Name(), "New") {
			e |= BuildsKey
		}
	}
	for _, l := range loggers {
		if path == l || (strings.HasSuffix(l, "/") && strings.HasPrefix(path, l)) {
			e |= Logs
		}
	}
	return e
}

// OfSSA is Of for an SSA function (nil and synthetic functions: 0).
func OfSSA(fn *ssa.Function) Effect {
	if fn == nil {
		return 0
	}
	if o := fn.Origin(); o != nil {
		fn = o
	}
	obj, _ := fn.Object().(*types.Func)
	return Of(obj)
}

// Stream is a standard stream a value may be.
type Stream int

const (
	NoStream Stream = iota
	Stdout
	Stderr
)

// StdStream says whether v (looked through conversions by the caller) is the value of
// os.Stdout or os.Stderr.
func StdStream(v ssa.Value) Stream {
	load, ok := v.(*ssa.UnOp)
	if !ok || load.Op != token.MUL {
		return NoStream
	}
	g, ok := load.X.(*ssa.Global)
	if !ok || g.Pkg == nil || g.Pkg.Pkg.Path() != "os" {
		return NoStream
	}
	switch g.Name() {
	case "Stdout":
		return Stdout
	case "Stderr":
		return Stderr
	}
	return NoStream
}

// pacingMethods are the names of methods that block until the caller may go on: rate
// limiters (Wait, WaitN, Take, Throttle), semaphores (Acquire), clocks (Sleep), pacers
// (Pause). Only the name is known: callers trust it where they cannot see the code.
var pacingMethods = map[string]bool{
	"Wait": true, "WaitN": true, "Take": true, "Throttle": true,
	"Acquire": true, "Sleep": true, "Pause": true,
}

// NamedToWait reports whether a method's name says it blocks until the caller may go on.
func NamedToWait(name string) bool { return pacingMethods[name] }

// NamedForExistence reports whether a function's name says it answers "does the key
// exist": Exists, KeyExists, Has, HasKey, Contains, IsSet.
func NamedForExistence(name string) bool {
	lower := strings.ToLower(name)
	return strings.Contains(lower, "exist") || strings.HasPrefix(lower, "has") ||
		strings.HasPrefix(lower, "contains") || lower == "isset"
}

// IsDuration reports whether t is time.Duration.
func IsDuration(t types.Type) bool {
	n, ok := types.Unalias(t).(*types.Named)
	return ok && n.Obj().Pkg() != nil && n.Obj().Pkg().Path() == "time" && n.Obj().Name() == "Duration"
}

// AnswersHTTPErrorCall reports whether the call writes an HTTP error response: http.Error,
// or a call passing a constant from 400 to 599 as a parameter named like a status
// (statusCode, code, status): the ResponseWriter's WriteHeader, and the response methods
// of the web frameworks (c.String(code, s), c.JSON(code, obj), c.Status(status)).
func AnswersHTTPErrorCall(c *ssa.CallCommon) bool {
	if OfSSA(c.StaticCallee())&AnswersHTTPError != 0 {
		return true
	}
	if _, ok := c.Value.(*ssa.Builtin); ok {
		return false
	}
	params := c.Signature().Params()
	off := len(c.Args) - params.Len() // a static method call passes its receiver first
	for i, a := range c.Args {
		if i < off || i-off >= params.Len() {
			continue
		}
		k, ok := a.(*ssa.Const)
		if !ok || k.Value == nil || k.Value.Kind() != constant.Int {
			continue
		}
		n, exact := constant.Int64Val(k.Value)
		name := strings.ToLower(params.At(i - off).Name())
		if exact && n >= 400 && n <= 599 && (strings.Contains(name, "code") || strings.Contains(name, "status")) {
			return true
		}
	}
	return false
}
