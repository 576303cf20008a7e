// Command factonly is the baseline of scripts/bench-kvlint.sh: a go/analysis driver
// running one analyzer that does nothing but declare a fact type. It measures what any
// fact-using analyzer costs (loading, type checking from source, fact encoding), so that
// kvlint's own cost can be compared with it. It drives the analyzer as cmd/kvlint drives
// its own (packages.Load with the tests, then go/analysis/checker), so that the ratio
// measures the analyzers and not a difference between drivers.
package main

import (
	"fmt"
	"os"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/checker"
	"golang.org/x/tools/go/packages"
)

type noFact struct{}

func (*noFact) AFact() {}

var analyzer = &analysis.Analyzer{
	Name:      "factonly",
	Doc:       "factonly does nothing; it declares a fact type so the driver analyses dependencies as kvlint does",
	FactTypes: []analysis.Fact{new(noFact)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() {
	cfg := &packages.Config{Mode: packages.LoadAllSyntax | packages.NeedModule, Tests: true}
	pkgs, err := packages.Load(cfg, os.Args[1:]...)
	if err != nil {
		fmt.Fprintln(os.Stderr, "factonly:", err)
		os.Exit(1)
	}
	if _, err := checker.Analyze([]*analysis.Analyzer{analyzer}, pkgs, nil); err != nil {
		fmt.Fprintln(os.Stderr, "factonly:", err)
		os.Exit(1)
	}
}
