package kvts

// taint follows the value a get returns through the function: level 1 is the value itself
// (a copy, `v ?? "0"`, getWithMetadata's .value), level 2 something derived from it
// (parsed, computed, changed in place).
type taint struct {
	p     *project
	get   *op
	level map[*decl]int
	tests map[*decl]string // booleans holding a test of the value: const taken = v !== null
}

var converters = map[string]bool{
	"Number": true, "parseInt": true, "parseFloat": true, "String": true, "BigInt": true, "JSON.parse": true,
	"JSON.stringify": true, "structuredClone": true, "Object.assign": true, "Array.from": true, "Object.entries": true,
	"Object.fromEntries": true, "Object.keys": true, "Object.values": true, "Math.max": true, "Math.min": true,
	"Math.floor": true, "Math.ceil": true, "Math.round": true, "Math.abs": true, "Number.parseInt": true, "Number.parseFloat": true,
}

var newConverters = map[string]bool{"Map": true, "Set": true, "Array": true, "Date": true, "URLSearchParams": true}

// boolMethods answer a question about the value: a test, not a flow.
var boolMethods = map[string]bool{"includes": true, "has": true, "startsWith": true, "endsWith": true, "some": true, "every": true, "test": true, "hasOwnProperty": true}

var mutators = map[string]bool{"push": true, "unshift": true, "splice": true, "set": true, "add": true, "delete": true,
	"pop": true, "shift": true, "sort": true, "reverse": true, "fill": true, "clear": true}

var comparisons = map[string]bool{"===": true, "!==": true, "==": true, "!=": true, "<": true, "<=": true, ">": true, ">=": true, "instanceof": true, "in": true}

// newTaint follows g's value through its function up to offset limit (-1: the whole
// function, never forgetting a variable: flow-insensitive).
func (p *project) newTaint(g *op, limit int) *taint {
	t := &taint{p: p, get: g, level: map[*decl]int{}, tests: map[*decl]string{}}
	body := g.fn
	for round := 0; round < 2; round++ { // twice, for loops that carry a value round
		body.walk(func(n *node) bool {
			if limit >= 0 && n.start >= limit {
				return false
			}
			if n != body && funcKinds[n.kind] {
				return false
			}
			t.step(n, limit < 0)
			return true
		})
	}
	return t
}

func (t *taint) declOf(id *node) *decl {
	if id == nil || (id.kind != "identifier" && id.kind != "shorthand_property_identifier" && id.kind != "shorthand_property_identifier_pattern") {
		return nil
	}
	return t.p.sc.resolve(id)
}

// baseDecl returns the variable at the root of x, x.f, x[i].g.
func (t *taint) baseDecl(e *node) *decl {
	for e != nil {
		e = unparen(e)
		if e.kind == "member_expression" || e.kind == "subscript_expression" {
			e = e.child("object")
			continue
		}
		return t.declOf(e)
	}
	return nil
}

func (t *taint) raise(d *decl, lv int) {
	if d != nil && lv > t.level[d] {
		t.level[d] = lv
	}
}

func (t *taint) step(n *node, insensitive bool) {
	switch n.kind {
	case "variable_declarator":
		v := n.child("value")
		if v == nil {
			return
		}
		lv := t.flows(v)
		if lv == 0 {
			if name := n.child("name"); name != nil && name.kind == "identifier" {
				if k := t.existTest(v); k != "" {
					if d := t.declOf(name); d != nil && (d.kind == "const" || !t.p.reassigned(d)) {
						t.tests[d] = k
					}
				}
			}
			return
		}
		n.child("name").walk(func(x *node) bool {
			if x.field == "key" && x.parent.kind == "pair_pattern" {
				return false
			}
			if x.kind == "identifier" || x.kind == "shorthand_property_identifier_pattern" {
				t.raise(t.declOf(x), lv)
			}
			return true
		})
	case "assignment_expression":
		l, r := unparen(n.child("left")), n.child("right")
		lv := t.flows(r)
		if l == nil {
			return
		}
		if l.kind == "identifier" {
			d := t.declOf(l)
			if d == nil {
				return
			}
			if lv > 0 {
				t.raise(d, lv)
			} else if !insensitive && !conditional(n, d.scope) {
				delete(t.level, d) // replaced whole: nothing read reaches it any more
			}
			return
		}
		d := t.baseDecl(l)
		if d != nil && (t.level[d] > 0 || lv > 0) {
			t.level[d] = 2 // a field of it changed, or it now holds what was read
		}
	case "augmented_assignment_expression":
		d := t.baseDecl(n.child("left"))
		if d != nil && (t.level[d] > 0 || t.flows(n.child("right")) > 0) {
			t.level[d] = 2
		}
	case "update_expression":
		for _, k := range n.namedKids() {
			if d := t.baseDecl(k); d != nil && t.level[d] > 0 {
				t.level[d] = 2
			}
		}
	case "call_expression":
		callee := unparen(n.child("function"))
		if callee == nil {
			return
		}
		args := n.child("arguments")
		argFlows := false
		if args != nil {
			for _, a := range args.namedKids() {
				if t.flows(a) > 0 {
					argFlows = true
				}
			}
		}
		if callee.kind == "member_expression" && callee.child("property") != nil && mutators[callee.child("property").text()] {
			if d := t.baseDecl(callee.child("object")); d != nil && (t.level[d] > 0 || argFlows) {
				t.level[d] = 2
			}
		}
		if callee.text() == "Object.assign" && args != nil && argFlows {
			if a := args.namedKids(); len(a) > 0 {
				t.raise(t.baseDecl(a[0]), 2)
			}
		}
	}
}

