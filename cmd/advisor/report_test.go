package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFormatHTMLWritesTheSameReportTwice(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1795000000")
	dir := t.TempDir()
	var pages [][]byte
	for _, name := range []string{"a.html", "b.html"} {
		path := filepath.Join(dir, name)
		if code, _, stderr := advisor(t, "--answers", "../../examples/feature-flags.yaml", "--format", "html", "--out", path); code != exitOK {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		page, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, page)
	}
	if !bytes.Equal(pages[0], pages[1]) {
		t.Error("two runs on the same answers wrote different HTML")
	}
	page := string(pages[0])
	for _, want := range []string{"<!DOCTYPE html>", "storefront feature flags", "Storewise " + version, "18 November 2026", "Use Workers KV."} {
		if !strings.Contains(page, want) {
			t.Errorf("report lacks %q", want)
		}
	}
}

func TestFormatHTMLRejectsABadSourceDateEpoch(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "last tuesday")
	path := filepath.Join(t.TempDir(), "r.html")
	code, _, stderr := advisor(t, "--answers", "../../examples/feature-flags.yaml", "--format", "html", "--out", path)
	if code != exitUsage || !strings.Contains(stderr, "SOURCE_DATE_EPOCH") {
		t.Errorf("exit %d, stderr %q: want exit 2 naming SOURCE_DATE_EPOCH", code, stderr)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("a report was written despite the error")
	}
}

func TestFormatADR(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1795000000")
	code, out, stderr := advisor(t, "--answers", "../../examples/feature-flags.yaml", "--format", "adr")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"status: proposed\ndate: 2026-11-18\n", "## Decision Outcome", `Chosen option: "Workers KV"`} {
		if !strings.Contains(out, want) {
			t.Errorf("ADR lacks %q", want)
		}
	}
}
