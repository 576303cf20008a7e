package kvts

import (
	"regexp"
	"strconv"
	"strings"
)

type opKind int

const (
	opGet opKind = iota
	opPut
	opDelete
	opList
)

// op is one KV operation found in the code.
type op struct {
	kind     opKind
	method   string // get, getWithMetadata, put, delete, list
	call     *node  // the call_expression
	recv     *node  // the namespace expression (env.KV)
	fn       *node  // the innermost function holding the call
	ns       string // namespace identity; never ""
	key      *node  // the key argument (nil for list)
	keys     []key  // the entries addressed: one, or one per element of a bulk get
	value    *node  // put's value
	options  *node  // put's third argument, get's second
	bulk     bool
	getType  string // "text", "json", "arrayBuffer", "stream" for a get
	withMeta bool
	// viaWrapper marks a call of a project function that performs the operation; keyText
	// names its key as the caller wrote it.
	viaWrapper bool
	keyText    string
}

func (o *op) isWrite() bool { return o.kind == opPut || o.kind == opDelete }

// describe names the call as the user wrote it: env.KV.put.
func (o *op) describe() string {
	if o.viaWrapper {
		return oneLine(o.recv.text()) + " (a " + kindName[o.kind] + " of KV)"
	}
	return oneLine(o.recv.text()) + "." + o.method
}

var kindName = map[opKind]string{opGet: "get", opPut: "put", opDelete: "delete", opList: "list"}

// keyPhrase names the entry for messages: KV key "visits", or KV key `user:${id}`.
func (o *op) keyPhrase() string {
	if len(o.keys) == 1 && o.keys[0].literal {
		return "KV key " + strconv.Quote(o.keys[0].lit)
	}
	if o.key == nil {
		return "the KV key"
	}
	t := oneLine(o.key.text())
	if o.keyText != "" {
		t = o.keyText
	}
	if !strings.HasPrefix(t, "`") {
		t = "`" + t + "`"
	}
	return "KV key " + t
}

func oneLine(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > 60 {
		s = s[:57] + "..."
	}
	return s
}

var methodKinds = map[string]opKind{
	"get": opGet, "getWithMetadata": opGet, "put": opPut, "delete": opDelete, "list": opList,
}

// findOps returns the KV operations of a file, in source order.
func (p *project) findOps(f *file) []*op {
	var ops []*op
	f.root.walk(func(n *node) bool {
		if n.kind != "call_expression" {
			return true
		}
		callee := unparen(n.child("function"))
		if callee != nil && callee.kind == "await_expression" {
			// tree-sitter-typescript reads `await ns.get<T>(k)` as (await ns.get)<T>(k).
			if nk := callee.namedKids(); len(nk) == 1 {
				callee = unparen(nk[0])
			}
		}
		if callee == nil || callee.kind != "member_expression" {
			return true
		}
		prop := callee.child("property")
		if prop == nil {
			return true
		}
		kind, ok := methodKinds[prop.text()]
		if !ok {
			return true
		}
		recv := callee.child("object")
		ns := p.nsOf(recv, 0)
		if ns == "" {
			return true
		}
		args := n.child("arguments")
		var argv []*node
		if args != nil {
			argv = args.namedKids()
		}
		o := &op{kind: kind, method: prop.text(), call: n, recv: recv, fn: enclosingFunc(n), ns: ns}
		if kind != opList && len(argv) > 0 {
			o.key = argv[0]
			if k := unparen(argv[0]); k.kind == "array" && kind == opGet {
				o.bulk = true
				for _, e := range k.namedKids() {
					o.keys = append(o.keys, p.keyOf(e))
				}
			} else {
				o.keys = []key{p.keyOf(argv[0])}
			}
		}
		switch kind {
		case opPut:
			if len(argv) > 1 {
				o.value = argv[1]
			}
			if len(argv) > 2 {
				o.options = argv[2]
			}
		case opGet:
			o.withMeta = o.method == "getWithMetadata"
			o.getType = "text"
			if len(argv) > 1 {
				o.options = argv[1]
				if t := unparen(argv[1]); t.kind == "string" {
					o.getType = strings.Trim(t.text(), "\"'`")
				} else if v := p.objectProp(argv[1], "type"); v != nil {
					o.getType = strings.Trim(unparen(v).text(), "\"'`")
				}
			}
		}
		ops = append(ops, o)
		return true
	})
	return ops
}

// objectProp returns the value of property name in an object literal (or a const
// variable holding one), or nil.
func (p *project) objectProp(e *node, name string) *node {
	obj := p.constObject(e, 0)
	if obj == nil {
		return nil
	}
	for _, k := range obj.namedKids() {
		switch k.kind {
		case "pair":
			if kn := k.child("key"); kn != nil && strings.Trim(kn.text(), "\"'") == name {
				return k.child("value")
			}
		case "shorthand_property_identifier":
			if k.text() == name {
				return k
			}
		}
	}
	return nil
}