// flows returns how much of the value read reaches e: 0 nothing, 1 the value itself, 2
// something derived from it.
func (t *taint) flows(e *node) int {
	if e == nil {
		return 0
	}
	switch e.kind {
	case "identifier", "shorthand_property_identifier":
		if d := t.declOf(e); d != nil {
			return t.level[d]
		}
		return 0
	case "call_expression":
		if e == t.get.call {
			return 1
		}
		callee := unparen(e.child("function"))
		if callee == nil {
			return 0
		}
		if converters[callee.text()] {
			if args := e.child("arguments"); args != nil {
				for _, a := range args.namedKids() {
					if t.flows(a) > 0 {
						return 2
					}
				}
			}
			return 0
		}
		if callee.kind == "member_expression" {
			prop := callee.child("property")
			if prop != nil && !boolMethods[prop.text()] && t.flows(callee.child("object")) > 0 {
				return 2
			}
		}
		return 0
	case "await_expression", "parenthesized_expression", "as_expression", "non_null_expression", "satisfies_expression",
		"spread_element", "template_substitution", "type_assertion":
		best := 0
		for _, k := range e.namedKids() {
			best = max(best, t.flows(k))
		}
		return best
	case "binary_expression":
		op := e.child("operator")
		if op == nil || comparisons[op.text()] {
			return 0
		}
		l, r := t.flows(e.child("left")), t.flows(e.child("right"))
		switch op.text() {
		case "??", "||", "&&":
			return max(l, r)
		}
		if l > 0 || r > 0 {
			return 2
		}
		return 0
	case "unary_expression":
		op := e.child("operator")
		if op != nil && (op.text() == "!" || op.text() == "typeof" || op.text() == "void" || op.text() == "delete") {
			return 0
		}
		if t.flows(e.child("argument")) > 0 {
			return 2
		}
		return 0
	case "ternary_expression":
		return max(t.flows(e.child("consequence")), t.flows(e.child("alternative")))
	case "template_string", "object", "array", "pair":
		for _, k := range e.namedKids() {
			if k.kind == "pair" {
				if t.flows(k.child("value")) > 0 {
					return 2
				}
				continue
			}
			if t.flows(k) > 0 {
				return 2
			}
		}
		return 0
	case "member_expression":
		lo := t.flows(e.child("object"))
		if lo == 0 {
			return 0
		}
		if t.get.withMeta && e.child("property") != nil && e.child("property").text() == "value" {
			return lo
		}
		return 2
	case "subscript_expression":
		if t.flows(e.child("object")) > 0 {
			return 2
		}
		return 0
	case "new_expression":
		if c := e.child("constructor"); c != nil && newConverters[c.text()] {
			if args := e.child("arguments"); args != nil {
				for _, a := range args.namedKids() {
					if t.flows(a) > 0 {
						return 2
					}
				}
			}
		}
		return 0
	case "update_expression":
		for _, k := range e.namedKids() {
			if t.flows(k) > 0 {
				return 2
			}
		}
		return 0
	case "assignment_expression", "augmented_assignment_expression":
		return t.flows(e.child("right"))
	}
	return 0
}
