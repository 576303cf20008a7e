package kvts

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
)

// sameEntry reports whether two operations address the same entry: the same namespace
// and the same key, built from variables that are not assigned after their declaration
// (a variable that changes may hold another key at the second operation).
func (p *project) sameEntry(a, b *op) bool {
	if a.ns != b.ns || len(b.keys) == 0 || len(a.keys) == 0 {
		return false
	}
	for _, ka := range a.keys {
		for _, kb := range b.keys {
			if ka.term != "" && ka.term == kb.term && !p.depsChange(ka) {
				return true
			}
		}
	}
	return false
}

func (p *project) depsChange(k key) bool {
	for _, d := range k.deps {
		if p.reassigned(d) {
			return true
		}
	}
	return false
}

// keyFor returns the key of a single-key operation.
func keyFor(o *op) (key, bool) {
	if o.bulk || len(o.keys) != 1 || o.keys[0].term == "" {
		return key{}, false
	}
	return o.keys[0], true
}

// maxOpsPerFunc bounds the pairs of operations judged in one function: a generated or
// hostile function with thousands of KV calls is left alone rather than costing minutes.
const maxOpsPerFunc = 300

func (p *project) check() {
	for _, ops := range p.opsByFn {
		if len(ops) > maxOpsPerFunc {
			continue
		}
		p.checkRMW(ops)
		p.checkWriteRead(ops)
		p.checkExists(ops)
		p.checkHotKey(ops)
	}
	p.checkTTL()
}

// kvrmw: a get whose value, changed, reaches a put of the same entry.
func (p *project) checkRMW(ops []*op) {
	reported := map[*op]bool{}
	for _, g := range ops {
		if g.kind != opGet || g.bulk {
			continue
		}
		for _, w := range ops {
			if w.kind != opPut || reported[w] || w.value == nil || !p.sameEntry(g, w) {
				continue
			}
			lv := 0
			switch {
			case g.call.within(w.value):
				// put(k, String(Number(await get(k)) + 1)): the read inside the written value.
				if unparen(w.value) != g.call && !(unparen(w.value).kind == "await_expression" && unparen(unparen(w.value).namedKids()[0]) == g.call) {
					lv = 2
				}
			case reaches(g.call, w.call):
				lv = p.newTaint(g, w.call.start).flows(w.value)
			}
			if lv < 2 {
				continue // nothing read reaches the write, or it is written back unchanged
			}
			reported[w] = true
			p.report(w.call, "kvrmw", fmt.Sprintf("read-modify-write of %s: the value written by %s comes from the %s above, so concurrent updates are lost; "+
				"keep this state in a Durable Object",
				w.keyPhrase(), w.describe(), g.describe()), relatedAt(g.call, "the value is read here"), nil)
		}
	}
}

// kvwriteread: a put or delete, then a get of the same entry on a path after it.
func (p *project) checkWriteRead(ops []*op) {
	for _, r := range ops {
		if r.kind != opGet {
			continue
		}
		for _, w := range ops {
			if !w.isWrite() || !p.sameEntry(w, r) || !reaches(w.call, r.call) {
				continue
			}
			what := "written"
			if w.kind == opDelete {
				what = "deleted"
			}
			p.report(r.call, "kvwriteread", fmt.Sprintf("read after write of %s: %s can return what was stored before the %s above; "+
				"use the value you wrote instead of reading it back",
				r.keyPhrase(), r.describe(), w.describe()), relatedAt(w.call, "the key is "+what+" here"), p.fixReadBack(w, r))
			break
		}
	}
}

// fixReadBack replaces `await ns.get(k)` by the value the put before it wrote, when that
// value is a string at hand (a literal, or a const holding a string) and the put runs on
// every path to the read.
func (p *project) fixReadBack(w, r *op) *Fix {
	if w.kind != opPut || w.value == nil || r.getType != "text" || r.withMeta || r.bulk {
		return nil
	}
	aw := r.call.parent
	if aw == nil || aw.kind != "await_expression" {
		return nil
	}
	// The put is the whole statement `await ns.put(...)` in a block that holds the read.
	st := w.call.parent
	if st != nil && st.kind == "await_expression" {
		st = st.parent
	}
	if st == nil || st.kind != "expression_statement" || st.parent == nil || !blockKinds[st.parent.kind] || !r.call.within(st.parent) {
		return nil
	}
	v := unparen(w.value)
	text := ""
	switch v.kind {
	case "string":
		text = v.text()
	case "template_string":
		if !strings.Contains(v.text(), "${") {
			text = v.text()
		}
	case "identifier":
		d := p.sc.resolve(v)
		if d == nil || d.kind != "const" || d.init == nil || !r.call.within(d.scope) {
			return nil
		}
		if in := unparen(d.init); in.kind == "string" || in.kind == "template_string" ||
			(in.kind == "call_expression" && (unparen(in.child("function")).text() == "JSON.stringify" || unparen(in.child("function")).text() == "String")) {
			text = v.text()
		}
	}
	if text == "" {
		return nil
	}
	return &Fix{Message: "Use the value just written instead of reading it back", Edits: []Edit{edit(aw, text)}}
}

