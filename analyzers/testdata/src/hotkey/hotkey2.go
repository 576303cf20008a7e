package hotkey

import (
	"context"
	"errors"
	"strconv"
	"time"

	"hotkey/pace"
	"slowlib"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

// --- two writes with a wait between them ---

// Silent: the second write runs after a sleep, each time round: the key is written at
// the pace of the sleep.
func pacedTwice(ns *wkv.Namespace, id string, done func() bool) { // want pacedTwice:"waits"
	ns.PutString("job:"+id, "queued", nil)
	for !done() {
		time.Sleep(30 * time.Second)
		ns.PutString("job:"+id, "polling", nil)
	}
}

// Silent: a heartbeat writes "starting", then once a tick.
func heartbeatFromStart(ns *wkv.Namespace, node string, t *time.Ticker) { // want heartbeatFromStart:"waits"
	ns.PutString("node:"+node, "starting", nil)
	for now := range t.C {
		ns.PutString("node:"+node, now.String(), nil)
	}
}

func heartbeatSelect(ctx context.Context, ns *wkv.Namespace, t *time.Ticker) { // want heartbeatSelect:"waits"
	ns.PutString("worker", "starting", nil)
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		ns.PutString("worker", "alive", nil)
	}
}

// Reported: the sleep comes after both writes; between them nothing waits.
func sleepAfterBoth(ns *wkv.Namespace, status func() string) { // want sleepAfterBoth:"waits"
	for {
		ns.PutString("status", "checking", nil)
		ns.PutString("status", status(), nil) // want `hot KV key: KV key "status" is written again by Namespace.PutString after the Namespace.PutString above on the same path`
		time.Sleep(time.Minute)
	}
}

// Reported: the wait between the writes runs only after a failure.
func backoffBetween(ns *wkv.Namespace, id string, prepare func() error) {
	ns.PutString("job:"+id, "queued", nil)
	if err := prepare(); err != nil {
		time.Sleep(time.Second)
	}
	ns.PutString("job:"+id, "running", nil) // want `hot KV key: the same KV key is written again`
}

// Reported: a select with a default between the writes does not wait.
func checkBetween(ctx context.Context, ns *wkv.Namespace, id string) error {
	ns.PutString("job:"+id, "queued", nil)
	select {
	case <-ctx.Done():
		return ctx.Err()
	default:
	}
	ns.PutString("job:"+id, "running", nil) // want `hot KV key: the same KV key is written again`
	return nil
}

// --- loops paced by a function of another package ---

// Silent: pace.Pause sleeps (the fact "waits" crosses the package boundary), directly,
// through another function, a receive or a limiter's method.
func crossPackagePause(ns *wkv.Namespace, node string, stats func() string) { // want crossPackagePause:"waits"
	for {
		pace.Pause()
		ns.PutString("stats:"+node, stats(), nil)
	}
}

func crossPackageTwice(ns *wkv.Namespace, node string, stats func() string) { // want crossPackageTwice:"waits"
	for {
		ns.PutString("stats:"+node, stats(), nil)
		pace.Twice()
	}
}

func crossPackageTick(ns *wkv.Namespace, t *time.Ticker) { // want crossPackageTick:"waits"
	for {
		ns.PutString("last-tick", pace.Tick(t).String(), nil)
	}
}

func crossPackageMethod(ctx context.Context, ns *wkv.Namespace, p *pace.Pacer, stats func() string) error { // want crossPackageMethod:"waits"
	for {
		if err := p.Next(ctx); err != nil {
			return err
		}
		ns.PutString("stats", stats(), nil)
	}
}

// Silent: a hand-made limiter that waits only when its bucket is empty; how often that
// is cannot be judged.
func crossPackageBucket(ns *wkv.Namespace, b *pace.Bucket, items []string) { // want crossPackageBucket:"waits"
	for _, it := range items {
		b.Refill()
		ns.PutString("last-item", it, nil)
	}
}

// Silent: a limiter injected behind an interface. kvlint cannot see its code; the name
// of its method says it waits for the caller's turn (Wait, Take, Acquire, ...).
type limiter interface {
	Wait(ctx context.Context) error
}

type ticker interface {
	Take() time.Time
}

func injectedLimiter(ctx context.Context, ns *wkv.Namespace, lim limiter, items []string) error { // want injectedLimiter:"waits"
	for _, it := range items {
		if err := lim.Wait(ctx); err != nil {
			return err
		}
		ns.PutString("last-item", it, nil)
	}
	return nil
}

func injectedTaker(ns *wkv.Namespace, rl ticker, items []string) { // want injectedTaker:"waits"
	for _, it := range items {
		rl.Take()
		ns.PutString("last-item", it, nil)
	}
}

// Reported: the functions of pace that wait only after a failure, never block, or wait
// in a goroutine do not pace the loop.
func crossPackageBackoff(ns *wkv.Namespace, items []string, process func(string) error) {
	for _, it := range items {
		pace.Backoff(process(it))
		ns.PutString("last-item", it, nil) // want `hot KV key: KV key "last-item" is written by Namespace.PutString in every iteration`
	}
}

func crossPackageRetry(ns *wkv.Namespace, items []string, process func() error) {
	for _, it := range items {
		_ = pace.Retry(process)
		ns.PutString("last-item", it, nil) // want `hot KV key: KV key "last-item" is written by Namespace.PutString in every iteration`
	}
}

