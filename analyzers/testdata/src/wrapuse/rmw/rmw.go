package rmw

import (
	"wrapstore"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

// Reported: read and write through wrappers of another package.
func incr(ns *wkv.Namespace, k string) {
	n := wrapstore.ReadCount(ns, k)
	wrapstore.WriteCount(ns, k, n+1) // want `read-modify-write of the same KV key: the value written by WriteCount comes from the ReadCount above`
}

// Reported: a wrapper read and a direct write of the same entry.
func mixed(ns *wkv.Namespace) {
	n := wrapstore.ReadCount(ns, "hits")
	ns.PutString("hits", string(rune(n+1)), nil) // want `read-modify-write of KV key "hits"`
}

// Silent: different keys through wrappers.
func otherKey(ns *wkv.Namespace) {
	n := wrapstore.ReadCount(ns, "a")
	wrapstore.WriteCount(ns, "b", n+1)
}
