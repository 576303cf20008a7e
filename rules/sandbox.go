package rules

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// The sandbox a user policy runs in. A policy is code from whoever wrote the --policy
// directory, run on answers the advisor's user gives: it must not read files or the
// network, see the clock, the environment or randomness (the same answers give the same
// report), nor run away with time or memory.
//
// The builtins are an allow list, not OPA's set less a deny list: a builtin a new OPA
// release adds stays out until it is judged here. A policy calling one that is not allowed
// is refused when it compiles, with its file and line ("undefined function time.clock").

// AllowedBuiltins are the builtins a policy may call (the built-in policy included): pure
// and deterministic functions of their arguments. Left out, among others: http.send and
// net.* (the network), opa.runtime (the environment), time.* but the two parsers (the
// clock, and time zones read from files under TZ), rand.*, uuid.rfc4122, io.jwt.encode_sign*
// (randomness), io.jwt.decode_verify and crypto.x509.* (they read the clock),
// json.match_schema and json.verify_schema (a schema's $ref opens files), regex.replace,
// regex.globs_match, strings.render_template, yaml.unmarshal, graphql.*,
// providers.aws.sign_req, bits.lsh and rego.parse_module (output or work out of proportion
// with the input), trace and print's output (nowhere to go).
var AllowedBuiltins = []string{
	// operators and comparison
	"eq", "assign", "equal", "neq", "gt", "gte", "lt", "lte",
	"internal.member_2", "internal.member_3", "internal.template_string", "internal.print",
	// numbers
	"plus", "minus", "mul", "div", "rem", "abs", "ceil", "floor", "round",
	"numbers.range", "numbers.range_step", "to_number", "format_int",
	"bits.and", "bits.or", "bits.xor", "bits.negate", "bits.rsh",
	// aggregates
	"count", "sum", "product", "max", "min", "sort",
	// arrays, sets, objects
	"array.concat", "array.slice", "array.reverse", "array.flatten",
	"and", "or", "intersection", "union",
	"object.get", "object.keys", "object.remove", "object.filter", "object.union", "object.union_n", "object.subset",
	"json.filter", "json.remove", "json.patch", "walk", "graph.reachable", "graph.reachable_paths",
	// strings
	"concat", "contains", "endswith", "startswith", "indexof", "indexof_n", "lower", "upper",
	"replace", "split", "sprintf", "substring", "trim", "trim_left", "trim_prefix", "trim_right",
	"trim_space", "trim_suffix", "strings.any_prefix_match", "strings.any_suffix_match",
	"strings.count", "strings.replace_n", "strings.reverse", "strings.split_n",
	"regex.match", "regex.is_valid", "regex.split", "regex.find_n", "regex.find_all_string_submatch_n",
	"regex.template_match", "glob.match", "glob.quote_meta",
	// types
	"is_number", "is_string", "is_boolean", "is_array", "is_set", "is_object", "is_null",
	// encodings
	"base64.encode", "base64.decode", "base64.is_valid", "base64url.encode", "base64url.encode_no_pad",
	"base64url.decode", "hex.encode", "hex.decode", "urlquery.encode", "urlquery.decode",
	"urlquery.encode_object", "urlquery.decode_object", "uri.parse", "uri.is_valid",
	"json.marshal", "json.marshal_with_options", "json.unmarshal", "json.is_valid", "yaml.marshal",
	"units.parse", "units.parse_bytes", "semver.compare", "semver.is_valid", "uuid.parse",
	"time.parse_duration_ns", "time.parse_rfc3339_ns",
	// hashes and signatures (no clock, no randomness: verifying is pure)
	"crypto.md5", "crypto.sha1", "crypto.sha256", "crypto.hmac.md5", "crypto.hmac.sha1",
	"crypto.hmac.sha256", "crypto.hmac.sha512", "crypto.hmac.equal", "io.jwt.decode",
	"io.jwt.verify_rs256", "io.jwt.verify_rs384", "io.jwt.verify_rs512", "io.jwt.verify_ps256",
	"io.jwt.verify_ps384", "io.jwt.verify_ps512", "io.jwt.verify_es256", "io.jwt.verify_es384",
	"io.jwt.verify_es512", "io.jwt.verify_hs256", "io.jwt.verify_hs384", "io.jwt.verify_hs512",
	"io.jwt.verify_eddsa",
}

// Limits on the allowed builtins whose one call can build a value out of proportion with
// its arguments (numbers.range(1, 1e12), a replacement repeated at every character): a
// bigger one is an error of the policy, named with its file and line. What grows step by
// step (a string doubled rule after rule) is stopped by the memory limit instead.
const (
	// MaxRange is the most numbers numbers.range and numbers.range_step make.
	MaxRange = 100_000
	// MaxBuiltString is the longest string (in bytes) concat, replace, strings.replace_n
	// and sprintf make.
	MaxBuiltString = 1 << 20
	// maxFormatWidth is the widest width or precision sprintf accepts (%9999d).
	maxFormatWidth = 1000
)

