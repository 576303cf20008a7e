package kvts

import (
	"fmt"
	"path/filepath"
	"strings"
)

// kvhotkey: one entry written in every iteration of a loop (a for/while loop, or a callback
// run per element: forEach, map in Promise.all), or twice on one path of a request.
func (p *project) checkHotKey(ops []*op) {
	reported := map[*op]bool{}
	for _, w := range ops {
		if w.kind != opPut {
			continue
		}
		k, ok := keyFor(w)
		if !ok || p.depsChange(k) {
			continue
		}
		loop, body, every := p.loopAround(w)
		if loop == nil || !invariant(k, loop) {
			continue
		}
		if conditional(w.call, body) || filteredBefore(w.call, body) || leavesAfter(w.call, body) || waits(body, body.start, body.end) {
			continue
		}
		reported[w] = true
		p.report(w.call, "kvhotkey", "hot KV key: "+w.keyPhrase()+" is written by "+w.describe()+" "+every+
			", beyond KV's one write per second per key; write the final value once after the loop, or use a key per item", nil, nil)
	}
	for _, w := range ops {
		if w.kind != opPut || reported[w] {
			continue
		}
		if k, ok := keyFor(w); !ok || !k.literal || len(k.deps) > 0 || w.viaWrapper {
			continue
		}
		body := p.everyRequestBody(w.fn)
		if body == nil || conditional(w.call, body) || filteredBefore(w.call, body) || p.reportedAt(w.call, "kvrmw") {
			continue
		}
		if l, _, _ := p.loopAround(w); l != nil {
			continue
		}
		reported[w] = true
		p.report(w.call, "kvhotkey", "hot KV key: "+w.keyPhrase()+" is written by "+w.describe()+" on every request to this Worker, "+
			"beyond KV's one write per second per key; write it only when it changes, or use a key per client", nil, nil)
	}
	for _, second := range ops {
		if second.kind != opPut || reported[second] {
			continue
		}
		for _, first := range ops {
			if first == second || first.kind != opPut || !p.sameEntry(first, second) || !reaches(first.call, second.call) {
				continue
			}
			// First under a condition the second is not under: `if (c) put(k); if (!c) put(k)`.
			fc := conds(first.call, first.fn)
			sc := conds(second.call, second.fn)
			inAll := true
			for _, c := range fc {
				if !second.call.within(c) {
					inAll = false
				}
			}
			_ = sc
			if !inAll || waits(first.fn, first.call.end, second.call.start) {
				continue
			}
			// Both in one loop iteration is the loop's business; a first put inside a loop
			// the second is outside of runs many times before it, as reported above.
			if l, _, _ := p.loopAround(first); l != nil && !second.call.within(l) {
				continue
			}
			reported[second] = true
			p.report(second.call, "kvhotkey", fmt.Sprintf("hot KV key: %s is written again by %s after the %s above on the same path, beyond KV's one write per second per key; "+
				"write the final value once",
				second.keyPhrase(), second.describe(), first.describe()), relatedAt(first.call, "the key is first written here"), nil)
			break
		}
	}
}

// loopAround returns the innermost loop around o in its function and the loop's body, or
// the callback o runs in when that callback is handed to an array iteration method
// (items.forEach(...), Promise.all(items.map(...))).
func (p *project) loopAround(o *op) (loop, body *node, every string) {
	for x := o.call.parent; x != nil && x != o.fn; x = x.parent {
		if loopKinds[x.kind] {
			b := x.child("body")
			if b == nil {
				return nil, nil, ""
			}
			if !o.call.within(b) {
				return nil, nil, "" // in the loop's header
			}
			return x, b, "in every iteration of this loop"
		}
	}
	fn := o.fn
	if fn == nil || (fn.kind != "arrow_function" && fn.kind != "function_expression" && fn.kind != "function") {
		return nil, nil, ""
	}
	args := fn.parent
	if args == nil || args.kind != "arguments" || args.parent == nil || args.parent.kind != "call_expression" {
		return nil, nil, ""
	}
	callee := unparen(args.parent.child("function"))
	if callee == nil || callee.kind != "member_expression" || callee.child("property") == nil || !iterMethods[callee.child("property").text()] {
		return nil, nil, ""
	}
	b := fn.child("body")
	if b == nil {
		return nil, nil, ""
	}
	return fn, b, "for every element " + callee.child("property").text() + " visits"
}