// kvexists: a get whose outcome (found, missing, a value) is tested by an if, and a write of
// the same entry decided by that test; cache-aside (the value read is used) is silent.
func (p *project) checkExists(ops []*op) {
	reported := map[*op]bool{}
	for _, g := range ops {
		if g.kind != opGet || g.bulk {
			continue
		}
		gk, ok := keyFor(g)
		if !ok || p.freshKey(gk) {
			continue // a key made up just now (a random id): checking it avoids a collision, no race
		}
		// put(k, token); if (await get(k) === token) ...: checking one's own write.
		readBack := false
		for _, w := range ops {
			if w.kind == opPut && p.sameEntry(w, g) && reaches(w.call, g.call) {
				readBack = true
			}
		}
		if readBack {
			continue
		}
		t := p.newTaint(g, -1)
		var used *bool
		g.fn.walk(func(n *node) bool {
			if n != g.fn && funcKinds[n.kind] {
				return false
			}
			var cond, yes, no *node
			switch n.kind {
			case "if_statement":
				cond, yes, no = n.child("condition"), n.child("consequence"), n.child("alternative")
			case "ternary_expression":
				cond, yes, no = n.child("condition"), n.child("consequence"), n.child("alternative")
			default:
				return true
			}
			kind := t.existTest(cond)
			if kind == "" {
				return true
			}
			for _, w := range ops {
				if !w.isWrite() || reported[w] || !p.sameEntry(g, w) || !reaches(g.call, w.call) {
					continue
				}
				decided := (yes != nil && w.call.within(yes)) || (no != nil && w.call.within(no))
				if !decided && n.kind == "if_statement" && !w.call.within(n) && w.call.start > n.end {
					// if (found) return ...; [else if (...) ...] put(k): the early exit on one
					// side decides the write after the if.
					if (exitsAlways(yes) || exitsAlways(elseBody(no))) && reaches(n, w.call) {
						decided = true
					}
				}
				if !decided {
					continue
				}
				if w.kind == opPut && t.flows(w.value) > 0 {
					continue // the value written comes from the read: kvrmw's ground
				}
				if used == nil {
					u := t.used()
					used = &u
				}
				if *used {
					continue // cache-aside: the value read is served
				}
				reported[w] = true
				decides := "whether " + g.describe() + " found the key"
				if kind == "value" {
					decides = "the value " + g.describe() + " read"
				}
				p.report(w.call, "kvexists", fmt.Sprintf("check-then-act on %s: %s decides this %s, and two requests can both see \"missing\"; "+
					"use a Durable Object or a D1 unique constraint",
					w.keyPhrase(), decides, w.describe()), relatedAt(g.call, "the key is read here"), nil)
			}
			return true
		})
	}
}

// elseBody returns the statement of an else clause.
func elseBody(no *node) *node {
	if no == nil || no.kind != "else_clause" {
		return no
	}
	if nk := no.namedKids(); len(nk) == 1 {
		return nk[0]
	}
	return nil
}

// freshRE names functions that make up a new random identifier.
var freshRE = regexp.MustCompile(`(?i)(random|uuid|nanoid|ulid|cuid|generate\w*id|newid|createid)`)

// freshKey reports whether a key is built from a variable holding a value made up just
// now (const id = crypto.randomUUID(), await randomString(), nanoid()).
func (p *project) freshKey(k key) bool {
	for _, d := range k.deps {
		if d.init == nil {
			continue
		}
		v := unparen(d.init)
		if v.kind == "await_expression" && len(v.namedKids()) == 1 {
			v = unparen(v.namedKids()[0])
		}
		if v.kind == "call_expression" && freshRE.MatchString(unparen(v.child("function")).text()) {
			return true
		}
	}
	return false
}

// exitsAlways reports whether a branch always leaves the function (return or throw as its
// statement, or as a direct statement of its block).
func exitsAlways(b *node) bool {
	if b == nil {
		return false
	}
	switch b.kind {
	case "return_statement", "throw_statement":
		return true
	case "statement_block":
		return endsWithExit(b, false)
	case "expression_statement":
		return false
	}
	return false
}

