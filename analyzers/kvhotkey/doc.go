// Package kvhotkey defines an Analyzer that reports one Workers KV key written
// repeatedly: in a loop, or twice on one path of a function.
//
// # Analyzer kvhotkey
//
// kvhotkey: the same key written repeatedly (in a loop, or more than once per request): KV allows about one write per second per key
//
// Workers KV accepts about one write per second to the same key; faster writes fail with
// 429 Too Many Requests, and concurrent writes are last-write-wins, so intermediate
// values are lost anyway. The pass reports a put:
//
//   - inside a loop, when its key and namespace are the same in every iteration (they do
//     not depend on the range or induction variable) and the loop can go round again
//     after the put: progress counters and status updates written per item;
//   - after another put of the same entry on one path through the function: a status
//     written "started" and then "done" in one request.
//
// Not reported: different keys per iteration; a loop that writes once and then breaks or
// returns; a retry, where the put runs again only after a test of the previous put's
// error; a loop paced by a channel receive, a select or time.Sleep (its rate is not
// known); one write on each branch of an if, or under if c and if !c; writes in _test.go
// files. Write the final
// value once, batch per-item results under per-item keys, or keep state that changes
// this often in a Durable Object.
package kvhotkey
