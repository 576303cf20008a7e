package kvts

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

const (
	minExpirationTTL = 60
	minCacheTTL      = 30
	pastUnixTime     = 1_000_000_000 // 2001: an "expiration" below it is a TTL in the wrong field
)

// kvttl: expirationTtl under 60 s, expiration less than 60 s ahead (or in the past, or a
// small constant), cacheTtl under 30 s, and a cacheTtl longer than the expirationTtl the
// same function writes for the same key.
func (p *project) checkTTL() {
	type setting struct {
		o     *op
		val   float64
		value *node
	}
	expTTLs := map[*node][]setting{} // by function
	var cacheTTLs []setting
	for _, o := range p.ops {
		if o.options == nil {
			continue
		}
		switch o.kind {
		case opPut:
			if v := p.objectProp(o.options, "expirationTtl"); v != nil {
				if n, ok := p.fold(v, 0); ok {
					expTTLs[o.fn] = append(expTTLs[o.fn], setting{o, n, v})
					if n != 0 && n < minExpirationTTL {
						p.report(v, "kvttl", fmt.Sprintf("expirationTtl of %s s is below the %d s minimum, so KV rejects the write; use at least %d s", show(n), minExpirationTTL, minExpirationTTL),
							nil, raiseFix(v, "expirationTtl", minExpirationTTL))
					}
				}
			}
			if v := p.objectProp(o.options, "expiration"); v != nil {
				p.checkExpiration(v)
			}
		case opGet:
			if v := p.objectProp(o.options, "cacheTtl"); v != nil {
				if n, ok := p.fold(v, 0); ok {
					cacheTTLs = append(cacheTTLs, setting{o, n, v})
					if n != 0 && n < minCacheTTL {
						p.report(v, "kvttl", fmt.Sprintf("cacheTtl of %s s is below the %d s minimum, so KV rejects the read; use at least %d s, "+
							"or leave it unset (the default is 60 s)", show(n), minCacheTTL, minCacheTTL),
							nil, raiseFix(v, "cacheTtl", minCacheTTL))
					}
				}
			}
		}
	}
	for _, r := range cacheTTLs {
		if r.val < minCacheTTL {
			continue
		}
		for _, w := range expTTLs[r.o.fn] {
			if w.val < minExpirationTTL || r.val <= w.val || !p.sameEntry(r.o, w.o) {
				continue
			}
			p.report(r.value, "kvttl", fmt.Sprintf(
				"cacheTtl of %s s is longer than the expirationTtl of %s s written for %s, so reads can return the value after it expired; "+
					"set cacheTtl no higher than the expirationTtl",
				show(r.val), show(w.val), r.o.keyPhrase()), relatedAt(w.value, "the expirationTtl is set here"), nil)
			break
		}
	}
}

func (p *project) checkExpiration(v *node) {
	if n, ok := p.fold(v, 0); ok {
		if n > 0 && n < pastUnixTime {
			p.report(v, "kvttl", fmt.Sprintf("expiration %s is an absolute Unix time (seconds since 1970), so it lies in the past and KV rejects the write; "+
				"for a lifetime in seconds set the expirationTtl option instead", show(n)), nil, renameFix(v))
		}
		return
	}
	off, offNode, ok := p.nowPlus(v, 0)
	if !ok || off >= minExpirationTTL {
		return
	}
	when := fmt.Sprintf("now + %s s, less than the %d s in the future that KV requires", show(off), minExpirationTTL)
	if off < 0 {
		when = fmt.Sprintf("%s s in the past, where KV requires at least %d s in the future", show(-off), minExpirationTTL)
	}
	var fix *Fix
	if offNode != nil && off > 0 && literalArith(offNode) {
		fix = &Fix{Message: fmt.Sprintf("Expire %d s from now", minExpirationTTL), Edits: []Edit{edit(offNode, strconv.Itoa(minExpirationTTL))}}
	}
	p.report(v, "kvttl", fmt.Sprintf("expiration is %s, so KV rejects the write; "+
		"expire at least %d s from now, or set expirationTtl instead", when, minExpirationTTL), nil, fix)
}

// raiseFix rewrites a TTL written as literal arithmetic (30, 30_000 / 1000) to the
// minimum; a TTL held in a variable is left alone (the variable may be used elsewhere).
func raiseFix(v *node, what string, min int) *Fix {
	if !literalArith(v) {
		return nil
	}
	return &Fix{Message: fmt.Sprintf("Raise %s to the %d s minimum", what, min), Edits: []Edit{edit(v, strconv.Itoa(min))}}
}

// renameFix moves a small constant written as expiration to expirationTtl.
func renameFix(v *node) *Fix {
	pair := v.parent
	if pair == nil || pair.kind != "pair" || pair.child("key") == nil || !literalArith(v) {
		return nil
	}
	for _, k := range pair.parent.namedKids() {
		if k.kind == "pair" && k.child("key") != nil && strings.Trim(k.child("key").text(), "\"'") == "expirationTtl" {
			return nil
		}
	}
	n, _ := (&project{}).foldLit(v)
	if n < minExpirationTTL {
		return nil
	}
	return &Fix{Message: "Set the lifetime as expirationTtl", Edits: []Edit{edit(pair.child("key"), "expirationTtl")}}
}

// literalArith reports whether e is numbers and arithmetic only.
func literalArith(e *node) bool {
	ok := true
	e.walk(func(x *node) bool {
		switch x.kind {
		case "number", "binary_expression", "parenthesized_expression", "unary_expression":
		default:
			if x.named {
				ok = false
			}
		}
		return ok
	})
	return ok
}

func (p *project) foldLit(e *node) (float64, bool) { return p.fold(e, 0) }

