package kvts

import (
	"regexp"
	"strings"
)

// lca returns the lowest common ancestor of a and b.
func lca(a, b *node) *node {
	seen := map[*node]bool{}
	for p := a; p != nil; p = p.parent {
		seen[p] = true
	}
	for p := b; p != nil; p = p.parent {
		if seen[p] {
			return p
		}
	}
	return nil
}

// childToward returns the child of anc on the way down to n.
func childToward(anc, n *node) *node {
	for p := n; p != nil; p = p.parent {
		if p.parent == anc {
			return p
		}
	}
	return nil
}

// reaches reports whether code at b can run after code at a in one run of their function,
// without going round a loop: b comes later in the source, a and b are not on the two
// sides of one if, ternary, switch or try/catch, and no return or throw after a leaves
// the blocks that b is outside of.
func reaches(a, b *node) bool {
	if a.start >= b.start || a.within(b) || b.within(a) {
		return false
	}
	l := lca(a, b)
	if l == nil {
		return false
	}
	ca, cb := childToward(l, a), childToward(l, b)
	switch l.kind {
	case "if_statement":
		if ca != nil && cb != nil && ca.field == "consequence" && cb.field == "alternative" {
			return false
		}
	case "ternary_expression":
		if ca != nil && cb != nil && ca.field == "consequence" && cb.field == "alternative" {
			return false
		}
	case "switch_body":
		if ca != nil && cb != nil && ca != cb && endsWithExit(ca, true) {
			return false
		}
	case "try_statement":
		if ca != nil && cb != nil && ca.field == "body" && cb.field == "handler" {
			return false // the handler runs when the body failed: the write did not happen
		}
	}
	for x := a; x != nil && x != l; x = x.parent {
		if x.kind == "return_statement" || x.kind == "throw_statement" {
			return false
		}
		par := x.parent
		if par == nil || par == l || !blockKinds[par.kind] {
			continue
		}
		after := false
		for _, s := range par.kids {
			if s == x {
				after = true
				continue
			}
			if after && (s.kind == "return_statement" || s.kind == "throw_statement") {
				return false
			}
		}
	}
	return true
}

// endsWithExit reports whether a switch case (or block) leaves by break, return or throw
// as a direct statement.
func endsWithExit(c *node, orBreak bool) bool {
	for _, s := range c.kids {
		switch s.kind {
		case "return_statement", "throw_statement":
			return true
		case "break_statement", "continue_statement":
			if orBreak {
				return true
			}
		}
	}
	return false
}

// conditional reports whether n runs only under a condition, between n and the ancestor
// top: in a branch of an if, a ternary, a switch case, a catch, or the right operand of
// && || ??, or inside a try (it may have been skipped by an earlier throw).
func conditional(n, top *node) bool {
	for x := n; x != nil && x != top && x.parent != nil; x = x.parent {
		par := x.parent
		switch par.kind {
		case "if_statement", "ternary_expression":
			if x.field == "consequence" || x.field == "alternative" {
				return true
			}
		case "switch_case", "switch_default", "catch_clause", "finally_clause":
			return true
		case "binary_expression":
			if op := par.child("operator"); op != nil && (op.text() == "&&" || op.text() == "||" || op.text() == "??") && x.field == "right" {
				return true
			}
		case "try_statement":
			if x.field == "body" {
				return true
			}
		}
	}
	return false
}

// conds returns the branch nodes (if consequence/alternative, ternary branch, case,
// catch, right operand of a short circuit) that n lies in, up to fn.
func conds(n, fn *node) []*node {
	var out []*node
	for x := n; x != nil && x != fn; x = x.parent {
		par := x.parent
		if par == nil {
			break
		}
		switch par.kind {
		case "if_statement", "ternary_expression":
			if x.field == "consequence" || x.field == "alternative" {
				out = append(out, x)
			}
		case "switch_case", "switch_default", "catch_clause":
			out = append(out, par)
		case "binary_expression":
			if op := par.child("operator"); op != nil && (op.text() == "&&" || op.text() == "||" || op.text() == "??") && x.field == "right" {
				out = append(out, x)
			}
		}
	}
	return out
}

var loopKinds = map[string]bool{"for_statement": true, "for_in_statement": true, "while_statement": true, "do_statement": true}

// iterMethods take a callback run once per element: the callback is a loop body.
var iterMethods = map[string]bool{"forEach": true, "map": true, "flatMap": true, "filter": true, "some": true, "every": true, "reduce": true, "find": true}

// waitRE matches calls that pace a loop: sleep(ms), delay(), scheduler.wait(), a
// rate limiter's wait, setTimeout in a promise.
var waitRE = regexp.MustCompile(`(?i)(sleep|delay|wait|settimeout|throttle|pause|backoff|acquire)$`)

// waits reports whether a call in the subtree of n (nested functions included, since
// `await new Promise(r => setTimeout(r, ms))` waits through one) between offsets from
// and to pauses.
func waits(n *node, from, to int) bool {
	found := false
	n.walk(func(x *node) bool {
		if found || x.end < from || x.start > to {
			return false
		}
		if x.kind == "call_expression" {
			callee := unparen(x.child("function"))
			name := callee.text()
			if callee.kind == "member_expression" && callee.child("property") != nil {
				name = callee.child("property").text()
			}
			if waitRE.MatchString(name) {
				found = true
			}
		}
		if x.kind == "new_expression" {
			if c := x.child("constructor"); c != nil && c.text() == "Promise" && strings.Contains(x.text(), "setTimeout") {
				found = true
			}
		}
		return !found
	})
	return found
}
