package rules

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/storage"
	"github.com/open-policy-agent/opa/v1/tester"

	"github.com/storewise/storewise/answers"
	"github.com/storewise/storewise/matrix"
)

func parse(t *testing.T, src string) *answers.Answers {
	t.Helper()
	a, err := answers.Parse("test.yaml", []byte("version: 1\n"+src))
	if err != nil {
		t.Fatal(err)
	}
	return a
}

const profilesCache = "workload: user profiles cache\nconsistency: eventual\nstaleness_seconds: 300\nreads_per_month: 100M\nwrites_per_month: 100k\n"

func TestExamplePolicyRulesOutKVForPersonalData(t *testing.T) {
	ctx := context.Background()
	plain, err := New(ctx, matrix.MustLoad(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	withPolicy, err := New(ctx, matrix.MustLoad(), Options{PolicyDir: "../examples/policies"})
	if err != nil {
		t.Fatal(err)
	}
	a := parse(t, profilesCache)
	before, err := plain.Decide(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if before.Primary != "kv" {
		t.Fatalf("without the policy the pick is %s, want kv (test premise)", before.Primary)
	}
	after, err := withPolicy.Decide(ctx, a)
	if err != nil {
		t.Fatal(err)
	}
	if after.Primary == "kv" {
		t.Fatal("the policy did not rule out KV")
	}
	kv := after.Ranking[len(after.Ranking)-1]
	for _, r := range after.Ranking {
		if r.Product == "kv" {
			kv = r
		}
	}
	if !kv.Eliminated || kv.Reasons[0].Dimension != "policy" || !strings.Contains(kv.Reasons[0].Text, "Data policy") {
		t.Errorf("kv entry = %+v, want eliminated by the policy with its text", kv)
	}
	if !strings.Contains(strings.Join(after.Warnings, "\n"), "Personal data") {
		t.Errorf("the policy's warning is missing: %q", after.Warnings)
	}
	// Workloads the policy does not concern are untouched.
	flags := parse(t, "workload: feature flags\nconsistency: eventual\n")
	r1, _ := plain.Decide(ctx, flags)
	r2, _ := withPolicy.Decide(ctx, flags)
	if r1.Primary != r2.Primary || len(r2.Warnings) != len(r1.Warnings) {
		t.Errorf("the policy changed an unrelated workload: %s → %s", r1.Primary, r2.Primary)
	}
}

// The example policy's own Rego tests run too, beside the built-in ones.
func TestExamplePolicyRegoTests(t *testing.T) {
	ctx := context.Background()
	mods := map[string]*ast.Module{}
	paths, _ := filepath.Glob("../examples/policies/*.rego")
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		mods[p] = ast.MustParseModuleWithOpts(string(src), ast.ParserOptions{RegoVersion: ast.RegoV1})
	}
	store, _, _ := policyStore(matrix.MustLoad())
	txn := storage.NewTransactionOrDie(ctx, store)
	defer store.Abort(ctx, txn)
	ch, err := tester.NewRunner().SetStore(store).SetModules(mods).RunTests(ctx, txn)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for r := range ch {
		n++
		if r.Error != nil || !r.Pass() {
			t.Errorf("%s.%s failed: %v", r.Package, r.Name, r.Error)
		}
	}
	if n == 0 {
		t.Fatal("no example policy tests ran")
	}
}

func writePolicy(t *testing.T, name, src string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestBadPolicies(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name, file, src string
		want            []string
	}{
		{"does not compile", "broken.rego", "package storewise.user\n\neliminate contains {\"product\": \"kv\" if {\n", []string{"broken.rego:3", "rego_parse_error"}},
		{"reaches the network", "net.rego", "package storewise.user\n\nwarnings contains x if {\n\tx := http.send({\"method\": \"GET\", \"url\": \"https://example.com\"}).body\n}\n", []string{"net.rego:4", "http.send"}},
		{"looks up hosts", "dns.rego", "package storewise.user\n\nwarnings contains \"x\" if net.lookup_ip_addr(\"example.com\")\n", []string{"dns.rego:3", "net.lookup_ip_addr"}},
		{"reads the environment", "env.rego", "package storewise.user\n\nwarnings contains opa.runtime().env.HOME\n", []string{"env.rego:3", "opa.runtime"}},
		// The sandbox: no file, clock, time zone or randomness through any builtin.
		{"reads a file through a schema", "schema.rego", "package storewise.user\n\nwarnings contains sprintf(\"%v\", [x]) if {\n\tx := json.match_schema({}, {\"$ref\": \"file:///etc/passwd\"})\n}\n", []string{"schema.rego:4", "json.match_schema"}},
		{"verifies a schema", "verify.rego", "package storewise.user\n\nwarnings contains \"x\" if json.verify_schema({\"$ref\": \"file:///dev/zero\"})\n", []string{"verify.rego:3", "json.verify_schema"}},
		{"reads the clock through a token", "jwt.rego", "package storewise.user\n\nwarnings contains \"x\" if io.jwt.decode_verify(\"a.b.c\", {\"secret\": \"k\"})[0]\n", []string{"jwt.rego:3", "io.jwt.decode_verify"}},
		{"signs with randomness", "sign.rego", "package storewise.user\n\nwarnings contains io.jwt.encode_sign({\"alg\": \"ES256\"}, {}, {})\n", []string{"sign.rego:3", "io.jwt.encode_sign"}},
		{"reads a time zone", "tz.rego", "package storewise.user\n\nwarnings contains sprintf(\"%v\", [time.clock([0, \"Local\"])])\n", []string{"tz.rego:3", "time.clock"}},
		{"reads the time", "now.rego", "package storewise.user\n\nwarnings contains sprintf(\"%d\", [time.now_ns()])\n", []string{"now.rego:3", "time.now_ns"}},
		{"draws a random number", "rand.rego", "package storewise.user\n\nwarnings contains sprintf(\"%d\", [rand.intn(\"x\", 10)])\n", []string{"rand.rego:3", "rand.intn"}},
		{"outside package storewise.user", "other.rego", "package storewise.eliminate\n\neliminated contains {\"product\": \"d1\", \"text\": \"x\"}\n", []string{"other.rego:1", "must be in package storewise.user"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := New(ctx, matrix.MustLoad(), Options{PolicyDir: writePolicy(t, c.file, c.src)})
			var pe *PolicyError
			if !errors.As(err, &pe) {
				t.Fatalf("err = %v, want a PolicyError", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q lacks %q", err, w)
				}
			}
		})
	}
	t.Run("names a product that does not exist", func(t *testing.T) {
		e, err := New(ctx, matrix.MustLoad(), Options{PolicyDir: writePolicy(t, "typo.rego", "package storewise.user\n\neliminate contains {\"product\": \"k v\", \"text\": \"x\"}\n")})
		if err != nil {
			t.Fatal(err)
		}
		_, err = e.Decide(ctx, parse(t, ""))
		if err == nil || !strings.Contains(err.Error(), `entry for "k v": product must be one of kv, d1`) {
			t.Errorf("err = %v", err)
		}
	})
	// Builtins whose one call could build a value far larger than its arguments are bounded:
	// the policy's error, with its file and line, instead of the memory running out.
	for _, c := range []struct{ name, expr, want string }{
		{"a huge range", "count(numbers.range(1, 1e12))", "huge.rego:4: eval_builtin_error: numbers.range: a range of more than 100000 numbers"},
		{"a huge stepped range", "count(numbers.range_step(1, 1e12, 2))", "numbers.range_step: a range of more than 100000"},
		{"a huge padding", "count(sprintf(\"%999999d\", [1]))", "sprintf: a width or precision over 1000"},
		{"a padding from the arguments", "count(sprintf(\"%*d\", [999999, 1]))", "sprintf: a width or precision taken from the arguments"},
		{"a huge replacement", "count(replace(concat(\"\", [\"a\" | some _ in numbers.range(1, 5000)]), \"a\", concat(\"\", [\"b\" | some _ in numbers.range(1, 5000)])))", "replace: a string of 25000000 bytes"},
		{"a huge separator", "count(concat(concat(\"\", [\"a\" | some _ in numbers.range(1, 5000)]), [\"x\" | some _ in numbers.range(1, 5000)]))", "concat: a string of"},
	} {
		t.Run(c.name, func(t *testing.T) {
			src := "package storewise.user\n\nwarnings contains sprintf(\"%d\", [n]) if {\n\tn := " + c.expr + "\n}\n"
			e, err := New(ctx, matrix.MustLoad(), Options{PolicyDir: writePolicy(t, "huge.rego", src)})
			if err != nil {
				t.Fatal(err)
			}
			_, err = e.Decide(ctx, parse(t, ""))
			var pe *PolicyError
			if !errors.As(err, &pe) || !strings.Contains(err.Error(), c.want) {
				t.Errorf("err = %v, want a PolicyError with %q", err, c.want)
			}
		})
	}
	t.Run("runs too long", func(t *testing.T) {
		slow := "package storewise.user\n\nwarnings contains sprintf(\"%d\", [n]) if {\n\tn := count([1 | some i in numbers.range(1, 5000); some j in numbers.range(1, 5000)])\n}\n"
		e, err := New(ctx, matrix.MustLoad(), Options{PolicyDir: writePolicy(t, "slow.rego", slow), Timeout: 100 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_, err = e.Decide(ctx, parse(t, ""))
		if err == nil || !strings.Contains(err.Error(), "slow.rego:4: the policy used more than --policy-timeout 100ms of CPU time") {
			t.Errorf("err = %v", err)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Errorf("the time limit did not stop the evaluation: %v", d)
		}
	})
}

// A user policy's own dimensions follow the policy's, in the order of its entries,
// and reasons are listed in that order.
func TestUserDimensionsFollowThePolicys(t *testing.T) {
	ctx := context.Background()
	src := `package storewise.user

points contains {"product": "d1", "dimension": "team_skills", "points": 3, "text": "The team knows SQL."}

points contains {"product": "d1", "dimension": "compliance", "points": -2, "text": "Audit needs a review."}
`
	e, err := New(ctx, matrix.MustLoad(), Options{PolicyDir: writePolicy(t, "dims.rego", src)})
	if err != nil {
		t.Fatal(err)
	}
	r, err := e.Decide(ctx, parse(t, "consistency: strong\ndata_shape: relational\n"))
	if err != nil {
		t.Fatal(err)
	}
	dims := r.Dimensions
	if len(dims) < 3 || dims[0] != "route" || dims[1] != "consistency" || !slices.Contains(dims, "cost") {
		t.Fatalf("dimensions %q: want the policy's order of concerns first", dims)
	}
	own := dims[len(dims)-2:]
	if !slices.Contains(own, "team_skills") || !slices.Contains(own, "compliance") || slices.Index(dims, "cost") > slices.Index(dims, own[0]) {
		t.Errorf("dimensions %q: want the user's two after the policy's", dims)
	}
	var d1 Ranked
	for _, x := range r.Ranking {
		if x.Product == "d1" {
			d1 = x
		}
	}
	last := -1
	for _, x := range d1.Reasons {
		i := slices.Index(dims, x.Dimension)
		if i < last {
			t.Errorf("D1's reasons are not in the order of the dimensions: %q after %q", x.Dimension, dims[last])
		}
		last = i
	}
	if d1.Reasons[len(d1.Reasons)-1].Dimension != own[1] {
		t.Errorf("D1's last reason is %q, want the user's last dimension %q", d1.Reasons[len(d1.Reasons)-1].Dimension, own[1])
	}
}

// Every allowed builtin exists in this OPA, none of them is one OPA marks as
// nondeterministic, and the built-in policy needs no other.
func TestSandboxAllowsOnlyPureBuiltins(t *testing.T) {
	all := map[string]*ast.Builtin{}
	for _, b := range ast.CapabilitiesForThisVersion().Builtins {
		all[b.Name] = b
	}
	for _, name := range AllowedBuiltins {
		b, ok := all[name]
		if !ok {
			t.Errorf("allowed builtin %s does not exist in this OPA", name)
			continue
		}
		if b.Nondeterministic {
			t.Errorf("allowed builtin %s is nondeterministic", name)
		}
	}
	for _, name := range []string{"http.send", "opa.runtime", "json.match_schema", "json.verify_schema", "time.clock", "time.date",
		"time.now_ns", "io.jwt.decode_verify", "io.jwt.encode_sign", "rand.intn", "uuid.rfc4122", "net.lookup_ip_addr", "crypto.x509.parse_and_verify_certificates"} {
		if slices.Contains(AllowedBuiltins, name) {
			t.Errorf("%s is allowed", name)
		}
	}
	if len(sandboxCapabilities().Builtins) != len(AllowedBuiltins) {
		t.Errorf("the capabilities hold %d builtins, the allow list %d", len(sandboxCapabilities().Builtins), len(AllowedBuiltins))
	}
}

// --policy-timeout bounds everything a user policy costs in a run: compiling it and all
// the evaluations together (the search for flips makes dozens), not each one.
func TestPolicyTimeoutBoundsTheWholeRun(t *testing.T) {
	ctx := context.Background()
	t.Run("evaluations", func(t *testing.T) {
		// Some tens of milliseconds an evaluation: each is far within the limit, the run's
		// fifty are not.
		slow := "package storewise.user\n\nwarnings contains sprintf(\"%d\", [n]) if {\n\tn := count([1 | some i in numbers.range(1, 300); some j in numbers.range(1, 300)])\n}\n"
		e, err := New(ctx, matrix.MustLoad(), Options{PolicyDir: writePolicy(t, "slow.rego", slow), Timeout: 400 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_, err = e.Evaluate(ctx, parse(t, "reads_per_month: 10M\n"), nil)
		var pe *PolicyError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), "slow.rego:4: the policy used more than --policy-timeout 400ms of CPU time, compiling and evaluating it together") {
			t.Errorf("err = %v, want the run stopped at the limit, naming the slow line", err)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("the run took %v", d)
		}
	})
	t.Run("compiling", func(t *testing.T) {
		var b strings.Builder
		b.WriteString("package storewise.user\n\nr0 := 1\n")
		for i := 1; i < 1500; i++ {
			fmt.Fprintf(&b, "r%d := r%d + 1\n", i, i-1)
		}
		b.WriteString("warnings contains sprintf(\"%d\", [r1499])\n")
		dir := writePolicy(t, "chain.rego", b.String())
		if err := os.WriteFile(filepath.Join(dir, "small.rego"), []byte("package storewise.user\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		start := time.Now()
		_, err := New(ctx, matrix.MustLoad(), Options{PolicyDir: dir, Timeout: 50 * time.Millisecond})
		var pe *PolicyError
		if !errors.As(err, &pe) || !strings.Contains(err.Error(), "compiling "+filepath.Join(dir, "chain.rego")+": the policy used more than --policy-timeout 50ms of CPU time") {
			t.Errorf("err = %v, want the compilation stopped, naming the big file", err)
		}
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("New took %v", d)
		}
	})
	t.Run("the built-in policy alone has no deadline", func(t *testing.T) {
		// A run paused (Ctrl-Z) or starved on a busy machine longer than the limit must not
		// fail: without a user policy nothing can loop.
		e, err := New(ctx, matrix.MustLoad(), Options{Timeout: time.Nanosecond})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Evaluate(ctx, parse(t, profilesCache), nil); err != nil {
			t.Errorf("err = %v", err)
		}
	})
}

// A policy whose evaluation grows the memory without end is stopped near the limit.
func TestPolicyMemoryIsBounded(t *testing.T) {
	defer func(old uint64) { memoryLimit = old }(memoryLimit)
	memoryLimit = 128 << 20
	var b strings.Builder
	b.WriteString("package storewise.user\n\na0 := numbers.range(1, 1000)\n")
	for i := 1; i <= 30; i++ { // 2^30 thousand elements: far past any memory
		fmt.Fprintf(&b, "a%d := array.concat(a%d, a%d)\n", i, i-1, i-1)
	}
	b.WriteString("warnings contains sprintf(\"%d\", [count(a30)])\n")
	ctx := context.Background()
	e, err := New(ctx, matrix.MustLoad(), Options{PolicyDir: writePolicy(t, "grow.rego", b.String()), Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.Decide(ctx, parse(t, ""))
	var pe *PolicyError
	if !errors.As(err, &pe) || !strings.Contains(err.Error(), "grow.rego: the policy's evaluation grew the memory past 128 MiB") {
		t.Errorf("err = %v", err)
	}
}