// existTest returns "exists" when cond tests whether the value read is there (v, !v,
// v === null, v == undefined, typeof v === "undefined"), "value" when it compares it with a
// constant (v === "done"), and "" otherwise.
func (t *taint) existTest(cond *node) string {
	kind := ""
	var visit func(e *node)
	visit = func(e *node) {
		e = unparen(e)
		if e == nil || kind == "exists" {
			return
		}
		switch e.kind {
		case "unary_expression":
			if op := e.child("operator"); op != nil && op.text() == "!" {
				visit(e.child("argument"))
			}
			return
		case "binary_expression":
			op := e.child("operator").text()
			l, r := unparen(e.child("left")), unparen(e.child("right"))
			switch op {
			case "&&", "||":
				visit(l)
				visit(r)
			case "===", "!==", "==", "!=":
				for _, side := range [][2]*node{{l, r}, {r, l}} {
					v, c := side[0], side[1]
					if v.kind == "unary_expression" && v.child("operator").text() == "typeof" {
						v = unparen(v.child("argument"))
					}
					if t.flows(v) != 1 {
						continue
					}
					switch c.kind {
					case "null", "undefined":
						kind = "exists"
					case "string", "number", "true", "false", "template_string":
						if c.kind == "string" && (stringValue(c) == "undefined") {
							kind = "exists"
						} else if kind == "" {
							kind = "value"
						}
					case "identifier":
						if c.text() == "undefined" {
							kind = "exists"
						}
					}
				}
			}
			return
		}
		if t.flows(e) == 1 || t.fieldOfValue(e) {
			kind = "exists"
			return
		}
		if e.kind == "identifier" {
			if d := t.declOf(e); d != nil && t.tests[d] != "" && (kind == "" || t.tests[d] == "exists") {
				kind = t.tests[d]
			}
		}
	}
	visit(cond)
	return kind
}

// fieldOfValue reports whether e is a field of the value read (`existing?.owner`,
// `rec.claimedAt`): its truthiness says whether the key held a value.
func (t *taint) fieldOfValue(e *node) bool {
	e = unparen(e)
	return e.kind == "member_expression" && t.flows(unparen(e.child("object"))) == 1
}

// used reports whether the value read is served or passed on anywhere in its function:
// returned, handed to a call (other than a log, an error or an error response), kept in
// an object. A value only tested, logged or mentioned in an error is not used.
func (t *taint) used() bool {
	use := false
	t.get.fn.walk(func(n *node) bool {
		if use {
			return false
		}
		occ := n == t.get.call
		if !occ && (n.kind == "identifier" || n.kind == "shorthand_property_identifier") && n.field != "name" {
			if d := t.declOf(n); d != nil && d.id != n && t.level[d] > 0 {
				occ = true
			}
		}
		if occ && t.isUse(n) {
			use = true
		}
		return true
	})
	return use
}

var logCallee = map[string]bool{"console": true, "logger": true, "log": true}

func (t *taint) isUse(o *node) bool {
	x := o
	for depth := 0; depth < 64; depth++ {
		par := x.parent
		if par == nil {
			return false
		}
		switch par.kind {
		case "await_expression", "parenthesized_expression", "as_expression", "non_null_expression", "satisfies_expression",
			"spread_element", "template_substitution", "template_string", "array", "object", "type_assertion", "update_expression":
		case "pair":
			if x.field != "value" {
				return false
			}
		case "member_expression", "subscript_expression":
			if x.field != "object" {
				return true
			}
		case "ternary_expression":
			if x.field == "condition" {
				return false
			}
		case "binary_expression":
			if comparisons[par.child("operator").text()] {
				return false
			}
		case "unary_expression":
			if op := par.child("operator").text(); op == "!" || op == "typeof" || op == "void" {
				return false
			}
		case "if_statement", "while_statement", "do_statement", "for_statement", "switch_statement", "expression_statement", "throw_statement":
			return false
		case "variable_declarator", "assignment_expression", "augmented_assignment_expression":
			return false // what it is copied into is judged where that is used
		case "call_expression":
			// x is the callee: v.split(",") — a method of the value; follow the call's result.
		case "arguments":
			call := par.parent
			callee := unparen(call.child("function"))
			if call.kind == "new_expression" {
				callee = call.child("constructor")
			}
			name := ""
			if callee != nil {
				name = callee.text()
			}
			root := strings.Split(name, ".")[0]
			switch {
			case logCallee[root] || strings.HasSuffix(name, "Error"):
				return false
			case errorResponse(call):
				return false
			case converters[name]:
				x = call
				continue
			}
			if call.kind == "call_expression" && callee != nil && callee.kind == "member_expression" {
				if m := callee.child("property"); m != nil && (m.text() == "put" || m.text() == "delete") && t.p.nsOf(callee.child("object"), 0) != "" {
					return false // written back: kvrmw's ground
				}
			}
			return true
		case "new_expression":
			return true
		case "return_statement", "arrow_function":
			return true
		default:
			return true
		}
		x = par
	}
	return true
}

// errorResponse reports whether a call or `new` builds an error response: an argument
// that is a 4xx/5xx status, or an options object whose status is one
// (new Response("taken", {status: 409}), c.json({...}, 409), error(404, "...")).
func errorResponse(call *node) bool {
	args := call.child("arguments")
	if args == nil {
		return false
	}
	isErr := func(n *node) bool {
		n = unparen(n)
		if n == nil || n.kind != "number" {
			return false
		}
		v, err := strconv.Atoi(n.text())
		return err == nil && v >= 400 && v <= 599
	}
	for _, a := range args.namedKids() {
		if isErr(a) {
			return true
		}
		if a = unparen(a); a.kind == "object" {
			for _, pr := range a.namedKids() {
				if pr.kind == "pair" && (pr.child("key").text() == "status" || pr.child("key").text() == "statusCode") && isErr(pr.child("value")) {
					return true
				}
			}
		}
	}
	return false
}
