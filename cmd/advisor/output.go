package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"github.com/storewise/storewise/rules"
)

func writeJSON(w io.Writer, rec *rules.Recommendation) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rec)
}

// writeFileAtomic writes data to path, where --out or the interview says. A regular file or
// a new path is replaced atomically (replaceFile); a symbolic link is followed, its target
// replaced in its own directory and the link kept; a device, a FIFO or another file that is
// not regular (/dev/null, /dev/stdout) is written through, never replaced.
func writeFileAtomic(path string, data []byte) error {
	if info, err := os.Stat(path); err == nil && !info.Mode().IsRegular() {
		if info.IsDir() {
			return fmt.Errorf("writing %s: is a directory", path)
		}
		f, err := os.OpenFile(path, os.O_WRONLY, 0)
		if err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		_, err = f.Write(data)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return fmt.Errorf("writing %s: %w", path, err)
		}
		return nil
	}
	target, err := followLinks(path)
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return replaceFile(target, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// followLinks resolves path's symbolic links, itself included, to the file they name, which
// may not exist yet (a link to a report not written yet).
func followLinks(path string) (string, error) {
	for range 40 { // as the kernel's own limit
		info, err := os.Lstat(path)
		if err != nil || info.Mode()&fs.ModeSymlink == 0 {
			return path, nil
		}
		target, err := os.Readlink(path)
		if err != nil {
			return "", err
		}
		if !filepath.IsAbs(target) {
			target = filepath.Join(filepath.Dir(path), target)
		}
		path = target
	}
	return "", errors.New("too many levels of symbolic links")
}

// replaceFile writes a temporary file beside path and renames it into place, so a reader
// never sees half a report and an interrupted run leaves the old file as it was. SIGINT or
// SIGTERM during the write removes the temporary file before the process ends.
func replaceFile(path string, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer removeOnSignal(tmp.Name())()
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	// The report replaces a file with the file's own permissions (a private 0600 report
	// stays private); a new file gets the usual 0644.
	mode := os.FileMode(0o644)
	if info, err := os.Stat(path); err == nil {
		mode = info.Mode().Perm()
	}
	if err := os.Chmod(tmp.Name(), mode); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}

// removeOnSignal removes the file tmp if SIGINT or SIGTERM arrives before the returned
// function is called, and ends the process with the signal's status (130, 143).
func removeOnSignal(tmp string) func() {
	sig := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		select {
		case s := <-sig:
			os.Remove(tmp)
			fmt.Fprintln(os.Stderr, "\nadvisor: interrupted")
			os.Exit(128 + int(s.(syscall.Signal)))
		case <-done:
		}
	}()
	return func() { signal.Stop(sig); close(done) }
}

// checkOut says why --out PATH cannot be written: its directory is missing, not a directory
// or not writable, or PATH is a directory. "" and "-" are standard output; a device or a
// FIFO must open for writing. A symbolic link is checked where it leads.
func checkOut(path string) error {
	if path == "" || path == "-" {
		return nil
	}
	if info, err := os.Stat(path); err == nil {
		switch {
		case info.IsDir():
			return errors.New("is a directory; give a file name")
		case !info.Mode().IsRegular():
			return nil // opened when written: a FIFO's open waits for its reader
		}
	}
	target, err := followLinks(path)
	if err != nil {
		return err
	}
	dir := filepath.Dir(target)
	info, err := os.Stat(dir)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("directory %s does not exist", dir)
	case err != nil:
		return err
	case !info.IsDir():
		return fmt.Errorf("%s is not a directory", dir)
	}
	// The report is written beside its target and renamed: try that now, as root too
	// (permissions say nothing of a read-only file system).
	f, err := os.CreateTemp(dir, ".advisor-check-*")
	if err != nil {
		cause := errors.Unwrap(err) // the system's reason, not the temporary name
		if cause == nil {
			cause = err
		}
		return fmt.Errorf("directory %s cannot be written: %w", dir, cause)
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}
