package answers

import (
	"errors"
	"strings"
	"testing"
)

// Every number has a documented upper bound; beyond it the value is refused like a
// negative one, naming the field and its line (1e308 once crashed the policy's input).
func TestNumbersAboveTheirBoundAreRefused(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"reads_per_month: 1e308", "x.yaml:2: field reads_per_month: 1e308 is above the maximum 1e16 (number)"},
		{"dataset_gb: 1e306", "x.yaml:2: field dataset_gb: 1e306 is above the maximum 1e9 (number of GB)"},
		{"writes_per_month: 2e16", "field writes_per_month: 2e16 is above the maximum 1e16"},
		{"value_bytes: 2PB", "field value_bytes"},
		{"staleness_seconds: 1e10", "field staleness_seconds: 1e10 is above the maximum 1e9"},
		{"hot_key_writes_per_second: 1e300", "field hot_key_writes_per_second: 1e300 is above the maximum 1e9"},
		{`max_value_bytes: "1e20"`, "field max_value_bytes: 1e20 is above the maximum 1e15 (number of bytes)"},
	} {
		_, err := Parse("x.yaml", []byte("version: 1\n"+c.src+"\n"))
		var e *Error
		if !errors.As(err, &e) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", c.src, err, c.want)
		}
	}
	// The bound itself is accepted.
	if _, err := Parse("x.yaml", []byte("version: 1\nreads_per_month: 1e16\ndataset_gb: 1e9\n")); err != nil {
		t.Errorf("the bounds themselves: %v", err)
	}
}

// The largest value is never below the typical one: given alone, it caps the typical
// value's default.
func TestLargestValueAloneCapsTheTypicalOne(t *testing.T) {
	a, err := Parse("x.yaml", []byte("version: 1\nmax_value_bytes: 50\n"))
	if err != nil {
		t.Fatal(err)
	}
	if a.ValueBytes > a.MaxValueBytes {
		t.Errorf("value_bytes %v above max_value_bytes %v", a.ValueBytes, a.MaxValueBytes)
	}
	if !strings.Contains(strings.Join(a.Assumptions, "\n"), "value_bytes not given: assumed 50") {
		t.Errorf("assumptions %q", a.Assumptions)
	}
}
