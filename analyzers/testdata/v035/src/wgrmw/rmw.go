// Package wgrmw uses github.com/syumai/workers-go v0.35+ (its generated layer, and the
// old import path now aliasing the new one) for counters.
package wgrmw

import (
	"errors"
	"strconv"

	xkv "github.com/syumai/workers-go/exp/cloudflare/kv"
	okv "github.com/syumai/workers/cloudflare/kv"
)

// Reported (kvrmw): a counter on the generated low-level layer.
func count(ns *xkv.KVNamespace) error {
	v, err := ns.GetText("n", xkv.KVNamespaceGetOptions{})
	if err != nil {
		return err
	}
	n := 0
	if v != nil {
		n, _ = strconv.Atoi(*v)
	}
	return ns.Put("n", strconv.Itoa(n+1), xkv.KVNamespacePutOptions{}) // want `read-modify-write of KV key "n"`
}

// Reported (kvrmw): a counter through the old path.
func countOld(ns *okv.Namespace) error {
	v, err := ns.GetString("n", nil)
	if errors.Is(err, okv.ErrNotFound) {
		v = "0"
	} else if err != nil {
		return err
	}
	n, _ := strconv.Atoi(v)
	return ns.PutString("n", strconv.Itoa(n+1), nil) // want `read-modify-write of KV key "n"`
}
