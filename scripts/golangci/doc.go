// Package golangci holds the end-to-end test of kvlint inside golangci-lint: it builds the
// custom golangci-lint with scripts/golangci-custom.sh (both the module-proxy flow and
// golangci-lint custom) and runs it, as a user's CI would, over the end-to-end module of
// cmd/kvlint. It has no code of its own; it lives in the root module so that make test
// runs it, in a package of its own so that its builds get their own test timeout.
package golangci
