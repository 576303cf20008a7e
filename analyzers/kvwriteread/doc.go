// Package kvwriteread defines an Analyzer that reports reads of a Workers KV key after a
// write of the same key.
//
// # Analyzer kvwriteread
//
// kvwriteread: a write (put or delete) of a key followed, on some path, by a read of the same key: the read can return the old value
//
// A put or delete of a key followed, on some path through the same function or closure
// (loop back edges excluded), by a get of the same key in the same namespace. Workers KV
// does not guarantee read-your-own-writes, even in the same location: the write goes to
// the central store while the read is served from the edge cache, which can keep the old
// value (or the old "not found") for 60 seconds or more. Use the value you wrote instead
// of reading it back; if another request must see the write at once, keep the data in D1
// or a Durable Object.
//
// Reads in another handler or request are out of reach of this check. Reads in _test.go
// files are not reported: tests read back what they wrote to check the code under test.
// Nor are reads that run only when the write returned an error (if err := put(); err !=
// nil { get() }): nothing was written; nor reads whose key is read from memory that may
// change after the write (put("k:"+c.Key); c.Next(); get("k:"+c.Key)): another key.
package kvwriteread
