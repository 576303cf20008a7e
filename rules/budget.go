package rules

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"sync"
	"time"

	"github.com/open-policy-agent/opa/v1/ast"
	"github.com/open-policy-agent/opa/v1/rego"
	"github.com/open-policy-agent/opa/v1/topdown"
)

// MaxPolicyMemory is the most heap the advisor may hold while a user policy evaluates:
// beyond it the evaluation stops, an error of the policy.
const MaxPolicyMemory = 1 << 30

// memoryLimit is MaxPolicyMemory, lowered by tests.
var memoryLimit uint64 = MaxPolicyMemory

// budget is what a user policy may cost in one run: compiling it and every evaluation
// (the pick, the advice, and the dozens the search for flips makes) together get
// --policy-timeout of time spent in them, and the heap is watched while they run. Time
// between evaluations (an interview waiting for its user) is not counted; evaluations that
// run at once (the flips' search is parallel) count once. Without a user policy there is no
// budget: the built-in policy cannot loop, and a run paused with Ctrl-Z must not fail.
type budget struct {
	limit time.Duration
	dir   string

	mu      sync.Mutex
	spent   time.Duration
	active  int
	since   time.Time
	cancels map[topdown.Cancel]bool
	done    chan struct{} // closed when the last evaluation leaves: the memory watch ends
	over    bool          // the memory watch stopped the evaluations

	// expired is the error of the run out of time, found once (slowRule evaluates again)
	// and given to every evaluation after.
	expiredOnce sync.Once
	expired     error
}

func newBudget(limit time.Duration, dir string) *budget {
	return &budget{limit: limit, dir: dir, cancels: map[topdown.Cancel]bool{}}
}

// enter starts counting (once for evaluations at once) and returns the time left; stop,
// when not nil, is cancelled if the heap grows past MaxPolicyMemory.
func (b *budget) enter(stop topdown.Cancel) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := time.Now()
	if b.active == 0 {
		b.since = now
		b.done = make(chan struct{})
		go b.watchMemory(b.done)
	}
	b.active++
	if stop != nil {
		b.cancels[stop] = true
	}
	return b.limit - b.spent - now.Sub(b.since)
}

func (b *budget) leave(stop topdown.Cancel) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if stop != nil {
		delete(b.cancels, stop)
	}
	if b.active--; b.active == 0 {
		b.spent += time.Since(b.since)
		close(b.done)
	}
}

// watchMemory samples the heap while evaluations run and cancels them all past the limit.
// OPA checks its cancellation between expressions, and the builtins that could allocate
// much in one call are bounded (sandbox.go), so the heap stops near the limit.
func (b *budget) watchMemory(done chan struct{}) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-done:
			return
		case <-tick.C:
		}
		metrics.Read(sample)
		if sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > memoryLimit {
			b.mu.Lock()
			b.over = true
			for c := range b.cancels {
				c.Cancel()
			}
			b.mu.Unlock()
			return
		}
	}
}

func (b *budget) overMemory() bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.over
}

// budgetError is a user policy out of time or memory: it ends the run, where another
// error of a what-if evaluation only leaves that value out (flips).
type budgetError struct{ error }

// timeoutError says the policy ran out of time, naming where it was.
func (b *budget) timeoutError(where string) error {
	return &PolicyError{budgetError{fmt.Errorf("%s: the policy took longer than --policy-timeout %v, compiling and evaluating it together (a rule that loops or does too much work?)", where, b.limit)}}
}

// compile runs f (parsing and compiling the user's modules) within the budget. The OPA
// compiler cannot be interrupted: past the deadline f is left to finish in the background
// while the error goes back, and the advisor exits.
func (b *budget) compile(f func() error) error {
	left := b.enter(nil)
	defer b.leave(nil)
	done := make(chan error, 1)
	go func() { done <- f() }()
	timer := time.NewTimer(max(left, 0))
	defer timer.Stop()
	select {
	case err := <-done:
		return err
	case <-timer.C:
		return b.timeoutError("compiling " + largestPolicyFile(b.dir))
	}
}

// largestPolicyFile names the biggest policy file of dir, the likeliest slow one to
// compile (or dir when it has none).
func largestPolicyFile(dir string) string {
	best, size := dir, int64(-1)
	_ = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".rego") || strings.HasSuffix(path, "_test.rego") {
			return nil
		}
		if info, err := d.Info(); err == nil && info.Size() > size {
			best, size = path, info.Size()
		}
		return nil
	})
	return best
}

// evalUser runs a prepared query within the budget.
func (e *Engine) evalUser(ctx context.Context, q rego.PreparedEvalQuery, in ast.Value, opts ...rego.EvalOption) ([]rego.Result, error) {
	b := e.budget
	stop := topdown.NewCancel()
	left := b.enter(stop)
	defer b.leave(stop)
	if left <= 0 {
		return nil, e.expired(q, in)
	}
	ctx, cancel := context.WithTimeout(ctx, left)
	defer cancel()
	defer context.AfterFunc(ctx, stop.Cancel)()
	rs, err := q.Eval(ctx, append(opts, rego.EvalParsedInput(in), rego.EvalExternalCancel(stop))...)
	switch {
	case err == nil:
		return rs, nil
	case b.overMemory():
		return nil, &PolicyError{budgetError{fmt.Errorf("%s: the policy's evaluation grew the memory past %d MiB", e.userFiles(), memoryLimit>>20)}}
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return nil, e.expired(q, in)
	}
	return nil, err
}

// expired is the budget's timeout error, naming the slow line the first time it is found.
func (e *Engine) expired(q rego.PreparedEvalQuery, in ast.Value) error {
	b := e.budget
	b.expiredOnce.Do(func() { b.expired = b.timeoutError(e.slowRule(q, in)) })
	return b.expired
}

// slowRule finds where the policy spends its time: it evaluates once more, briefly, with a
// tracer, and names the last line of the user's files it reached. Only a run that already
// failed pays for it.
func (e *Engine) slowRule(q rego.PreparedEvalQuery, in ast.Value) string {
	tr := &lastUserLine{files: e.userModules}
	ctx, cancel := context.WithTimeout(context.Background(), min(e.budget.limit, 500*time.Millisecond))
	defer cancel()
	stop := topdown.NewCancel()
	defer context.AfterFunc(ctx, stop.Cancel)()
	_, _ = q.Eval(ctx, rego.EvalParsedInput(in), rego.EvalExternalCancel(stop), rego.EvalQueryTracer(tr))
	if tr.at == nil {
		return e.userFiles()
	}
	return fmt.Sprintf("%s:%d", tr.at.File, tr.at.Row)
}

// userFiles names the user's policy files, for an error that cannot say which one.
func (e *Engine) userFiles() string {
	var names []string
	for f := range e.userModules {
		names = append(names, f)
	}
	return strings.Join(sortedUnique(names), ", ")
}

// lastUserLine is a tracer that remembers the last location in a user's file.
type lastUserLine struct {
	files map[string]bool
	mu    sync.Mutex
	at    *ast.Location
}

func (t *lastUserLine) Enabled() bool               { return true }
func (t *lastUserLine) Config() topdown.TraceConfig { return topdown.TraceConfig{} }
func (t *lastUserLine) TraceEvent(ev topdown.Event) {
	if ev.Location != nil && t.files[ev.Location.File] {
		t.mu.Lock()
		t.at = ev.Location
		t.mu.Unlock()
	}
}
