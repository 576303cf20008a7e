package kvts

import "strings"

// decl is one declared name: a variable (or a name bound by destructuring), a parameter, a
// loop variable, a function or an import.
type decl struct {
	name  string
	id    *node  // the identifier that declares it
	kind  string // "const", "let", "var", "param", "loop", "catch", "function", "class", "import"
	init  *node  // the initialiser of a plain `const x = init` (nil when destructured)
	from  *node  // for destructuring: the value destructured (`const {A: x} = from`)
	prop  string // for destructuring: the property taken (`A`)
	typ   *node  // the type annotation, when written
	scope *node  // the node whose subtree the name is visible in
	fn    *node  // the function declared, for "function" (and const f = () => ...)
}

var funcKinds = map[string]bool{
	"function_declaration": true, "function_expression": true, "function": true, "arrow_function": true,
	"method_definition": true, "generator_function_declaration": true, "generator_function": true,
}

var blockKinds = map[string]bool{
	"program": true, "statement_block": true, "switch_case": true, "switch_default": true, "class_body": true,
}

// scopes holds, per scope node, the names it declares; filled lazily.
type scopes struct {
	byScope map[*node]map[string]*decl
	uses    map[*node]*decl
}

func newScopes() *scopes {
	return &scopes{byScope: map[*node]map[string]*decl{}, uses: map[*node]*decl{}}
}

// resolve returns the declaration an identifier refers to, or nil (a global).
func (s *scopes) resolve(id *node) *decl {
	if d, ok := s.uses[id]; ok {
		return d
	}
	name := id.text()
	var found *decl
	for p := id.parent; p != nil && found == nil; p = p.parent {
		if funcKinds[p.kind] || blockKinds[p.kind] || p.kind == "for_in_statement" || p.kind == "for_statement" || p.kind == "catch_clause" || p.kind == "class_declaration" || p.kind == "class" {
			found = s.declsOf(p)[name]
		}
	}
	s.uses[id] = found
	return found
}

func (s *scopes) declsOf(sc *node) map[string]*decl {
	if m, ok := s.byScope[sc]; ok {
		return m
	}
	m := map[string]*decl{}
	s.byScope[sc] = m
	add := func(d *decl) {
		d.scope = sc
		if _, dup := m[d.name]; !dup {
			m[d.name] = d
		}
	}
	switch {
	case funcKinds[sc.kind]:
		if p := sc.child("parameters"); p != nil {
			for _, k := range p.namedKids() {
				paramDecls(k, add)
			}
		}
		if p := sc.child("parameter"); p != nil { // x => ...
			add(&decl{name: p.text(), id: p, kind: "param"})
		}
		// A named function expression sees its own name.
		if sc.kind != "function_declaration" && sc.kind != "method_definition" {
			if n := sc.child("name"); n != nil {
				add(&decl{name: n.text(), id: n, kind: "function", fn: sc})
			}
		}
	case sc.kind == "for_in_statement":
		if l := sc.child("left"); l != nil {
			patternDecls(l, "loop", nil, add)
		}
	case sc.kind == "for_statement":
		if in := sc.child("initializer"); in != nil {
			declarationDecls(in, add)
		}
	case sc.kind == "catch_clause":
		if p := sc.child("parameter"); p != nil {
			patternDecls(p, "catch", nil, add)
		}
	case sc.kind == "class_declaration" || sc.kind == "class":
		// the class's own name, seen inside it
	default:
		for _, st := range sc.kids {
			switch st.kind {
			case "lexical_declaration", "variable_declaration":
				declarationDecls(st, add)
			case "function_declaration", "generator_function_declaration":
				if n := st.child("name"); n != nil {
					add(&decl{name: n.text(), id: n, kind: "function", fn: st})
				}
			case "class_declaration":
				if n := st.child("name"); n != nil {
					add(&decl{name: n.text(), id: n, kind: "class", fn: st})
				}
			case "import_statement":
				st.walk(func(k *node) bool {
					switch k.kind {
					case "import_specifier":
						n := k.child("alias")
						if n == nil {
							n = k.child("name")
						}
						if n != nil {
							add(&decl{name: n.text(), id: n, kind: "import", prop: k.child("name").text(), from: st})
						}
						return false
					case "namespace_import":
						for _, n := range k.namedKids() {
							add(&decl{name: n.text(), id: n, kind: "import", from: st})
						}
						return false
					case "import_clause":
						for _, n := range k.kids {
							if n.kind == "identifier" {
								add(&decl{name: n.text(), id: n, kind: "import", prop: "default", from: st})
							}
						}
					}
					return true
				})
			case "export_statement":
				for _, d := range st.kids {
					switch d.kind {
					case "lexical_declaration", "variable_declaration":
						declarationDecls(d, add)
					case "function_declaration", "generator_function_declaration":
						if n := d.child("name"); n != nil {
							add(&decl{name: n.text(), id: n, kind: "function", fn: d})
						}
					case "class_declaration":
						if n := d.child("name"); n != nil {
							add(&decl{name: n.text(), id: n, kind: "class", fn: d})
						}
					}
				}
			}
		}
	}
	return m
}

