# Storewise: `make test` runs every test of both modules (the root module with the advisor,
# and the analyzers module, kept apart so golangci-lint can load it without OPA's
# dependencies). .ci/run calls exactly this target.
#
# The expensive builds are steps of their own, before the tests and each timed: golangci-lint
# with kvlint takes minutes to build on a fresh 2-core machine, which inside `go test` would
# sit silent and near its 10-minute timeout. scripts/golangci-custom.sh keeps what it builds
# in its cache, where the tests of scripts/golangci find it (a warm run takes a second).
GO ?= go

.PHONY: test vet build bench golangci-lint

# step NAME COMMAND: prints what runs, runs it, prints how long it took.
step = @printf '\n== %s\n' $(1) >&2; start=$$(date +%s); $(2); status=$$?; \
	printf '== %s: %ss\n' $(1) $$(( $$(date +%s) - start )) >&2; exit $$status

# The last test line runs the kvlint passes together on one package, as every driver does
# (concurrently, sharing the model), under the race detector, which needs cgo and a C
# compiler. go test prints each package as it finishes. The end-to-end packages run real
# tools (kvlint over the standard library and over cloudflare-go, golangci-lint, Chromium):
# minutes each on an idle 2-core machine, several times that on a shared one, hence a
# timeout of 30 minutes rather than go test's 10.
TIMEOUT ?= 30m
test: vet golangci-lint
	$(call step,"go test (root module)",$(GO) test -count=1 -timeout $(TIMEOUT) ./...)
	$(call step,"go test (analyzers module)",cd analyzers && $(GO) test -count=1 -timeout $(TIMEOUT) ./...)
	$(call step,"go test -race (kvlint passes together)",cd analyzers && CGO_ENABLED=1 $(GO) test -count=1 -race -run TestPassesRunTogether ./all)

vet:
	$(call step,"go vet (root module; compiles every package)",$(GO) vet ./...)
	$(call step,"go vet (analyzers module)",cd analyzers && $(GO) vet ./...)

# Both ways of building golangci-lint with kvlint that scripts/golangci tests: from the Go
# module proxy, and golangci-lint custom cloning a local git copy.
golangci-lint:
	$(call step,"build golangci-lint with kvlint from the module proxy (minutes when cold)",scripts/golangci-custom.sh proxy >/dev/null)
	$(call step,"build golangci-lint with kvlint by golangci-lint custom",scripts/golangci-custom.sh custom >/dev/null)

build:
	mkdir -p bin
	$(GO) build -o bin/ ./cmd/...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./rules/ ./cmd/advisor/
