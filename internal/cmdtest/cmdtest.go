// Package cmdtest runs a command for an end-to-end test, as a user would in a module of
// their own: in dir, with GOWORK=off and GOFLAGS=-mod=readonly (the test modules pin
// their dependencies in their own go.mod and go.sum, fetched through the module proxy).
package cmdtest

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"testing"
)

// Run runs name with args in dir, the environment extended by env, and returns its
// output and exit status. A command that cannot start fails the test.
func Run(t testing.TB, dir string, env []string, name string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(append(os.Environ(), "GOWORK=off", "GOFLAGS=-mod=readonly"), env...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("%s %v: %v", name, args, err)
	}
	return out.String(), errb.String(), code
}
