package kvapi

import (
	"strings"
	"testing"
)

type name string

func (n name) String() string { return string(n) }

// A pass that panics on one function fails with an error naming the pass, the function
// and the panic, and the other functions are still checked.
func TestGuardTurnsAPanicIntoAnError(t *testing.T) {
	var nilMap map[string]int
	err := guard("kvrmw", name("example.com/app.Handler"), func() { nilMap["x"]++ })
	if err == nil {
		t.Fatal("a panic was not turned into an error")
	}
	for _, want := range []string{"internal error in kvrmw on example.com/app.Handler", "assignment to entry in nil map", "please report it"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%s", want, err)
		}
	}
	if err := guard("kvrmw", name("f"), func() {}); err != nil {
		t.Errorf("no panic, yet %v", err)
	}
}
