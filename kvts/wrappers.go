package kvts

import "strconv"

// A wrapper is a function of the project that performs a KV operation whose key is built
// from its parameters: `async function saveGrant(env, key, grant) { await
// env.KV.put(key, JSON.stringify(grant)) }`. A call of it is that operation, with the
// caller's arguments in place of the parameters, so that a caller's get → change → save
// is a read-modify-write (docs/checks.md, "Wrappers"). As in the Go passes, only functions
// with at most maxWrapperOps operations are summarised.
type wrapper struct {
	fn      *node
	params  []*node // the identifiers of the parameters, by position
	op      *op     // the operation inside
	nsParam int     // the parameter holding the namespace, or -1 (a binding or field)
	valArg  int     // for a put: the parameter written (as is, or through JSON.stringify/String), or -1
}

const maxWrapperOps = 4

// summarize finds the wrappers among the functions that hold operations.
func (p *project) summarize() map[*node][]*wrapper {
	out := map[*node][]*wrapper{}
	for fn, ops := range p.opsByFn {
		if fn == nil || len(ops) > maxWrapperOps || (fn.kind != "function_declaration" && fn.kind != "method_definition" &&
			fn.kind != "arrow_function" && fn.kind != "function_expression") {
			continue
		}
		params := paramIDs(fn)
		if len(params) == 0 {
			continue
		}
		isParam := map[*decl]int{}
		for i, id := range params {
			if id != nil {
				if d := p.sc.resolve(id); d != nil && d.id == id {
					isParam[d] = i
				}
			}
		}
		for _, o := range ops {
			if o.key == nil || o.bulk || o.kind == opList {
				continue
			}
			k, ok := keyFor(o)
			if !ok || len(k.deps) == 0 {
				continue // a key that does not come from the parameters is the wrapper's own business
			}
			fromParams := true
			for _, d := range k.deps {
				if _, ok := isParam[d]; !ok || p.reassigned(d) {
					fromParams = false
				}
			}
			if !fromParams {
				continue
			}
			w := &wrapper{fn: fn, params: params, op: o, nsParam: -1, valArg: -1}
			switch {
			case len(o.ns) > 6 && o.ns[:6] == "param:":
				off, _ := strconv.Atoi(o.ns[6:])
				for i, id := range params {
					if id != nil && id.start == off {
						w.nsParam = i
					}
				}
				if w.nsParam < 0 {
					continue
				}
			case len(o.ns) > 8 && o.ns[:8] == "binding:", len(o.ns) > 6 && o.ns[:6] == "field:":
			default:
				continue
			}
			if o.kind == opPut && o.value != nil {
				v := unparen(o.value)
				if v.kind == "call_expression" {
					if c := unparen(v.child("function")).text(); c == "JSON.stringify" || c == "String" {
						if a := v.child("arguments").namedKids(); len(a) >= 1 {
							v = unparen(a[0])
						}
					}
				}
				if v.kind == "identifier" {
					if d := p.sc.resolve(v); d != nil {
						if i, ok := isParam[d]; ok {
							w.valArg = i
						}
					}
				}
			}
			out[fn] = append(out[fn], w)
		}
	}
	return out
}

// wrapperOps turns the calls of wrappers into operations of their callers.
func (p *project) wrapperOps() {
	sums := p.summarize()
	if len(sums) == 0 {
		return
	}
	for _, f := range p.files {
		f.root.walk(func(n *node) bool {
			if n.kind != "call_expression" {
				return true
			}
			callee := unparen(n.child("function"))
			fn := p.calleeOf(callee)
			ws := sums[fn]
			if len(ws) == 0 {
				return true
			}
			args := n.child("arguments")
			if args == nil {
				return true
			}
			argv := args.namedKids()
			for _, w := range ws {
				if len(argv) < len(w.params) {
					continue // default parameters: the key may not be what the caller passes
				}
				ns := w.op.ns
				if w.nsParam >= 0 {
					ns = p.nsOf(argv[w.nsParam], 0)
				}
				if ns == "" {
					continue
				}
				subst := map[*decl]*node{}
				for i, id := range w.params {
					if id != nil {
						if d := p.sc.resolve(id); d != nil {
							subst[d] = argv[i]
						}
					}
				}
				p.subst = subst
				k := p.keyOf(w.op.key)
				p.subst = nil
				if k.term == "" {
					continue
				}
				o := &op{kind: w.op.kind, method: callee.text(), call: n, recv: callee, fn: enclosingFunc(n), ns: ns,
					key: w.op.key, keys: []key{k}, getType: w.op.getType, withMeta: w.op.withMeta, viaWrapper: true}
				o.keyText = oneLine(w.op.key.text())
				if len(argv) > 0 {
					// Name the key as the caller wrote it: the argument the key is built from.
					for i, id := range w.params {
						if id != nil && w.op.key.text() == id.text() {
							o.keyText = oneLine(argv[i].text())
						}
					}
				}
				if w.valArg >= 0 {
					o.value = argv[w.valArg]
				}
				p.ops = append(p.ops, o)
				p.opsByFn[o.fn] = append(p.opsByFn[o.fn], o)
			}
			return true
		})
	}
}

// calleeOf resolves a called function of the project: a function or const arrow in scope
// or imported by name (unique in the project), or this.method() in the same class.
func (p *project) calleeOf(callee *node) *node {
	if callee == nil {
		return nil
	}
	switch callee.kind {
	case "identifier":
		d := p.sc.resolve(callee)
		if d == nil {
			return nil
		}
		if d.fn != nil {
			return d.fn
		}
		if d.kind == "import" {
			if fs := p.topFuncs[d.prop]; len(fs) == 1 {
				return fs[0]
			}
		}
	case "member_expression":
		obj, prop := unparen(callee.child("object")), callee.child("property")
		if obj == nil || prop == nil || obj.kind != "this" {
			return nil
		}
		for q := callee.parent; q != nil; q = q.parent {
			if q.kind == "class_body" {
				for _, m := range q.kids {
					if m.kind == "method_definition" && m.child("name") != nil && m.child("name").text() == prop.text() {
						return m
					}
				}
				return nil
			}
		}
	}
	return nil
}