// fold evaluates a numeric constant expression: literals (with _ separators, hex),
// arithmetic, Math.floor/ceil/round/trunc, and const variables and const object fields
// holding them (TTL = 30_000 / 1000, CONFIG.ttl).
func (p *project) fold(e *node, depth int) (float64, bool) {
	e = unparen(e)
	if e == nil || depth > 10 {
		return 0, false
	}
	switch e.kind {
	case "number":
		return parseNumber(e.text())
	case "unary_expression":
		v, ok := p.fold(e.child("argument"), depth+1)
		if !ok {
			return 0, false
		}
		switch e.child("operator").text() {
		case "-":
			return -v, true
		case "+":
			return v, true
		}
	case "binary_expression":
		l, ok1 := p.fold(e.child("left"), depth+1)
		r, ok2 := p.fold(e.child("right"), depth+1)
		if !ok1 || !ok2 {
			return 0, false
		}
		switch e.child("operator").text() {
		case "+":
			return l + r, true
		case "-":
			return l - r, true
		case "*":
			return l * r, true
		case "/":
			if r == 0 {
				return 0, false
			}
			return l / r, true
		case "%":
			if r == 0 {
				return 0, false
			}
			return math.Mod(l, r), true
		case "**":
			return math.Pow(l, r), true
		case "|":
			return float64(int64(l) | int64(r)), true
		}
	case "identifier", "shorthand_property_identifier":
		d := p.sc.resolve(e)
		if d != nil && d.kind == "const" && d.init != nil {
			return p.fold(d.init, depth+1)
		}
	case "member_expression":
		prop := e.child("property")
		if prop == nil {
			return 0, false
		}
		if obj := p.constObject(e.child("object"), 0); obj != nil {
			if v := p.objectProp(obj, prop.text()); v != nil {
				return p.fold(v, depth+1)
			}
		}
	case "call_expression":
		callee := unparen(e.child("function")).text()
		args := e.child("arguments")
		if args == nil || len(args.namedKids()) != 1 {
			return 0, false
		}
		v, ok := p.fold(args.namedKids()[0], depth+1)
		if !ok {
			return 0, false
		}
		switch callee {
		case "Math.floor":
			return math.Floor(v), true
		case "Math.ceil":
			return math.Ceil(v), true
		case "Math.round":
			return math.Round(v), true
		case "Math.trunc", "Number", "parseInt":
			return math.Trunc(v), true
		}
	}
	return 0, false
}

func parseNumber(s string) (float64, bool) {
	s = strings.ReplaceAll(s, "_", "")
	s = strings.TrimSuffix(s, "n")
	if strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X") {
		v, err := strconv.ParseInt(s[2:], 16, 64)
		return float64(v), err == nil
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

// nowPlus recognises an absolute expiration computed from the clock, in seconds:
// Math.floor(Date.now() / 1000) + n, Date.now() / 1000 + n, Math.floor((Date.now() + ms) / 1000),
// and returns n (the offset in seconds) and the node holding it, when one literal does.
func (p *project) nowPlus(e *node, depth int) (float64, *node, bool) {
	e = unparen(e)
	if e == nil || depth > 8 {
		return 0, nil, false
	}
	switch e.kind {
	case "call_expression":
		switch unparen(e.child("function")).text() {
		case "Math.floor", "Math.ceil", "Math.round", "Math.trunc", "Number", "parseInt":
			if a := e.child("arguments").namedKids(); len(a) >= 1 {
				return p.nowPlus(a[0], depth+1)
			}
		}
	case "binary_expression":
		op := e.child("operator").text()
		l, r := e.child("left"), e.child("right")
		switch op {
		case "/":
			if d, ok := p.fold(r, 0); ok && d == 1000 {
				if ms, _, ok := p.nowMs(l, depth+1); ok {
					return ms / 1000, nil, true
				}
			}
		case "+", "-":
			if base, _, ok := p.nowPlus(l, depth+1); ok {
				if c, ok := p.fold(r, 0); ok {
					if op == "-" {
						return base - c, r, true
					}
					return base + c, r, true
				}
			}
			if op == "+" {
				if base, _, ok := p.nowPlus(r, depth+1); ok {
					if c, ok := p.fold(l, 0); ok {
						return base + c, l, true
					}
				}
			}
		case "|":
			if c, ok := p.fold(r, 0); ok && c == 0 {
				return p.nowPlus(l, depth+1)
			}
		}
	case "identifier":
		d := p.sc.resolve(e)
		if d != nil && d.kind == "const" && d.init != nil {
			off, _, ok := p.nowPlus(d.init, depth+1)
			return off, nil, ok
		}
	}
	return 0, nil, false
}

// nowMs recognises the clock in milliseconds, plus or minus a constant: Date.now(),
// new Date().getTime(), +new Date(), Date.now() + 30_000.
func (p *project) nowMs(e *node, depth int) (float64, *node, bool) {
	e = unparen(e)
	if e == nil || depth > 8 {
		return 0, nil, false
	}
	t := strings.Join(strings.Fields(e.text()), "")
	switch t {
	case "Date.now()", "newDate().getTime()", "+newDate()", "newDate().valueOf()":
		return 0, nil, true
	}
	if e.kind == "binary_expression" {
		op := e.child("operator").text()
		if op == "+" || op == "-" {
			if base, _, ok := p.nowMs(e.child("left"), depth+1); ok {
				if c, ok := p.fold(e.child("right"), 0); ok {
					if op == "-" {
						c = -c
					}
					return base + c, nil, true
				}
			}
		}
	}
	if e.kind == "identifier" {
		d := p.sc.resolve(e)
		if d != nil && d.kind == "const" && d.init != nil {
			return p.nowMs(d.init, depth+1)
		}
	}
	return 0, nil, false
}

func show(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
