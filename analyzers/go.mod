module github.com/storewise/storewise/analyzers

go 1.26
