package rules

import (
	"context"
	"fmt"
	"io/fs"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"sync"
	"syscall"
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
// --policy-timeout of the process's CPU time, and the heap is watched while they run. CPU
// time, not time on the clock: a run paused with Ctrl-Z or starved on a busy machine does
// not fail, and a policy that loops burns CPU and is stopped. Time between evaluations (an
// interview waiting for its user) is not counted. Without a user policy there is no
// budget: the built-in policy cannot loop.
type budget struct {
	limit time.Duration
	dir   string

	mu      sync.Mutex
	spent   time.Duration // CPU time of the periods with evaluations, before the current one
	active  int
	since   time.Duration // the process's CPU time when the current period began
	cancels map[topdown.Cancel]bool
	done    chan struct{} // closed when the last evaluation leaves: the watch ends
	over    bool          // the watch stopped the evaluations: memory
	out     bool          // the watch stopped the evaluations: time

	// expired is the error of the run out of time, found once (slowRule evaluates again)
	// and given to every evaluation after.
	expiredOnce sync.Once
	expired     error
}

func newBudget(limit time.Duration, dir string) *budget {
	return &budget{limit: limit, dir: dir, cancels: map[topdown.Cancel]bool{}}
}

// cpuTime is the CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// used is the CPU time spent so far; b.mu is held.
func (b *budget) used() time.Duration {
	if b.active == 0 {
		return b.spent
	}
	return b.spent + cpuTime() - b.since
}

// enter starts counting (once for evaluations at once) and reports whether time is left;
// stop is cancelled when the budget runs out or the heap grows past the limit.
func (b *budget) enter(stop topdown.Cancel) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.active == 0 {
		b.since = cpuTime()
		b.done = make(chan struct{})
		go b.watch(b.done)
	}
	b.active++
	b.cancels[stop] = true
	return !b.out && b.used() < b.limit
}

func (b *budget) leave(stop topdown.Cancel) {
	b.mu.Lock()
	defer b.mu.Unlock()
	delete(b.cancels, stop)
	if b.active--; b.active == 0 {
		b.spent += cpuTime() - b.since
		close(b.done)
	}
}

// watch samples the CPU time and the heap while evaluations run, and cancels them all
// when either is past its limit. OPA checks its cancellation between expressions, and the
// builtins that could allocate much in one call are bounded (sandbox.go), so the heap
// stops near the limit.
func (b *budget) watch(done chan struct{}) {
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
		heap := sample[0].Value.Kind() == metrics.KindUint64 && sample[0].Value.Uint64() > memoryLimit
		b.mu.Lock()
		out := b.used() >= b.limit
		if heap || out {
			b.over, b.out = b.over || heap, b.out || out
			for c := range b.cancels {
				c.Cancel()
			}
			b.mu.Unlock()
			return
		}
		b.mu.Unlock()
	}
}

// stopped says why the watch stopped the evaluations: the memory, the time, or neither.
func (b *budget) stopped() (memory, outOfTime bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.over, b.out
}

// budgetError is a user policy out of time or memory: it ends the run, where another
// error of a what-if evaluation only leaves that value out (flips).
type budgetError struct{ error }

// timeoutError says the policy ran out of time, naming where it was.
func (b *budget) timeoutError(where string) error {
	return &PolicyError{budgetError{fmt.Errorf("%s: the policy used more than --policy-timeout %v of CPU time, compiling and evaluating it together (a rule that loops or does too much work?)", where, b.limit)}}
}

// compile runs f (parsing and compiling the user's modules) within the budget. The OPA
// compiler cannot be interrupted: past the limit f is left to finish in the background
// while the error goes back, and the advisor exits.
func (b *budget) compile(f func() error) error {
	stop := topdown.NewCancel()
	if !b.enter(stop) {
		b.leave(stop)
		return b.timeoutError("compiling " + largestPolicyFile(b.dir))
	}
	defer b.leave(stop)
	done := make(chan error, 1)
	go func() { done <- f() }()
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case err := <-done:
			return err
		case <-tick.C:
			if stop.Cancelled() {
				return b.timeoutError("compiling " + largestPolicyFile(b.dir))
			}
		}
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
	if !b.enter(stop) {
		b.leave(stop)
		return nil, e.expired(q, in)
	}
	defer context.AfterFunc(ctx, stop.Cancel)()
	rs, err := q.Eval(ctx, append(opts, rego.EvalParsedInput(in), rego.EvalExternalCancel(stop))...)
	b.leave(stop)
	if err == nil {
		return rs, nil
	}
	switch memory, outOfTime := b.stopped(); {
	case memory:
		return nil, &PolicyError{budgetError{fmt.Errorf("%s: the policy's evaluation grew the memory past %d MiB", e.userFiles(), memoryLimit>>20)}}
	case outOfTime:
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
