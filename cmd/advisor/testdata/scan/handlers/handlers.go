// Package handlers counts and claims with Workers KV: what KV cannot do.
package handlers

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/syumai/workers/cloudflare/kv"
)

func Visits(w http.ResponseWriter, r *http.Request) {
	ns, _ := kv.NewNamespace("COUNTERS")
	v, _ := ns.GetString("visits", nil)
	n, _ := strconv.Atoi(v)
	ns.PutString("visits", strconv.Itoa(n+1), nil)
	fmt.Fprintln(w, n+1)
}

func Claim(w http.ResponseWriter, r *http.Request) {
	ns, _ := kv.NewNamespace("NAMES")
	name := r.FormValue("name")
	v, _ := ns.GetString("name:"+name, nil)
	if v == "<null>" {
		ns.PutString("name:"+name, r.FormValue("owner"), nil)
	}
}
