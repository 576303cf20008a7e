package kvts

// inferParams marks the parameters of the project's functions and constructors that every
// call site hands a KV namespace: helpers written in JavaScript, where no KVNamespace type
// says so (`async function bump(ns, key) {...}` called as `bump(env.KV, "n")`). A
// parameter handed a namespace at one call and something else at another stays unknown.
// Two rounds, so that a helper of a helper is found too.
func (p *project) inferParams() {
	topFuncs := map[string][]*node{} // exported or top-level functions by name, for imports
	p.topFuncs = topFuncs
	classes := map[string][]*node{}
	for _, f := range p.files {
		for _, st := range f.root.kids {
			d := st
			if d.kind == "export_statement" {
				if dd := d.child("declaration"); dd != nil {
					d = dd
				}
			}
			switch d.kind {
			case "function_declaration":
				if n := d.child("name"); n != nil {
					topFuncs[n.text()] = append(topFuncs[n.text()], d)
				}
			case "class_declaration":
				if n := d.child("name"); n != nil {
					classes[n.text()] = append(classes[n.text()], d)
				}
			case "lexical_declaration":
				for _, vd := range d.kids {
					if vd.kind == "variable_declarator" {
						if v := unparen(vd.child("value")); v != nil && (v.kind == "arrow_function" || v.kind == "function_expression") {
							topFuncs[vd.child("name").text()] = append(topFuncs[vd.child("name").text()], v)
						}
					}
				}
			}
		}
	}
	calleeFn := func(callee *node, isNew bool) *node {
		callee = unparen(callee)
		if callee == nil || callee.kind != "identifier" {
			return nil
		}
		var fn *node
		if d := p.sc.resolve(callee); d != nil {
			switch {
			case d.fn != nil:
				fn = d.fn
			case d.kind == "import":
				name := d.prop
				if isNew {
					if cs := classes[name]; len(cs) == 1 {
						fn = cs[0]
					}
				} else if fs := topFuncs[name]; len(fs) == 1 {
					fn = fs[0]
				}
			}
		}
		if fn != nil && (fn.kind == "class_declaration" || fn.kind == "class") {
			fn = constructorOf(fn)
		}
		return fn
	}
	for round := 0; round < 2; round++ {
		seen := map[*node]string{} // param id → "kv" or "other"
		for _, f := range p.files {
			f.root.walk(func(n *node) bool {
				if n.kind != "call_expression" && n.kind != "new_expression" {
					return true
				}
				var callee *node
				if n.kind == "call_expression" {
					callee = n.child("function")
				} else {
					callee = n.child("constructor")
				}
				fn := calleeFn(callee, n.kind == "new_expression")
				if fn == nil {
					return true
				}
				params := paramIDs(fn)
				args := n.child("arguments")
				if args == nil {
					return true
				}
				for i, a := range args.namedKids() {
					if i >= len(params) || params[i] == nil {
						break
					}
					if p.nsOf(a, 0) != "" {
						if seen[params[i]] == "" {
							seen[params[i]] = "kv"
						}
					} else {
						seen[params[i]] = "other"
					}
				}
				return true
			})
		}
		for id, v := range seen {
			if v == "kv" {
				p.kvParams[id] = true
			}
		}
		// Field identities computed before the parameters were known are stale.
		p.fieldCache = map[string]string{}
	}
}

func constructorOf(class *node) *node {
	body := class.child("body")
	if body == nil {
		return nil
	}
	for _, m := range body.kids {
		if m.kind == "method_definition" {
			if n := m.child("name"); n != nil && n.text() == "constructor" {
				return m
			}
		}
	}
	return nil
}

// paramIDs returns, for each formal parameter, the identifier it binds (nil for patterns).
func paramIDs(fn *node) []*node {
	if fn == nil {
		return nil
	}
	if p := fn.child("parameter"); p != nil {
		return []*node{p}
	}
	ps := fn.child("parameters")
	if ps == nil {
		return nil
	}
	var out []*node
	for _, k := range ps.namedKids() {
		switch k.kind {
		case "identifier":
			out = append(out, k)
		case "required_parameter", "optional_parameter":
			if pat := k.child("pattern"); pat != nil && pat.kind == "identifier" {
				out = append(out, pat)
			} else {
				out = append(out, nil)
			}
		case "assignment_pattern":
			if l := k.child("left"); l != nil && l.kind == "identifier" {
				out = append(out, l)
			} else {
				out = append(out, nil)
			}
		default:
			out = append(out, nil)
		}
	}
	return out
}
