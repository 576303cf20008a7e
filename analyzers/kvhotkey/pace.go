package kvhotkey

import (
	"go/token"
	"go/types"

	"golang.org/x/tools/go/ssa"

	"github.com/storewise/storewise/analyzers/internal/effects"
	"github.com/storewise/storewise/analyzers/internal/ssaflow"
)

// Pacing. A loop that waits for something each time round (a ticker, a queue, a sleep,
// a rate limiter) writes at a rate kvlint cannot see: a heartbeat a minute is fine, so
// such a loop stays silent. Two writes of one key with a wait between them are the same
// case (a status written "queued", then "polling" after each sleep).
//
// A wait is a channel receive, a select without a default (one with a default never
// blocks: select { case <-ctx.Done(): return; default: } only checks), time.Sleep, a
// golang.org/x/time/rate limiter's Wait, a method named like a limiter's (pacingMethods)
// when kvlint cannot see its code (called through an interface, or defined in another
// module), or a call of a function of the module that waits (internal/effects' fact).
//
// A wait counts in the common case only: one on the failure side of an error test
// (if err != nil { time.Sleep(backoff); continue }) runs when something failed, and the
// iterations that succeed write back to back. This is how kvhotkey already judges how
// often a put runs (loop.every): failures are not the common case. A wait under any other
// condition (if i > 0 { time.Sleep(d) }, a filter) paces the loop at a rate kvhotkey
// cannot judge, so it counts.

// pacer answers whether an instruction or a call waits, for one package: calls of
// declared functions through internal/effects (its table, and its facts about the
// module's functions), closures called on the spot by reading them here.
type pacer struct {
	effects *effects.Facts
	anon    map[*ssa.Function]bool // closures seen so far (false while being scanned)
}

// waits reports whether instr waits.
func (p *pacer) waits(instr ssa.Instruction) bool {
	switch x := instr.(type) {
	case *ssa.UnOp:
		return x.Op == token.ARROW
	case *ssa.Select:
		return x.Blocking
	case *ssa.Call:
		if x.Call.IsInvoke() {
			return p.effects.CallWaits(x.Call.Method, true)
		}
		callee := x.Call.StaticCallee()
		if callee == nil {
			return false // a function value: what it does is unknown
		}
		if obj, ok := callee.Object().(*types.Func); ok {
			return p.effects.CallWaits(obj, false)
		}
		if callee.Parent() != nil {
			return p.closureWaits(callee)
		}
	}
	return false
}

// closureWaits reports whether a function literal called here waits in the common case:
// a wait in a block reached from its entry without taking the failure side of an error
// test.
func (p *pacer) closureWaits(fn *ssa.Function) bool {
	if v, ok := p.anon[fn]; ok {
		return v
	}
	p.anon[fn] = false // recursion: a cycle adds no wait of its own
	v := false
	if len(fn.Blocks) > 0 {
		seen := map[*ssa.BasicBlock]bool{fn.Blocks[0]: true}
		stack := []*ssa.BasicBlock{fn.Blocks[0]}
		for len(stack) > 0 && !v {
			b := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, instr := range b.Instrs {
				if p.waits(instr) {
					v = true
					break
				}
			}
			failure := ssaflow.ErrorFailure(b)
			for i, s := range b.Succs {
				if i != failure && !seen[s] {
					seen[s] = true
					stack = append(stack, s)
				}
			}
		}
	}
	p.anon[fn] = v
	return v
}

// pacedLoop reports whether loop l waits between one run of put and the next: a path of
// the body from the put round the loop and back to it runs a wait, without taking the
// failure side of an error test.
func (p *pacer) pacedLoop(l *loop, put ssa.Instruction) bool {
	return p.search(put, put, func(from, to *ssa.BasicBlock) bool {
		return l.body[to]
	}, func(b *ssa.BasicBlock) bool {
		return l.continues[b]
	}, l.header)
}

// pacedBetween reports whether a wait can run between first and second: on a path from
// the one to the other in one pass through the function (loop back edges excluded, as
// Flow.Reaches), without taking the failure side of an error test.
func (p *pacer) pacedBetween(first, second ssa.Instruction) bool {
	return p.search(first, second, ssaflow.NoBackEdge, nil, nil)
}

// search looks for a path from instruction from to instruction to that runs a wait on
// the way. follow says which edges the path may take (the failure sides of error tests
// are never taken); a block for which wraps holds goes on at block next (the next
// iteration of a range-over-func body).
func (p *pacer) search(from, to ssa.Instruction, follow func(from, to *ssa.BasicBlock) bool,
	wraps func(*ssa.BasicBlock) bool, next *ssa.BasicBlock) bool {
	type state struct {
		b      *ssa.BasicBlock
		waited bool
	}
	seen := map[state]bool{}
	var stack []state
	push := func(b *ssa.BasicBlock, waited bool) {
		if s := (state{b, waited}); !seen[s] {
			seen[s] = true
			stack = append(stack, s)
		}
	}
	// walk runs the instructions of b from index i; it reports whether the path reached
	// to having waited, and whether it goes on past the end of b.
	walk := func(b *ssa.BasicBlock, i int, waited bool) (found, onward, waitedOut bool) {
		for ; i < len(b.Instrs); i++ {
			instr := b.Instrs[i]
			if instr == to {
				return waited, false, waited
			}
			if !waited && p.waits(instr) {
				waited = true
			}
		}
		return false, true, waited
	}
	succs := func(b *ssa.BasicBlock, waited bool) {
		if wraps != nil && wraps(b) {
			push(next, waited)
			return
		}
		failure := ssaflow.ErrorFailure(b)
		for i, s := range b.Succs {
			if i != failure && follow(b, s) {
				push(s, waited)
			}
		}
	}
	start := from.Block()
	i := 0
	for start.Instrs[i] != from {
		i++
	}
	found, onward, waited := walk(start, i+1, false)
	if found {
		return true
	}
	if onward {
		succs(start, waited)
	}
	for len(stack) > 0 {
		s := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		found, onward, waited := walk(s.b, 0, s.waited)
		if found {
			return true
		}
		if onward {
			succs(s.b, waited)
		}
	}
	return false
}
