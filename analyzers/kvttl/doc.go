// Package kvttl defines an Analyzer that reports Workers KV expiration and cache TTL
// options out of the range KV accepts, or confused with each other.
//
// # Analyzer kvttl
//
// kvttl: expiration and cache TTL options out of the range that KV accepts, or confused with each other
//
// KV rejects a write whose expirationTtl is under 60 seconds or whose expiration (an
// absolute Unix time) is less than 60 seconds in the future, and a read whose cacheTtl is
// under 30 seconds. Callers often ignore the error of a cache write, so the value is
// never stored and the cache silently stops working: every read misses and goes to the
// origin. The pass reports, on every client API (syumai/workers PutOptions and
// GetOptions, cloudflare-go v0 WorkersKVPair, the v2–v6 NamespaceValueUpdateParams and
// bulk bodies):
//
//   - an ExpirationTTL below 60 (0 means "not set" and is not reported);
//   - an Expiration computed as time.Now() plus less than 60 seconds, or minus a
//     constant (in the past), or a small constant Expiration (before 2001), which is a
//     TTL written into the absolute field;
//   - a CacheTTL below 30;
//   - a CacheTTL longer than the ExpirationTTL the same function writes for the same
//     key: cacheTtl is how long an edge location keeps a value it read, expirationTtl
//     when the key is deleted, and reads can keep returning the value after it expired.
//
// Values are folded as constants (named constants, typed time.Duration arithmetic
// divided down to seconds, d.Seconds()); a value known only at run time (configuration,
// a computed TTL) is not reported, nor are _test.go files. The suggested fix raises a
// TTL to the minimum, or moves a TTL written as Expiration to ExpirationTTL.
package kvttl
