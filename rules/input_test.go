package rules

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/storewise/storewise/answers"
	"github.com/storewise/storewise/matrix"
)

// TestInputValueMatchesJSON holds the directly built input to what the JSON round trip
// gave the policy: same fields, and numbers with the same text (which sprintf prints).
func TestInputValueMatchesJSON(t *testing.T) {
	m := matrix.MustLoad()
	for _, src := range []string{
		"version: 1\nconsistency: read-your-writes\ndata_shape: relational\nstaleness_seconds: 300\nreads_per_month: 200M\nwrites_per_month: 2M\n",
		"version: 1\nreads_per_month: 3e12\nwrites_per_month: 7\ndataset_gb: 0.0000001\nvalue_bytes: 12345678\nmax_value_bytes: 30000000\nhot_key_writes_per_second: 0.25\n",
	} {
		a, err := answers.Parse("t.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		d := derive(m, Costs(m, a), a)
		raw, err := json.Marshal(map[string]any{"answers": a, "derived": d})
		if err != nil {
			t.Fatal(err)
		}
		want, err := ast.ValueFromReader(bytes.NewReader(raw))
		if err != nil {
			t.Fatal(err)
		}
		got, err := inputValue(a, d)
		if err != nil {
			t.Fatal(err)
		}
		if ast.Compare(got, want) != 0 || got.String() != want.String() {
			t.Errorf("input differs:\n got %v\nwant %v", got, want)
		}
	}
}
