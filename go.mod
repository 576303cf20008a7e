module github.com/storewise/storewise

go 1.26.0

require (
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.2
	github.com/storewise/storewise/analyzers v0.0.0
)

require golang.org/x/text v0.14.0 // indirect

require (
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/tools v0.52.0
)

replace github.com/storewise/storewise/analyzers => ./analyzers
