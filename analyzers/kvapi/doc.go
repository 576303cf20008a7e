// Package kvapi is the model of the Workers KV client APIs shared by the kv passes, and
// only that (ARCHITECTURE.md, "kvlint's layers"): each client described as data
// (clients.go: import paths, operations, argument positions, not-found signal), the
// operations of a function (Op, FuncOps), what a branch tests about a get (Outcome),
// key identity (SameEntry, KeyMemoryChanged), wrappers as facts, the option fields a call
// sets (Settings), and the Reporter the checks share with //kvlint:ignore. Generic SSA
// reasoning (flow, taint, terms, memory, branch conditions) is internal/ssaflow's;
// knowledge of other code (what known functions do) is internal/effects'. A test in
// analyzers/all bounds the names it exports.
//
// kvlint: the KV API model and //kvlint:ignore directives
//
// It turns calls of github.com/syumai/workers/cloudflare/kv, github.com/cloudflare/cloudflare-go
// (v0) and the kv service of github.com/cloudflare/cloudflare-go/v2..v6 into KV operations
// (get, put, delete, list) with their namespace, key, value and options, recognised by
// package path and receiver type, never by method name. A function that passes its
// parameter as the key of an operation is a wrapper: it is exported as a fact so that its
// callers, in this package and in importers, see its calls as operations too. Wrappers the
// analysis cannot see (interface methods) can be named with -kvlint.wrappers.
//
// This analyzer reports only directives that cannot work: //kvlint:ignore without an
// analyzer name, without a reason after --, or naming an unknown analyzer.
package kvapi
