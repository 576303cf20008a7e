package answers

import (
	"errors"
	"fmt"
	"runtime"
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

// zeros is endless input, like /dev/zero or a runaway pipe.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// A file over 1 MiB, and endless input, are refused before they are parsed.
func TestInputOverOneMebibyteIsRefused(t *testing.T) {
	big := []byte("version: 1\nworkload: \"" + strings.Repeat("x", MaxFileBytes) + "\"\n")
	_, err := Parse("big.yaml", big)
	var e *Error
	if !errors.As(err, &e) || !strings.Contains(err.Error(), "big.yaml: larger than 1048576 bytes (1 MiB)") {
		t.Errorf("err = %v", err)
	}
	_, err = Read("<stdin>", zeros{})
	if !errors.As(err, &e) || !strings.Contains(err.Error(), "<stdin>: larger than 1048576 bytes") {
		t.Errorf("endless input: err = %v", err)
	}
}

// A file of many bad lines lists a screenful of errors and says how many more, and
// reading it takes memory in proportion to the file, not to the errors' messages.
func TestManyErrorsAreCountedNotListed(t *testing.T) {
	var b strings.Builder
	b.WriteString("version: 1\n")
	n := 0
	for ; b.Len() < MaxFileBytes-20; n++ {
		fmt.Fprintf(&b, "k%d: 1\n", n)
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := Parse("keys.yaml", []byte(b.String()))
	runtime.ReadMemStats(&after)
	lines := strings.Split(err.Error(), "\n")
	if len(lines) != MaxErrors+1 || lines[MaxErrors] != fmt.Sprintf("… and %d more errors", n-MaxErrors) {
		t.Errorf("%d lines, the last %q; want %d errors and how many more", len(lines), lines[len(lines)-1], MaxErrors)
	}
	if !strings.HasPrefix(lines[0], "keys.yaml:2: field k0: unknown field") {
		t.Errorf("first error %q", lines[0])
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 150*MaxFileBytes {
		t.Errorf("parsing a 1 MiB file allocated %d MiB", alloc>>20)
	}
}
