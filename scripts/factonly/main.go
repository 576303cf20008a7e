// Command factonly is the baseline of scripts/bench-kvlint.sh: a go/analysis driver
// running one analyzer that does nothing but declare a fact type. It measures what any
// fact-using analyzer costs (loading, type checking from source, fact encoding), so that
// kvlint's own cost can be compared with it.
package main

import (
	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/multichecker"
)

type noFact struct{}

func (*noFact) AFact() {}

var analyzer = &analysis.Analyzer{
	Name:      "factonly",
	Doc:       "factonly does nothing; it declares a fact type so the driver analyses dependencies as kvlint does",
	FactTypes: []analysis.Fact{new(noFact)},
	Run:       func(*analysis.Pass) (any, error) { return nil, nil },
}

func main() { multichecker.Main(analyzer) }
