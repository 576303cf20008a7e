package main

import (
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// --out on a symbolic link writes where the link leads, atomically there, and keeps the link.
func TestOutFollowsASymbolicLink(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "reports", "rec.txt")
	if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(real, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "latest.txt")
	if err := os.Symlink(filepath.Join("reports", "rec.txt"), link); err != nil {
		t.Fatal(err)
	}
	code, _, stderr := advisor(t, "--answers", "testdata/feature-flags.yaml", "--out", link)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the link was replaced: %v, %v", info.Mode(), err)
	}
	data, _ := os.ReadFile(real)
	if !strings.Contains(string(data), "Storewise recommendation") {
		t.Errorf("the link's target holds %q, want the report", data)
	}
	if info, _ := os.Stat(real); info.Mode().Perm() != 0o600 {
		t.Errorf("the target's permissions became %v, want its own 0600", info.Mode().Perm())
	}
	for _, d := range []string{dir, filepath.Dir(real)} {
		entries, _ := os.ReadDir(d)
		for _, e := range entries {
			if strings.Contains(e.Name(), ".tmp-") {
				t.Errorf("temporary file left in %s: %s", d, e.Name())
			}
		}
	}
	// A link to a report not written yet: the report is created where it points.
	dangling := filepath.Join(dir, "next.txt")
	if err := os.Symlink(filepath.Join("reports", "new.txt"), dangling); err != nil {
		t.Fatal(err)
	}
	if code, _, stderr := advisor(t, "--answers", "testdata/feature-flags.yaml", "--out", dangling); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if info, err := os.Lstat(dangling); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the dangling link was replaced")
	}
	if _, err := os.Stat(filepath.Join(dir, "reports", "new.txt")); err != nil {
		t.Errorf("the link's target was not written: %v", err)
	}
}

// --out on a FIFO (or a device: /dev/null, /dev/stdout) writes through it and leaves it as
// it is, never replacing it with a regular file.
func TestOutWritesThroughAFIFO(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan string, 1)
	go func() {
		f, err := os.Open(fifo) // waits for the writer
		if err != nil {
			got <- err.Error()
			return
		}
		data, _ := io.ReadAll(f)
		f.Close()
		got <- string(data)
	}()
	code, _, stderr := advisor(t, "--answers", "testdata/feature-flags.yaml", "--out", fifo)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	select {
	case s := <-got:
		if !strings.Contains(s, "Storewise recommendation") {
			t.Errorf("the reader got %q, want the report", s)
		}
	case <-time.After(10 * time.Second):
		t.Error("nothing was written into the FIFO")
	}
	if info, err := os.Lstat(fifo); err != nil || info.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v, %v", info.Mode(), err)
	}
}

// A directory --out cannot create a file in is refused before anything is evaluated.
func TestOutInADirectoryThatCannotBeWritten(t *testing.T) {
	dir := "/proc" // no file can be made here, as root either
	if os.Getuid() != 0 {
		dir = t.TempDir()
		if err := os.Chmod(dir, 0o500); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "rec.txt")
	code, stdout, stderr := advisor(t, "--answers", "testdata/feature-flags.yaml", "--out", out)
	if code != 2 || stdout != "" || !strings.Contains(stderr, "--out "+out+": directory "+dir+" cannot be written") {
		t.Errorf("exit %d, stderr %q; want 2 and the directory named", code, stderr)
	}
}

// SIGINT or SIGTERM while the report is being written removes the temporary file; the old
// report stays as it was.
func TestSignalDuringAWriteLeavesNoTemporaryFile(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "rec.txt")
			if err := os.WriteFile(out, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			// This test binary, run again as the writer (TestHelperWriteThenSignal).
			cmd := exec.Command(os.Args[0], "-test.run=^TestHelperWriteThenSignal$")
			cmd.Env = append(os.Environ(), "ADVISOR_HELPER_OUT="+out, "ADVISOR_HELPER_SIGNAL="+sig.String())
			err := cmd.Run()
			exit, _ := err.(*exec.ExitError)
			if want := 128 + int(sig); exit == nil || exit.ExitCode() != want {
				t.Errorf("the writer ended with %v, want exit %d", err, want)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				var names []string
				for _, e := range entries {
					names = append(names, e.Name())
				}
				t.Errorf("files left: %v, want only rec.txt", names)
			}
			if data, _ := os.ReadFile(out); string(data) != "old" {
				t.Errorf("the old report became %q", data)
			}
		})
	}
}

// TestHelperWriteThenSignal is the writer of TestSignalDuringAWriteLeavesNoTemporaryFile:
// it starts writing the report, is signalled halfway, and would block for ever.
func TestHelperWriteThenSignal(t *testing.T) {
	out := os.Getenv("ADVISOR_HELPER_OUT")
	if out == "" {
		return // run by TestSignalDuringAWriteLeavesNoTemporaryFile only
	}
	sig := syscall.SIGINT
	if os.Getenv("ADVISOR_HELPER_SIGNAL") == syscall.SIGTERM.String() {
		sig = syscall.SIGTERM
	}
	_ = replaceFile(out, func(w io.Writer) error {
		io.WriteString(w, "half a rep")
		syscall.Kill(os.Getpid(), sig)
		time.Sleep(time.Minute)
		return nil
	})
	t.Fatal("the signal did not end the write")
}