// invariant reports whether a key is the same in every iteration of loop: it reads no
// variable declared inside the loop (its loop variable included).
func invariant(k key, loop *node) bool {
	for _, d := range k.deps {
		if d.id.within(loop) || d.scope == loop {
			return false
		}
	}
	return true
}

// filteredBefore reports whether the loop body may skip or leave before reaching n: a
// continue, break, return or throw in a statement before n's. How often a filtered write
// runs is unknown.
func filteredBefore(n, body *node) bool {
	found := false
	body.walk(func(x *node) bool {
		if found || x.start >= n.start {
			return false
		}
		if x != body && funcKinds[x.kind] {
			return false
		}
		switch x.kind {
		case "continue_statement", "break_statement", "return_statement", "throw_statement":
			found = true
		}
		return !found
	})
	return found
}

// leavesAfter reports whether, after n, the loop body always leaves (a break, return or
// throw as a statement of a block between n and the body): the write runs once.
func leavesAfter(n, body *node) bool {
	for x := n; x != nil && x != body.parent; x = x.parent {
		if x.kind == "return_statement" || x.kind == "throw_statement" {
			return true
		}
		par := x.parent
		if par == nil || !blockKinds[par.kind] && par.kind != "statement_block" {
			continue
		}
		after := false
		for _, s := range par.kids {
			if s == x {
				after = true
				continue
			}
			if after && (s.kind == "break_statement" || s.kind == "return_statement" || s.kind == "throw_statement") {
				return true
			}
		}
	}
	return false
}

// everyRequestBody returns the body of fn when fn runs on every request the Worker gets:
// the fetch handler of the default export (`export default { async fetch(...) {} }`), a
// Pages Functions middleware (`onRequest` in a _middleware file), a service worker's
// fetch listener, or a Hono middleware for every path (`app.use(async (c, next) => ...)`,
// `app.use("*", ...)`). A route handler runs for its route only: how often is unknown.
func (p *project) everyRequestBody(fn *node) *node {
	if fn == nil {
		return nil
	}
	body := fn.child("body")
	switch fn.kind {
	case "method_definition":
		if n := fn.child("name"); n == nil || n.text() != "fetch" {
			return nil
		}
		if defaultExportObject(fn.parent) {
			return body
		}
	case "function_declaration":
		if n := fn.child("name"); n != nil && n.text() == "onRequest" && fn.parent != nil && fn.parent.kind == "export_statement" &&
			strings.HasPrefix(filepath.Base(fn.file.path), "_middleware.") {
			return body
		}
	case "arrow_function", "function_expression", "function":
		if pair := fn.parent; pair != nil && pair.kind == "pair" && pair.child("key") != nil && pair.child("key").text() == "fetch" && defaultExportObject(pair.parent) {
			return body
		}
		args := fn.parent
		if args == nil || args.kind != "arguments" || args.parent == nil || args.parent.kind != "call_expression" {
			return nil
		}
		call := args.parent
		callee := unparen(call.child("function"))
		argv := args.namedKids()
		switch {
		case callee.kind == "identifier" && callee.text() == "addEventListener":
			if len(argv) == 2 && argv[1] == fn && unparen(argv[0]).kind == "string" && stringValue(unparen(argv[0])) == "fetch" {
				return body
			}
		case callee.kind == "member_expression" && callee.child("property") != nil && callee.child("property").text() == "use":
			// app.use(mw) or app.use("*", mw): every path.
			if len(argv) == 1 || (len(argv) == 2 && unparen(argv[0]).kind == "string" && stringValue(unparen(argv[0])) == "*") {
				if argv[len(argv)-1] == fn {
					return body
				}
			}
		}
	}
	return nil
}

// defaultExportObject reports whether obj is the object of `export default { ... }`.
func defaultExportObject(obj *node) bool {
	if obj == nil || obj.kind != "object" {
		return false
	}
	x := obj.parent
	for x != nil && (x.kind == "satisfies_expression" || x.kind == "as_expression" || x.kind == "parenthesized_expression") {
		x = x.parent
	}
	if x == nil || x.kind != "export_statement" {
		return false
	}
	for _, k := range x.kids {
		if k.kind == "default" {
			return true
		}
	}
	return false
}

// reportedAt reports whether analyzer already reported at n.
func (p *project) reportedAt(n *node, analyzer string) bool {
	for _, f := range p.findings {
		if f.Analyzer == analyzer && f.File == n.file.path && f.Line == n.line && f.Col == n.col {
			return true
		}
	}
	return false
}
