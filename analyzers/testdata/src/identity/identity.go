// Package identity pins the key-identity rules (design notes, "Key and namespace
// identity") with kvwriteread: a read after a write is reported exactly when both name
// the same entry.
package identity

import (
	"fmt"
	"strings"
	"time"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

func keyFor(user string) string { return "user:" + strings.ToLower(user) }

var hits int

func impure(user string) string { hits++; return user }

type req struct{ ID string }

func sameValue(ns *wkv.Namespace, k string) {
	ns.PutString(k, "x", nil)
	ns.GetString(k, nil) // want `read after write`
}

func sameConstant(ns *wkv.Namespace) {
	const k = "config"
	ns.PutString("config", "x", nil)
	ns.GetString(k, nil) // want `read after write of KV key "config"`
}

func concatBuiltTwice(ns *wkv.Namespace, a, b string) {
	ns.PutString(a+":"+b, "x", nil)
	ns.GetString(a+":"+b, nil) // want `read after write`
}

func sprintfBuiltTwice(ns *wkv.Namespace, id int) {
	ns.PutString(fmt.Sprintf("item:%d", id), "x", nil)
	ns.GetString(fmt.Sprintf("item:%d", id), nil) // want `read after write`
}

func joinBuiltTwice(ns *wkv.Namespace, a, b string) {
	ns.PutString(strings.Join([]string{a, b}, "/"), "x", nil)
	ns.GetString(strings.Join([]string{a, b}, "/"), nil) // want `read after write`
}

func pureCallTwice(ns *wkv.Namespace, user string) {
	ns.PutString(keyFor(user), "x", nil)
	ns.GetString(keyFor(user), nil) // want `read after write`
}

func fieldOfSameBase(ns *wkv.Namespace, r *req) {
	ns.PutString(r.ID, "x", nil)
	ns.GetString(r.ID, nil) // want `read after write`
}

func sameBinding() {
	a, _ := wkv.NewNamespace("SESSIONS")
	ns := a
	ns.PutString("s", "x", nil)
	a.GetString("s", nil) // want `read after write`
}

// Silent cases: not certainly the same entry.

func differentConstants(ns *wkv.Namespace) {
	ns.PutString("a", "x", nil)
	ns.GetString("b", nil)
}

func differentOperands(ns *wkv.Namespace, a, b string) {
	ns.PutString("user:"+a, "x", nil)
	ns.GetString("user:"+b, nil)
}

func differentFormat(ns *wkv.Namespace, id int) {
	ns.PutString(fmt.Sprintf("item:%d", id), "x", nil)
	ns.GetString(fmt.Sprintf("items:%d", id), nil)
}

func impureCallTwice(ns *wkv.Namespace, user string) {
	ns.PutString(impure(user), "x", nil)
	ns.GetString(impure(user), nil)
}

func clockKeys(ns *wkv.Namespace) {
	ns.PutString(time.Now().String(), "x", nil)
	ns.GetString(time.Now().String(), nil)
}

func fieldOfOtherBase(ns *wkv.Namespace, r, s *req) {
	ns.PutString(r.ID, "x", nil)
	ns.GetString(s.ID, nil)
}

func reassignedVariable(ns *wkv.Namespace, a, b string) {
	k := a
	ns.PutString(k, "x", nil)
	k = b
	ns.GetString(k, nil)
}

func sameKeyTwoNamespaces(a, b *wkv.Namespace) {
	a.PutString("k", "x", nil)
	b.GetString("k", nil)
}

func unknownNamespace(get func() *wkv.Namespace) {
	get().PutString("k", "x", nil)
	get().GetString("k", nil)
}
