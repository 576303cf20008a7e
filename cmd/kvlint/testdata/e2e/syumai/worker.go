// Package syumai is a Worker built with github.com/syumai/workers (GOOS=js GOARCH=wasm).
package syumai

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/syumai/workers/cloudflare"
	"github.com/syumai/workers/cloudflare/kv"
)

func Visits(w http.ResponseWriter, r *http.Request) {
	ns, err := kv.NewNamespace("COUNTERS")
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	v, _ := ns.GetString("visits", nil)
	n, _ := strconv.Atoi(v)
	ns.PutString("visits", strconv.Itoa(n+1), nil) // kvrmw
	fmt.Fprintln(w, n+1)
}

func SaveSettings(w http.ResponseWriter, r *http.Request) {
	ns, _ := cloudflare.NewKVNamespace("SETTINGS")
	user := r.URL.Query().Get("user")
	ns.PutString("settings:"+user, r.FormValue("settings"), nil)
	v, _ := ns.GetString("settings:"+user, nil) // kvwriteread
	fmt.Fprintln(w, v)
}

func Claim(w http.ResponseWriter, r *http.Request) {
	ns, _ := kv.NewNamespace("NAMES")
	name := r.FormValue("name")
	v, _ := ns.GetString("name:"+name, nil)
	if v == "" { // kvexists: never true for a missing key
		ns.PutString("name:"+name, r.FormValue("owner"), nil) // kvexists
	}
}

// Page is cache-aside: silent.
func Page(w http.ResponseWriter, r *http.Request, origin func(string) string) {
	ns, _ := kv.NewNamespace("CACHE")
	id := r.URL.Path
	v, _ := ns.GetString("page:"+id, &kv.GetOptions{CacheTTL: 60})
	if v != "<null>" {
		fmt.Fprint(w, v)
		return
	}
	fresh := origin(id)
	ns.PutString("page:"+id, fresh, &kv.PutOptions{ExpirationTTL: 300})
	fmt.Fprint(w, fresh)
}
