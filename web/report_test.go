package web_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/storewise/storewise/answers"
	"github.com/storewise/storewise/matrix"
	"github.com/storewise/storewise/rules"
	"github.com/storewise/storewise/web"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata from the current output")

// reportDate is fixed so reports and goldens do not change with the day the tests run.
var reportDate = time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC)

var (
	engineOnce sync.Once
	engine     *rules.Engine
	engineErr  error
)

// evaluate runs the real engine on an answers file in testdata, so the report is tested on
// what the advisor actually produces.
func evaluate(t testing.TB, name string, findings []rules.Finding) *rules.Recommendation {
	t.Helper()
	engineOnce.Do(func() {
		engine, engineErr = rules.New(context.Background(), matrix.MustLoad(), rules.Options{})
	})
	if engineErr != nil {
		t.Fatal(engineErr)
	}
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	a, err := answers.Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	r, err := engine.Evaluate(context.Background(), a, findings)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Payloads a finding can carry: kvlint quotes the user's code, and code is free text.
const (
	hostileMessage = `read-modify-write of key <b id="injected-msg">k</b><script>window.__pwned='message'</script>`
	hostileCode    = "\tn, _ := strconv.Atoi(v) // </code></pre><script>window.__pwned='code'</script>\n\tkv.Put(ctx, \"<img src=x onerror=window.__pwned='code-img'>\", n+1)"
	hostileFile    = "handlers/`<svg onload=\"window.__pwned='file'\">`.go"
)

func sampleFindings() []rules.Finding {
	return []rules.Finding{
		{Analyzer: "kvrmw", File: "handlers/counter.go", Line: 42, Column: 3, Message: "read-modify-write of one KV key: the value read from \"hits\" flows into a write of the same key; concurrent requests lose updates",
			Code: "\tv, _ := ns.GetString(\"hits\", nil)\n\tn, _ := strconv.Atoi(v)\n\tns.PutString(\"hits\", strconv.Itoa(n+1), nil)"},
		{Analyzer: "kvexists", File: "handlers/signup.go", Line: 17, Message: "the outcome of reading \"user:\"+name decides a write of the same key (check-then-act)", Code: "\tif v, _ := ns.GetString(key, nil); v == \"<null>\" {"},
	}
}

func hostileFindings() []rules.Finding {
	return []rules.Finding{{Analyzer: "kvrmw", File: hostileFile, Line: 7, Message: hostileMessage, Code: hostileCode}}
}

func renderHTML(t testing.TB, r *rules.Recommendation) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := web.HTML(&buf, r, web.HTMLOptions{Version: "9.9.9-test", Date: reportDate}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