// declarationDecls adds the names of `const|let|var a = ..., {b, c: d} = ...`.
func declarationDecls(st *node, add func(*decl)) {
	kind := "var"
	if len(st.kids) > 0 {
		switch st.kids[0].kind {
		case "const":
			kind = "const"
		case "let":
			kind = "let"
		}
	}
	if st.kind == "variable_declaration" {
		kind = "var"
	}
	for _, vd := range st.kids {
		if vd.kind != "variable_declarator" {
			continue
		}
		name, value := vd.child("name"), vd.child("value")
		if name == nil {
			continue
		}
		if name.kind == "identifier" {
			d := &decl{name: name.text(), id: name, kind: kind, init: value, typ: vd.child("type")}
			if v := unparen(value); v != nil && (v.kind == "arrow_function" || v.kind == "function_expression" || v.kind == "function") {
				d.fn = v
			}
			add(d)
			continue
		}
		patternDecls(name, kind, value, add)
	}
}

// paramDecls adds the names a formal parameter binds.
func paramDecls(p *node, add func(*decl)) {
	switch p.kind {
	case "required_parameter", "optional_parameter":
		pat := p.child("pattern")
		if pat == nil {
			return
		}
		typ := p.child("type")
		if pat.kind == "identifier" {
			add(&decl{name: pat.text(), id: pat, kind: "param", typ: typ})
			return
		}
		patternDecls(pat, "param", nil, add)
	default:
		patternDecls(p, "param", nil, add)
	}
}

// patternDecls adds the names of a binding pattern; from is the value destructured, when
// known, so that `const { KV } = env` records that KV is env.KV.
func patternDecls(pat *node, kind string, from *node, add func(*decl)) {
	switch pat.kind {
	case "identifier", "shorthand_property_identifier_pattern":
		add(&decl{name: pat.text(), id: pat, kind: kind})
	case "object_pattern":
		for _, k := range pat.namedKids() {
			switch k.kind {
			case "shorthand_property_identifier_pattern":
				add(&decl{name: k.text(), id: k, kind: kind, from: from, prop: k.text()})
			case "pair_pattern":
				key, val := k.child("key"), k.child("value")
				if key == nil || val == nil {
					continue
				}
				if val.kind == "identifier" {
					add(&decl{name: val.text(), id: val, kind: kind, from: from, prop: strings.Trim(key.text(), `"'`)})
				} else if val.kind == "assignment_pattern" && val.child("left") != nil && val.child("left").kind == "identifier" {
					l := val.child("left")
					add(&decl{name: l.text(), id: l, kind: kind, from: from, prop: strings.Trim(key.text(), `"'`)})
				} else {
					patternDecls(val, kind, nil, add)
				}
			case "object_assignment_pattern":
				l := k.child("left")
				if l != nil && (l.kind == "shorthand_property_identifier_pattern" || l.kind == "identifier") {
					add(&decl{name: l.text(), id: l, kind: kind, from: from, prop: l.text()})
				}
			case "rest_pattern":
				patternDecls(k, kind, nil, add)
			}
		}
	case "array_pattern", "rest_pattern":
		for _, k := range pat.namedKids() {
			patternDecls(k, kind, nil, add)
		}
	case "assignment_pattern":
		if l := pat.child("left"); l != nil {
			patternDecls(l, kind, from, add)
		}
	}
}

// enclosingFunc returns the innermost function containing n (n itself excluded), or the
// program.
func enclosingFunc(n *node) *node {
	for p := n.parent; p != nil; p = p.parent {
		if funcKinds[p.kind] || p.kind == "program" {
			return p
		}
	}
	return nil
}