// constObject looks through a const variable to the object literal it holds.
func (p *project) constObject(e *node, depth int) *node {
	e = unparen(e)
	if e == nil || depth > 4 {
		return nil
	}
	switch e.kind {
	case "object":
		return e
	case "identifier":
		d := p.sc.resolve(e)
		if d != nil && d.kind == "const" && d.init != nil {
			return p.constObject(d.init, depth+1)
		}
	}
	return nil
}

// nsOf returns the identity of the KV namespace an expression evaluates to, or "".
//   - binding:NAME for a binding reached through an env object (env.KV, c.env.KV,
//     this.env.KV, context.env.KV, platform.env.KV, locals.runtime.env.KV), destructured
//     from one, aliased, or used as a global (service-worker syntax);
//   - param:OFFSET for a parameter that holds a KVNamespace (typed so, or handed one by
//     every caller the project has): one namespace inside its function;
//   - field:OFFSET:NAME for a class field that holds a KVNamespace.
func (p *project) nsOf(e *node, depth int) string {
	if e == nil || depth > 8 {
		return ""
	}
	if e.kind == "as_expression" || e.kind == "satisfies_expression" {
		if t := e.namedKids(); len(t) == 2 && p.isKVType(t[1]) {
			inner := unparen(t[0])
			if inner.kind == "member_expression" && inner.child("property") != nil {
				return "binding:" + inner.child("property").text()
			}
			if id := p.nsOf(t[0], depth+1); id != "" {
				return id
			}
		}
	}
	e = unparen(e)
	switch e.kind {
	case "member_expression":
		prop := e.child("property")
		obj := unparen(e.child("object"))
		if prop == nil || obj == nil || (prop.kind != "property_identifier" && prop.kind != "private_property_identifier") {
			return ""
		}
		name := prop.text()
		if p.kvNames[name] && p.envLike(obj, depth+1) {
			return "binding:" + name
		}
		if obj.kind == "this" {
			return p.fieldNS(e, name, depth+1)
		}
	case "identifier":
		d := p.sc.resolve(e)
		if d == nil {
			if p.kvNames[e.text()] {
				return "binding:" + e.text() // a global binding (service-worker syntax)
			}
			return ""
		}
		return p.declNS(d, depth+1)
	}
	return ""
}

func (p *project) declNS(d *decl, depth int) string {
	if d.from != nil || (d.prop != "" && d.kind == "param") {
		if d.kind == "import" {
			return ""
		}
		if p.kvNames[d.prop] && (d.from == nil || p.envLike(unparen(d.from), depth)) {
			return "binding:" + d.prop
		}
		return ""
	}
	switch d.kind {
	case "const", "let", "var":
		if d.typ != nil && p.isKVType(d.typ) {
			if d.init != nil {
				if id := p.nsOf(d.init, depth); id != "" {
					return id
				}
			}
			return "var:" + strconv.Itoa(d.id.start)
		}
		if d.init != nil && (d.kind == "const" || !p.reassigned(d)) {
			return p.nsOf(d.init, depth)
		}
	case "param":
		if d.typ != nil && p.isKVType(d.typ) {
			return "param:" + strconv.Itoa(d.id.start)
		}
		if p.kvParams[d.id] || p.jsdocKV(d) {
			return "param:" + strconv.Itoa(d.id.start)
		}
	}
	return ""
}

// jsdocRE matches a JSDoc tag typing a parameter as a namespace: @param {KVNamespace} kv.
var jsdocRE = regexp.MustCompile(`@param\s*\{[^}]*\bKVNamespace\b[^}]*\}\s*\[?([A-Za-z_$][\w$]*)`)

// jsdocKV reports whether the JSDoc comment before a parameter's function types it
// KVNamespace (JavaScript helpers written with type comments).
func (p *project) jsdocKV(d *decl) bool {
	fn := d.scope
	if fn == nil || !funcKinds[fn.kind] {
		return false
	}
	// The comment precedes the function, its export, or the declaration holding it.
	at := fn
	for at.parent != nil && (at.parent.kind == "export_statement" || at.parent.kind == "variable_declarator" ||
		at.parent.kind == "lexical_declaration" || at.parent.kind == "variable_declaration") {
		at = at.parent
	}
	if at.parent == nil {
		return false
	}
	var prev *node
	for _, k := range at.parent.kids {
		if k == at {
			break
		}
		prev = k
	}
	if prev == nil || prev.kind != "comment" {
		return false
	}
	for _, m := range jsdocRE.FindAllStringSubmatch(prev.text(), -1) {
		if m[1] == d.name {
			return true
		}
	}
	return false
}

