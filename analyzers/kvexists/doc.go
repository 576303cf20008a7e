// Package kvexists defines an Analyzer that reports check-then-act on Workers KV keys.
//
// # Analyzer kvexists
//
// kvexists: a read of a key whose found / not-found outcome decides a write or another side effect (check-then-act): races, and the negative-cache trap
//
// A get of a key whose outcome is tested by a branch (the client's not-found signal:
// "<null>" for syumai/workers GetString, *cloudflare.NotFoundError for cloudflare-go v0,
// status 404 for cloudflare-go v2 and later, or a plain error test), with a put or delete of
// the same key on one side of the branch: claiming a name, reserving a slug, consuming a
// one-time token, taking a lock. Two requests can both see "missing" and both act, and KV
// caches a missing key at the edge, so a key just created can still read as missing for
// up to 60 seconds. Enforce uniqueness with a D1 unique constraint, or serialise the
// decision in a Durable Object.
//
// The cache-aside pattern is not reported: the put is on the missing side of some test
// of the read (not necessarily the last one: "if err == nil { return v }" then a
// not-found test guarding the fill is cache-aside too), the other side of that test uses
// the value read, and the value written does not come from the read (it was loaded from
// the origin). Using the value is returning it (or a comparison of it with a constant,
// a cached decision: return v == "allow"), passing it to a call, storing it into the
// caller's memory, sending it on a channel, or putting it into a map or slice that
// leaves the function (out[id] = v in a loop that fills the result). A claim's found
// side only rejects, or asks "is it mine?" (v == owner), so a claim stays reported.
// Mentioning the value is not using it: in an error (fmt.Errorf), a log line (log,
// log/slog, fmt.Fprint* to os.Stderr, fmt.Print* in a Worker), or an error response (http.Error,
// c.String(409, ...), a write after w.WriteHeader(409)); writing it to a response with
// status 200 serves it. A plain error test (err != nil) counts only for writes on the
// error side; a write after "return err" is not a check. Nor is a write whose key is
// read from memory that may change after the read (c.Name = c.Fallback): another key.
//
// A function named for existence (Exists, Has..., Contains..., IsSet) that returns
// err == nil of a syumai/workers GetString is reported: it says every key exists.
//
// A put on the error side of a syumai/workers GetString is reported as the wrong signal
// even when it fills a cache, unless the function also tests "<null>": GetString
// returns "<null>" and a nil error for a missing key, so that cache never fills and
// serves "<null>".
//
// It also reports a syumai/workers GetString result compared with "": GetString returns
// the string "<null>" and a nil error for a missing key, so that test never sees one. A
// function that also compares the result with "<null>" is not reported: there "" is a
// stored empty value. Neither is a test of the result of a wrapper that returns
// something else ("") when it reads "<null>": that wrapper has its own signal. Nor is a
// test of a value only parsed as a number (strconv.Atoi, ParseInt, ParseFloat): "<null>"
// parses to the same 0 as "", so the test is redundant, not wrong.
//
// On syumai/workers-go v0.35+ (also through the old import path, now aliases) a missing
// key is the error kv.ErrNotFound with the value "": a comparison with "<null>", left
// from code written for earlier versions, never sees one and is reported, unless the
// function also tests the sentinel. On the generated exp layer a missing key is a nil
// result with a nil error: v == nil is the test, and a write on the error branch is the
// wrong signal.
package kvexists
