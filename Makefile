# Storewise: `make test` runs every test of both modules (the root module with the advisor,
# and the analyzers module, kept apart so golangci-lint can load it without OPA's
# dependencies). .ci/run calls exactly this target.
GO ?= go

.PHONY: test vet build bench

# The last line runs the kvlint passes together on one package, as every driver does
# (concurrently, sharing the model), under the race detector, which needs cgo and a C
# compiler.
test: vet
	$(GO) test -count=1 ./...
	cd analyzers && $(GO) test -count=1 ./...
	cd analyzers && CGO_ENABLED=1 $(GO) test -count=1 -race -run TestPassesRunTogether ./all

vet:
	$(GO) vet ./...
	cd analyzers && $(GO) vet ./...

build:
	mkdir -p bin
	$(GO) build -o bin/ ./cmd/...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./rules/ ./cmd/advisor/