// sandboxCapabilities are the allowed builtins, with no network.
func sandboxCapabilities() *ast.Capabilities {
	caps := ast.CapabilitiesForThisVersion()
	caps.Builtins = slices.DeleteFunc(slices.Clone(caps.Builtins), func(b *ast.Builtin) bool {
		return !slices.Contains(AllowedBuiltins, b.Name)
	})
	caps.AllowNet = []string{}
	return caps
}

// The bounded builtins replace OPA's own in its registry, for every evaluation of the
// process: the advisor evaluates nothing else.
func init() {
	bound("numbers.range", func(ops []*ast.Term) error { return rangeSize(ops[0], ops[1], nil) })
	bound("numbers.range_step", func(ops []*ast.Term) error { return rangeSize(ops[0], ops[1], ops[2]) })
	bound("concat", func(ops []*ast.Term) error {
		sep, _ := ops[0].Value.(ast.String)
		n, total := 0, 0
		each(ops[1].Value, func(t *ast.Term) {
			n++
			if s, ok := t.Value.(ast.String); ok {
				total += len(s)
			}
		})
		return stringSize(total + max(n-1, 0)*len(sep))
	})
	bound("replace", func(ops []*ast.Term) error {
		s, ok1 := ops[0].Value.(ast.String)
		old, ok2 := ops[1].Value.(ast.String)
		repl, ok3 := ops[2].Value.(ast.String)
		if !ok1 || !ok2 || !ok3 {
			return nil // OPA's own error
		}
		return stringSize(replacedSize(string(s), string(old), len(repl)))
	})
	bound("strings.replace_n", func(ops []*ast.Term) error {
		pats, ok1 := ops[0].Value.(ast.Object)
		s, ok2 := ops[1].Value.(ast.String)
		if !ok1 || !ok2 {
			return nil
		}
		total := len(s)
		pats.Foreach(func(k, v *ast.Term) {
			old, _ := k.Value.(ast.String)
			repl, _ := v.Value.(ast.String)
			total += replacedSize(string(s), string(old), len(repl)) - len(s)
		})
		return stringSize(total)
	})
	bound("sprintf", func(ops []*ast.Term) error {
		f, ok := ops[0].Value.(ast.String)
		if !ok {
			return nil
		}
		return formatWidths(string(f))
	})
}

// bound puts check before OPA's implementation of the builtin name.
func bound(name string, check func(ops []*ast.Term) error) {
	orig := topdown.GetBuiltin(name)
	if orig == nil {
		panic("rules: no builtin " + name) // caught by tests: an OPA upgrade renamed it
	}
	topdown.RegisterBuiltinFunc(name, func(bctx topdown.BuiltinContext, ops []*ast.Term, iter func(*ast.Term) error) error {
		if err := check(ops); err != nil {
			return err
		}
		return orig(bctx, ops, iter)
	})
}

func each(v ast.Value, f func(*ast.Term)) {
	switch c := v.(type) {
	case *ast.Array:
		c.Foreach(f)
	case ast.Set:
		c.Foreach(f)
	}
}

func rangeSize(from, to, step *ast.Term) error {
	num := func(t *ast.Term) (float64, bool) {
		n, ok := t.Value.(ast.Number)
		if !ok {
			return 0, false
		}
		return n.Float64()
	}
	x, ok1 := num(from)
	y, ok2 := num(to)
	if !ok1 || !ok2 {
		return nil // OPA's own error
	}
	n := math.Abs(x - y)
	if step != nil {
		if st, ok := num(step); ok && st > 0 {
			n /= st
		}
	}
	if n+1 > MaxRange || math.IsNaN(n) {
		return fmt.Errorf("a range of more than %d numbers (the sandbox's limit)", MaxRange)
	}
	return nil
}

// replacedSize is the length of s with every old replaced by a string of n bytes.
func replacedSize(s, old string, n int) int {
	if n <= len(old) {
		return len(s)
	}
	count := strings.Count(s, old) // "" matches between every rune
	return len(s) + count*(n-len(old))
}

func stringSize(n int) error {
	if n > MaxBuiltString {
		return fmt.Errorf("a string of %d bytes, more than the sandbox's %d", n, MaxBuiltString)
	}
	return nil
}

// formatWidths refuses a width or precision over maxFormatWidth, or one taken from the
// arguments (*): fmt pads to a million characters per verb.
func formatWidths(f string) error {
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		for i++; i < len(f) && strings.IndexByte("+-# 0", f[i]) >= 0; i++ {
		}
		for i < len(f) && (f[i] == '.' || f[i] == '*' || f[i] >= '0' && f[i] <= '9' || f[i] == '[' || f[i] == ']') {
			if f[i] == '*' {
				return errors.New("a width or precision taken from the arguments (*) is not allowed")
			}
			n := 0
			for ; i < len(f) && f[i] >= '0' && f[i] <= '9'; i++ {
				if n = n*10 + int(f[i]-'0'); n > maxFormatWidth {
					return fmt.Errorf("a width or precision over %d", maxFormatWidth)
				}
			}
			if i < len(f) && (f[i] == '.' || f[i] == '[' || f[i] == ']') {
				i++
			}
		}
	}
	return nil
}
