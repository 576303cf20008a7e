package web_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/storewise/storewise/rules"
	"github.com/storewise/storewise/web"
)

func TestMarkdownShowsFindingsCode(t *testing.T) {
	r := evaluate(t, "feature-flags.yaml", []rules.Finding{{Analyzer: "kvrmw", File: "a.go", Line: 3, Message: "m",
		Code: "s := \"```\" // <script>alert(1)</script>\nkv.Put(k, s)"}})
	var buf bytes.Buffer
	if err := web.Markdown(&buf, r); err != nil {
		t.Fatal(err)
	}
	want := "- `a.go:3` m (kvrmw)\n\n  ````go\n  s := \"```\" // <script>alert(1)</script>\n  kv.Put(k, s)\n  ````\n"
	if !strings.Contains(buf.String(), want) {
		t.Errorf("markdown findings lack the code in a fence longer than its backticks; got:\n%s", buf.String())
	}
}
