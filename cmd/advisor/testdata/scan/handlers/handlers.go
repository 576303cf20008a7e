// Package handlers counts and claims with Workers KV: what KV cannot do. It imports
// little, so that loading it for the scan test stays fast.
package handlers

import (
	"strconv"

	"github.com/syumai/workers/cloudflare/kv"
)

func Visits() int {
	ns, _ := kv.NewNamespace("COUNTERS")
	v, _ := ns.GetString("visits", nil)
	n, _ := strconv.Atoi(v)
	ns.PutString("visits", strconv.Itoa(n+1), nil)
	return n + 1
}

func Claim(name, owner string) {
	ns, _ := kv.NewNamespace("NAMES")
	v, _ := ns.GetString("name:"+name, nil)
	if v == "<null>" {
		ns.PutString("name:"+name, owner, nil)
	}
}
