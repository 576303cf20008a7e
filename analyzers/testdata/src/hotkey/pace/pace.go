// Package pace is a package of the same project as hotkey (the same module, in module
// mode): its functions that wait carry the fact "waits", and pace hotkey's loops across
// the package boundary.
package pace

import (
	"context"
	"time"

	"golang.org/x/time/rate"
)

func Pause() { time.Sleep(2 * time.Second) } // want Pause:"waits"

// Twice waits through another function of the package.
func Twice() { Pause(); Pause() } // want Twice:"waits"

func Tick(t *time.Ticker) time.Time { return <-t.C } // want Tick:"waits"

type Pacer struct{ lim *rate.Limiter }

func (p *Pacer) Next(ctx context.Context) error { return p.lim.Wait(ctx) } // want Next:"waits"

// Refill waits only when the bucket is empty: a hand-made limiter still waits in the
// common case (kvhotkey cannot judge how often it is empty).
type Bucket struct{ n int }

func (b *Bucket) Refill() { // want Refill:"waits"
	if b.n == 0 {
		time.Sleep(time.Second)
		b.n = 10
	}
	b.n--
}

// No fact: Backoff waits only after a failure, and Retry only once its first call
// failed; Check and Notify never block (a select with a default); Later waits in a
// goroutine of its own.
func Backoff(err error) {
	if err != nil {
		time.Sleep(time.Second)
	}
}

func Retry(f func() error) error {
	if err := f(); err == nil {
		return nil
	}
	time.Sleep(time.Second)
	return f()
}

func Check(ctx context.Context) error {
	select {
	case <-ctx.Done():
		return ctx.Err()
	default:
		return nil
	}
}

func Notify(ch chan<- string, s string) {
	select {
	case ch <- s:
	default:
	}
}

func Later(f func()) {
	go func() {
		time.Sleep(time.Second)
		f()
	}()
}
