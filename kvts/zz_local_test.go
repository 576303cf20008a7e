package kvts

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestLocalRun(t *testing.T) {
	for _, dir := range strings.Fields(os.Getenv("KVTS_DIRS")) {
		res, err := Lint(context.Background(), dir, Options{Base: "/tmp/repos"})
		if err != nil {
			fmt.Println("ERR", err)
			continue
		}
		fmt.Printf("== %s files=%d bindings=%v skipped=%d\n", dir, res.Files, res.Bindings, len(res.Skipped))
		for _, f := range res.Findings {
			fmt.Printf("%s:%d:%d: (%s) %.150s\n", f.File, f.Line, f.Col, f.Analyzer, f.Message)
		}
	}
}