// isKVType reports whether a type annotation names KVNamespace (KVNamespace<string>,
// KVNamespace | undefined, and a `: KVNamespace` annotation node), or a type of the
// project that is one (`interface KV extends KVNamespace {}`, `type Store = KVNamespace`;
// a qualified name such as Limiter.KV counts by its last part).
func (p *project) isKVType(t *node) bool {
	found := false
	t.walk(func(n *node) bool {
		if n.kind == "object_type" || n.kind == "function_type" {
			return false // { KV: KVNamespace } is an object holding one, not one
		}
		if (n.kind == "type_identifier" || n.kind == "identifier") && p.kvTypes[n.text()] {
			found = true
		}
		// Env["CACHE"]: the type of a binding the project declares KV.
		if n.kind == "lookup_type" {
			for _, k := range n.namedKids() {
				if k.kind == "literal_type" && p.kvNames[strings.Trim(k.text(), "\"'")] {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// envLike reports whether an expression is the Worker's environment object: an identifier
// or property named env (env, c.env, this.env, context.env, platform.env,
// locals.runtime.env, context.cloudflare.env), a parameter typed Env or Bindings, or a
// const alias of one of those.
func (p *project) envLike(e *node, depth int) bool {
	if e == nil || depth > 8 {
		return false
	}
	e = unparen(e)
	switch e.kind {
	case "member_expression":
		prop := e.child("property")
		return prop != nil && strings.EqualFold(prop.text(), "env")
	case "identifier":
		if strings.EqualFold(e.text(), "env") {
			return true
		}
		d := p.sc.resolve(e)
		if d == nil {
			return false
		}
		if d.typ != nil {
			t := d.typ.text()
			if strings.Contains(t, "Env") || strings.Contains(t, "Bindings") {
				return true
			}
		}
		if d.kind == "const" && d.init != nil {
			return p.envLike(d.init, depth+1)
		}
		if d.from != nil && strings.EqualFold(d.prop, "env") {
			return true
		}
	}
	return false
}

// fieldNS resolves this.NAME inside a class: a field declared KVNamespace (also as a
// constructor parameter property), or assigned a namespace in any method.
func (p *project) fieldNS(at *node, name string, depth int) string {
	var class *node
	for q := at.parent; q != nil; q = q.parent {
		if q.kind == "class_body" {
			class = q
			break
		}
	}
	if class == nil {
		return ""
	}
	cacheKey := strconv.Itoa(class.start) + ":" + name
	if v, ok := p.fieldCache[cacheKey]; ok {
		return v
	}
	p.fieldCache[cacheKey] = "" // cycles resolve to unknown
	field := "field:" + cacheKey
	result := ""
	sources := map[string]bool{}
	class.walk(func(n *node) bool {
		switch n.kind {
		case "public_field_definition", "field_definition":
			if nm := n.child("name"); nm == nil && n.child("property") != nil {
				nm = n.child("property")
			}
			if nm := fieldName(n); nm != nil && nm.text() == name {
				if t := n.child("type"); t != nil && p.isKVType(t) {
					result = field
				} else if v := n.child("value"); v != nil {
					if id := p.nsOf(v, depth+1); id != "" {
						sources[id] = true
					}
				}
			}
		case "required_parameter", "optional_parameter":
			// constructor(private kv: KVNamespace)
			if pat := n.child("pattern"); pat != nil && pat.text() == name {
				for _, k := range n.kids {
					if k.kind == "accessibility_modifier" || k.kind == "readonly" {
						if t := n.child("type"); t != nil && p.isKVType(t) {
							result = field
						}
					}
				}
			}
		case "assignment_expression":
			l := unparen(n.child("left"))
			if l != nil && l.kind == "member_expression" && unparen(l.child("object")).kind == "this" &&
				l.child("property") != nil && l.child("property").text() == name {
				if id := p.nsOf(n.child("right"), depth+1); id != "" {
					sources[id] = true
				} else {
					sources["?"] = true
				}
			}
		}
		return true
	})
	if result == "" && len(sources) == 1 && !sources["?"] {
		for id := range sources {
			result = id
		}
		// A parameter's identity is local to its function: in the class it is the field.
		if strings.HasPrefix(result, "param:") || strings.HasPrefix(result, "var:") {
			result = field
		}
	}
	p.fieldCache[cacheKey] = result
	return result
}

// fieldName returns the name of a class field declaration (`name` in TypeScript,
// `property` in JavaScript).
func fieldName(n *node) *node {
	if nm := n.child("name"); nm != nil {
		return nm
	}
	return n.child("property")
}

// reassigned reports whether a variable is assigned anywhere after its declaration
// (x = ..., x += ..., x++), or has a member assigned (x.f = ...).
func (p *project) reassigned(d *decl) bool {
	if v, ok := p.assignCache[d]; ok {
		return v
	}
	res := false
	d.scope.walk(func(n *node) bool {
		if res {
			return false
		}
		var target *node
		switch n.kind {
		case "assignment_expression", "augmented_assignment_expression":
			target = n.child("left")
		case "update_expression":
			target = n.child("argument")
			if target == nil {
				nk := n.namedKids()
				if len(nk) > 0 {
					target = nk[0]
				}
			}
		default:
			return true
		}
		for target != nil {
			target = unparen(target)
			if target.kind == "member_expression" {
				target = target.child("object")
				continue
			}
			if target.kind == "subscript_expression" {
				target = target.child("object")
				continue
			}
			break
		}
		if target != nil && target.kind == "identifier" && target.text() == d.name && p.sc.resolve(target) == d {
			res = true
		}
		return true
	})
	p.assignCache[d] = res
	return res
}
