package kvts

import (
	"strconv"
	"strings"
)

// key is the identity of a key expression: two keys with the same non-empty term on the
// same namespace are the same entry, as long as no variable they read (deps) is assigned.
type key struct {
	term    string // "" when unknown: never the same as anything
	literal bool   // the key is a constant string
	lit     string
	deps    []*decl
}

// pureFuncs are calls whose result depends only on their arguments: a key built with them
// from the same values is the same key.
var pureFuncs = map[string]bool{
	"String": true, "encodeURIComponent": true, "encodeURI": true, "Number": true, "JSON.stringify": true,
}

var pureMethods = map[string]bool{
	"toLowerCase": true, "toUpperCase": true, "trim": true, "toString": true, "join": true,
	"slice": true, "substring": true, "padStart": true, "padEnd": true, "replace": true, "replaceAll": true,
	"toISOString": false,
}

// keyOf computes a key's identity. Literals, template literals and concatenations are
// flattened into parts, so `"user:" + id` and `user:${id}` are one key.
func (p *project) keyOf(e *node) key {
	var parts []string
	var deps []*decl
	if !p.keyParts(e, 0, &parts, &deps) {
		return key{}
	}
	// Merge adjacent literal parts.
	var merged []string
	allLit := true
	for _, part := range parts {
		if strings.HasPrefix(part, "L") && len(merged) > 0 && strings.HasPrefix(merged[len(merged)-1], "L") {
			merged[len(merged)-1] += part[1:]
			continue
		}
		if !strings.HasPrefix(part, "L") {
			allLit = false
		}
		merged = append(merged, part)
	}
	k := key{term: strings.Join(merged, "\x00"), deps: deps}
	if allLit {
		k.literal = true
		if len(merged) == 1 {
			k.lit = merged[0][1:]
		}
		if k.term == "" {
			k.term = "L"
		}
	}
	return k
}

func (p *project) keyParts(e *node, depth int, parts *[]string, deps *[]*decl) bool {
	e = unparen(e)
	if e == nil || depth > 12 {
		return false
	}
	switch e.kind {
	case "string":
		*parts = append(*parts, "L"+stringValue(e))
		return true
	case "number":
		*parts = append(*parts, "L"+e.text())
		return true
	case "template_string":
		for _, k := range e.kids {
			switch k.kind {
			case "string_fragment", "escape_sequence":
				*parts = append(*parts, "L"+k.text())
			case "template_substitution":
				nk := k.namedKids()
				if len(nk) != 1 || !p.keyParts(nk[0], depth+1, parts, deps) {
					return false
				}
			}
		}
		return true
	case "binary_expression":
		if op := e.child("operator"); op == nil || op.text() != "+" {
			return false
		}
		return p.keyParts(e.child("left"), depth+1, parts, deps) && p.keyParts(e.child("right"), depth+1, parts, deps)
	case "identifier":
		d := p.sc.resolve(e)
		if d == nil {
			return false // a global we know nothing about
		}
		if arg, ok := p.subst[d]; ok {
			// A wrapper's parameter: the caller's argument, keyed in the caller's scope.
			saved := p.subst
			p.subst = nil
			ok := p.keyParts(arg, depth+1, parts, deps)
			p.subst = saved
			return ok
		}
		if d.kind == "const" && d.init != nil {
			if v := unparen(d.init); v.kind == "string" || v.kind == "template_string" || v.kind == "binary_expression" || v.kind == "number" {
				var sub []string
				var subDeps []*decl
				if p.keyParts(v, depth+1, &sub, &subDeps) {
					*parts = append(*parts, sub...)
					*deps = append(*deps, subDeps...)
					return true
				}
			}
		}
		if d.kind == "import" {
			*parts = append(*parts, "I"+d.prop+"@"+d.from.text())
			return true
		}
		*parts = append(*parts, "V"+strconv.Itoa(d.id.start))
		*deps = append(*deps, d)
		return true
	}
	t, ok := p.term(e, depth+1, deps)
	if !ok {
		return false
	}
	*parts = append(*parts, "T"+t)
	return true
}

// term names an expression that is not string building: a variable, a field of one, a
// call of a pure function of such values.
func (p *project) term(e *node, depth int, deps *[]*decl) (string, bool) {
	e = unparen(e)
	if e == nil || depth > 12 {
		return "", false
	}
	switch e.kind {
	case "this":
		return "this", true
	case "string", "number", "template_string", "binary_expression", "identifier":
		var parts []string
		if !p.keyParts(e, depth+1, &parts, deps) {
			return "", false
		}
		return "(" + strings.Join(parts, "\x00") + ")", true
	case "member_expression":
		prop := e.child("property")
		if prop == nil || prop.kind != "property_identifier" {
			return "", false
		}
		base, ok := p.term(e.child("object"), depth+1, deps)
		return base + "." + prop.text(), ok
	case "subscript_expression":
		base, ok := p.term(e.child("object"), depth+1, deps)
		if !ok {
			return "", false
		}
		idx, ok := p.term(e.child("index"), depth+1, deps)
		return base + "[" + idx + "]", ok
	case "call_expression":
		callee := unparen(e.child("function"))
		var name string
		switch {
		case callee.kind == "identifier" && pureFuncs[callee.text()]:
			name = callee.text()
		case callee.kind == "member_expression" && pureFuncs[callee.text()]:
			name = callee.text()
		case callee.kind == "member_expression" && callee.child("property") != nil && pureMethods[callee.child("property").text()]:
			recv, ok := p.term(callee.child("object"), depth+1, deps)
			if !ok {
				return "", false
			}
			name = recv + "." + callee.child("property").text()
		case callee.kind == "identifier":
			d := p.sc.resolve(callee)
			if d == nil || d.fn == nil || !p.pureFunc(d.fn) {
				return "", false
			}
			name = "F" + strconv.Itoa(d.id.start)
		default:
			return "", false
		}
		var args []string
		if a := e.child("arguments"); a != nil {
			for _, arg := range a.namedKids() {
				t, ok := p.term(arg, depth+1, deps)
				if !ok {
					return "", false
				}
				args = append(args, t)
			}
		}
		return name + "(" + strings.Join(args, ",") + ")", true
	}
	return "", false
}

// pureFunc reports whether a function of the project builds its result only from its
// arguments: it calls nothing but pure string functions, awaits nothing and assigns
// nothing outside itself. keyFor(id) called twice with the same id is then one key.
func (p *project) pureFunc(fn *node) bool {
	if v, ok := p.pureCache[fn]; ok {
		return v
	}
	p.pureCache[fn] = false
	pure := true
	body := fn.child("body")
	if body == nil {
		return false
	}
	body.walk(func(n *node) bool {
		switch n.kind {
		case "await_expression", "new_expression", "assignment_expression", "augmented_assignment_expression", "update_expression", "yield_expression":
			pure = false
		case "call_expression":
			callee := unparen(n.child("function"))
			switch {
			case callee.kind == "identifier" && pureFuncs[callee.text()]:
			case callee.kind == "member_expression" && pureFuncs[callee.text()]:
			case callee.kind == "member_expression" && callee.child("property") != nil && pureMethods[callee.child("property").text()]:
			default:
				pure = false
			}
		}
		return pure
	})
	p.pureCache[fn] = pure
	return pure
}

// stringValue returns the contents of a string literal (escapes kept as written: two
// literals spelled alike are equal).
func stringValue(s *node) string {
	t := s.text()
	if len(t) >= 2 {
		return t[1 : len(t)-1]
	}
	return t
}
