package answers

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/storewise/storewise/matrix"
)

// ParseQuantity reads a number the way people write it in an interview or an answers file:
// counts as 1e6, 2M, 500k or 2,000,000; sizes as 25MiB or 100 KB; durations as 90, 5m or
// 1h; data sets as 10, 500MB or 1.5TB (in GB). The unit is the question's.
func ParseQuantity(unit, s string) (float64, error) {
	t := strings.TrimSpace(s)
	if t == "" {
		return 0, fmt.Errorf("no number")
	}
	t = strings.ReplaceAll(t, "_", "")
	if strings.Contains(t, ",") {
		// A comma only groups thousands (2,000,000): "1,5M" is a decimal comma, and reading
		// it as 15M would be off tenfold without a word.
		n := strings.IndexFunc(t, func(r rune) bool { return !strings.ContainsRune("+-0123456789,.", r) })
		if n < 0 {
			n = len(t)
		}
		if !thousands.MatchString(t[:n]) {
			return 0, errDecimalComma
		}
		t = strings.ReplaceAll(t, ",", "")
	}
	if v, err := strconv.ParseFloat(t, 64); err == nil {
		return finite(v)
	}
	num, suffix := splitNumber(t)
	if num == "" {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	v, err := strconv.ParseFloat(num, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	suffix = strings.TrimSpace(suffix)
	var scale float64
	switch unit {
	case matrix.UnitCount, matrix.UnitPerSecond:
		scale = countSuffix[strings.ToLower(suffix)]
	case matrix.UnitBytes:
		scale = byteSuffix[strings.ToLower(suffix)]
	case matrix.UnitGB:
		// Only a unit of bytes (500MB, 1.5TiB): a bare letter is a count in every other
		// question, so "10k" could mean ten thousand GB as well as ten kilobytes.
		if l := strings.ToLower(suffix); len(l) >= 2 && strings.HasSuffix(l, "b") && byteSuffix[l] > 0 {
			scale = byteSuffix[l] / 1e9
		}
	case matrix.UnitSeconds:
		if d, err := time.ParseDuration(t); err == nil {
			return finite(d.Seconds())
		}
		switch strings.ToLower(suffix) {
		case "d", "day", "days":
			scale = 86400
		}
	}
	if scale == 0 {
		return 0, fmt.Errorf("%q: unknown suffix %q (%s)", s, suffix, QuantityHelp(unit))
	}
	return finite(v * scale)
}

var errDecimalComma = errors.New("a comma only separates thousands (2,000,000); write decimals with a dot (1.5M)")

// thousands is a number whose commas group its digits by three.
var thousands = regexp.MustCompile(`^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$`)

func finite(v float64) (float64, error) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("not a finite number")
	}
	return v, nil
}

// splitNumber splits "2.5MiB" into "2.5" and "MiB".
func splitNumber(s string) (string, string) {
	i := 0
	for i < len(s) && (s[i] >= '0' && s[i] <= '9' || s[i] == '.' || s[i] == '-' || s[i] == '+' ||
		(i > 0 && (s[i] == 'e' || s[i] == 'E') && i+1 < len(s) && (s[i+1] >= '0' && s[i+1] <= '9' || s[i+1] == '-'))) {
		i++
	}
	return s[:i], s[i:]
}

var countSuffix = map[string]float64{
	"k": 1e3, "thousand": 1e3,
	"m": 1e6, "mn": 1e6, "million": 1e6,
	"b": 1e9, "bn": 1e9, "g": 1e9, "billion": 1e9,
	"t": 1e12, "trillion": 1e12,
}

var byteSuffix = map[string]float64{
	"": 1, "b": 1, "byte": 1, "bytes": 1,
	"k": 1e3, "kb": 1e3, "kib": 1 << 10,
	"m": 1e6, "mb": 1e6, "mib": 1 << 20,
	"g": 1e9, "gb": 1e9, "gib": 1 << 30,
	"t": 1e12, "tb": 1e12, "tib": 1 << 40,
}

// QuantityName says what a number of the unit counts ("number of bytes"), for help.
func QuantityName(unit string) string {
	switch unit {
	case matrix.UnitPerSecond:
		return "number per second"
	case matrix.UnitBytes:
		return "number of bytes"
	case matrix.UnitGB:
		return "number of GB"
	case matrix.UnitSeconds:
		return "number of seconds"
	}
	return "number"
}

// QuantityHelp says how a number of the unit may be written, as the interview shows it
// ("write 1e6, 2M, 500k or 2,000,000"): the forms ParseQuantity reads.
func QuantityHelp(unit string) string {
	switch unit {
	case matrix.UnitCount, matrix.UnitPerSecond:
		return "write 1e6, 2M, 500k or 2,000,000"
	case matrix.UnitBytes:
		return "write 512, 100 KB, 25MiB or 2MB"
	case matrix.UnitGB:
		return "write GB as 10, or 500MB, 1.5TB"
	case matrix.UnitSeconds:
		return "write seconds as 90, or 5m, 1h, 1d"
	}
	return "write a number"
}

// FormatQuantity writes a number back in the short form ParseQuantity reads.
func FormatQuantity(unit string, v float64) string {
	for _, u := range shortForms[unit] {
		if v >= u.n && math.Mod(v, u.step) == 0 {
			return strconv.FormatFloat(v/u.n, 'f', -1, 64) + u.suffix
		}
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// shortForms lists, per unit, the suffixes FormatQuantity tries, first fit wins: a value
// takes a suffix from its size n up when it is a whole multiple of step (binary sizes
// exactly, decimal ones to two decimals: 2.5MB, not 2.500001MB).
var shortForms = map[string][]struct {
	suffix  string
	n, step float64
}{
	matrix.UnitBytes: {
		{"GiB", 1 << 30, 1 << 30}, {"MiB", 1 << 20, 1 << 20}, {"KiB", 1 << 10, 1 << 10},
		{"GB", 1e9, 1e9 / 100}, {"MB", 1e6, 1e6 / 100}, {"KB", 1e3, 1e3 / 100},
	},
	matrix.UnitCount: {{"B", 1e9, 1e9 / 100}, {"M", 1e6, 1e6 / 100}, {"k", 1e3, 1e3 / 100}},
}
