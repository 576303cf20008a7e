// Package kvrmw defines an Analyzer that reports read-modify-write cycles on one Workers
// KV key.
//
// # Analyzer kvrmw
//
// kvrmw: read-modify-write of one KV key: a value read from a key flows into a write of the same key (counters, appends, toggles): lost updates under concurrency
//
// A get of a key whose result flows (through parsing, arithmetic, append, JSON decoding
// into a struct, string building) into a put of the same key in the same namespace, later
// in the same function or closure, including through wrapper functions. Workers KV has no
// atomic update and no transactions: two requests can both read 5 and both write 6, and
// one increment is lost; concurrent writes to a key are last-write-wins and reads can be
// up to 60 seconds stale. Keep counters, balances, inventories and rate limits in a
// Durable Object (or use the Rate Limiting binding for rate limits).
//
// A value that is only compared (if v == "on") is not a flow: that shape belongs to
// kvexists. Nor is a variable filled from the read and then replaced whole on every path
// before the write (p = next). A put whose key or namespace is not certainly the one
// read is not reported, nor one whose key is read from memory written since the get
// (req.Key = other; a store to the package variable a key helper such as poolKey()
// reads), nor a rollback: the value read written back only on the failure side of a
// step after another write of the key (put(k, "pro"); if err := charge(); err != nil {
// put(k, old) }), where the first write is judged on its own. A retry loop around a
// read-modify-write is still reported.
package kvrmw
