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
//   - inside a loop (a range-over-func loop included), when its key and namespace are the same in every iteration (they do
//     not depend on the range or induction variable, nor on memory the loop changes),
//     the put runs in every iteration (or every one past an error check), the loop
//     can go round again after the put, and nothing waits between one run of the put and
//     the next: progress counters and status updates per item;
//   - after another put of the same entry on one path through the function, with no wait
//     between them: a status written "started" and then "done" in one request.
//
// A wait is a channel receive, a select without a default, time.Sleep, a rate
// limiter's Wait, a method named like a limiter's (Wait, Take, Acquire...) behind an
// interface or in another module, or a call of a function of the module that waits
// (exported as a fact, for the other packages of the module). It counts when it runs in
// the common case: a sleep only after a failure (if err != nil { time.Sleep(d); continue
// }) does not pace the iterations that succeed.
//
// Not reported: different keys per iteration, including a key read from memory the loop
// fills each time round (json.Unmarshal(line, &e) then e.ID, req.Key = k, c.Next()); a
// loop that writes once and then breaks or returns, or leaves on its way back (for !done
// { put(); done = true }); a retry, where the put runs again only after a test of the
// previous put's error, or where the loop goes round only after some KV write failed (a
// retry of several steps with an undo); a put that runs only after a write failed; a loop
// that waits, or two puts with a wait between them (the
// rate of the wait is not known), or with a loop between them that waits or calls KV in
// its body (a status written before and after a pass over the items); a put
// under a condition other than an error check (a time since the last checkpoint, every
// hundredth item); a range-over-func loop over an iterator other than the standard
// library's walks of a map, slice or string; one write on each branch of an if, or under
// if c and if !c; a rollback, a second put only on the failure side of the error of a
// step after the first (put(k, "pro"); if err := charge(); err != nil { put(k, old) });
// two puts on one path whose key is read from memory filled in between
// (json.Unmarshal(next, &e) between two puts of "event:"+e.ID); writes in _test.go files. Write the final value once, batch per-item
// results under per-item keys, or keep state that changes this often in a Durable
// Object.
package kvhotkey