func crossPackageCheck(ctx context.Context, ns *wkv.Namespace, items []string) error {
	for _, it := range items {
		if err := pace.Check(ctx); err != nil {
			return err
		}
		ns.PutString("last-item", it, nil) // want `hot KV key: KV key "last-item" is written by Namespace.PutString in every iteration`
	}
	return nil
}

func crossPackageNotify(ns *wkv.Namespace, ch chan<- string, items []string) {
	for _, it := range items {
		pace.Notify(ch, it)
		ns.PutString("last-item", it, nil) // want `hot KV key: KV key "last-item" is written by Namespace.PutString in every iteration`
	}
}

func crossPackageLater(ns *wkv.Namespace, items []string) {
	for _, it := range items {
		pace.Later(func() {})
		ns.PutString("last-item", it, nil) // want `hot KV key: KV key "last-item" is written by Namespace.PutString in every iteration`
	}
}

// Reported: a function of another module waits for its own reasons (a response), not to
// pace its caller: its fact is not trusted.
func otherModule(ns *wkv.Namespace, urls []string) {
	for _, u := range urls {
		ns.PutString("last-fetched", slowlib.Fetch(u), nil) // want `hot KV key: KV key "last-fetched" is written by Namespace.PutString in every iteration`
	}
}

// --- a select with a default does not wait ---

// Reported: the select only checks for cancellation and goes on at once.
func selectDefault(ctx context.Context, ns *wkv.Namespace, ids []string) error {
	for _, id := range ids {
		select {
		case <-ctx.Done():
			return ctx.Err()
		default:
		}
		ns.PutString("process:last", id, nil) // want `hot KV key: KV key "process:last" is written by Namespace.PutString in every iteration`
	}
	return nil
}

// Reported: a non-blocking send in a helper of the package does not wait.
func tryNotify(ch chan<- string, s string) {
	select {
	case ch <- s:
	default:
	}
}

func notifyDefault(ns *wkv.Namespace, ch chan<- string, ids []string) {
	for _, id := range ids {
		tryNotify(ch, id)
		ns.PutString("process:last", id, nil) // want `hot KV key: KV key "process:last" is written by Namespace.PutString in every iteration`
	}
}

// Silent: the same select without a default blocks until a tick.
func selectBlocking(ctx context.Context, ns *wkv.Namespace, t *time.Ticker, ids []string) error { // want selectBlocking:"waits"
	for _, id := range ids {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-t.C:
		}
		ns.PutString("process:last", id, nil)
	}
	return nil
}

// --- a wait only after a failure ---

// Reported: the loop sleeps only when an item fails; every item that succeeds writes
// at once.
func backoffOnFailure(ns *wkv.Namespace, items []string, process func(string) error) {
	for i, it := range items {
		if err := process(it); err != nil {
			time.Sleep(time.Second)
			continue
		}
		ns.PutString("sync:progress", strconv.Itoa(i), nil) // want `hot KV key: KV key "sync:progress" is written by Namespace.PutString in every iteration of this loop that does not fail before it`
	}
}

// Reported: the sleep after the write runs only when the write failed.
func backoffAfterWrite(ns *wkv.Namespace, items []string) {
	for i := range items {
		if err := ns.PutString("sync:progress", strconv.Itoa(i), nil); err != nil { // want `hot KV key: KV key "sync:progress" is written by Namespace.PutString in every iteration`
			time.Sleep(time.Second)
		}
	}
}

// Reported: a helper of the package that sleeps only after a failure.
func processOrBackoff(process func(string) error, it string) error {
	if err := process(it); err != nil {
		time.Sleep(time.Second)
		return err
	}
	return nil
}

func helperBackoff(ns *wkv.Namespace, items []string, process func(string) error) {
	for i, it := range items {
		_ = processOrBackoff(process, it)
		ns.PutString("sync:progress", strconv.Itoa(i), nil) // want `hot KV key: KV key "sync:progress" is written by Namespace.PutString in every iteration`
	}
}

// Silent: a wait between items but for the first (if i > 0), or under another condition
// kvhotkey cannot judge, paces the loop.
func sleepBetweenItems(ns *wkv.Namespace, items []string) { // want sleepBetweenItems:"waits"
	for i, it := range items {
		if i > 0 {
			time.Sleep(time.Second)
		}
		ns.PutString("last-item", it, nil)
	}
}

func sleepWhenBusy(ns *wkv.Namespace, items []string, busy func() bool) { // want sleepWhenBusy:"waits"
	for _, it := range items {
		if busy() {
			time.Sleep(time.Second)
			continue
		}
		ns.PutString("last-item", it, nil)
	}
}

// Silent: a closure that waits, called each time round.
func closurePause(ns *wkv.Namespace, items []string) {
	wait := func() { time.Sleep(time.Second) }
	for _, it := range items {
		wait()
		ns.PutString("last-item", it, nil)
	}
}

// Silent: a wait on the failure side of one error test and the success side of
// another runs when things go well: errors.Is(err, errBusy) is not an error test.
var errBusy = errors.New("busy")

func waitWhenBusy(ns *wkv.Namespace, items []string, process func(string) error) { // want waitWhenBusy:"waits"
	for _, it := range items {
		if err := process(it); errors.Is(err, errBusy) {
			time.Sleep(time.Second)
		}
		ns.PutString("last-item", it, nil)
	}
}
