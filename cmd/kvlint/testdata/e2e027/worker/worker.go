// Package worker is a Worker on github.com/syumai/workers v0.27.0, the last version
// whose KV API is the methods of cloudflare.KVNamespace (GOOS=js GOARCH=wasm).
package worker

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/syumai/workers/cloudflare"
)

// Likes counts in KV through a helper pair: a read-modify-write.
func Likes(w http.ResponseWriter, r *http.Request) {
	ns, err := cloudflare.NewKVNamespace("LIKES")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	post := r.URL.Query().Get("post")
	n := load(ns, "likes:"+post)
	store(ns, "likes:"+post, n+1)
	fmt.Fprintln(w, n+1)
}

func load(ns *cloudflare.KVNamespace, key string) int {
	s, _ := ns.GetString(key, nil)
	n, _ := strconv.Atoi(s)
	return n
}

func store(ns *cloudflare.KVNamespace, key string, n int) {
	ns.PutString(key, strconv.Itoa(n), nil)
}

// Invite consumes a one-time invitation: check-then-act.
func Invite(w http.ResponseWriter, r *http.Request) {
	ns, _ := cloudflare.NewKVNamespace("INVITES")
	code := r.FormValue("code")
	v, _ := ns.GetString("invite:"+code, nil)
	if v == "<null>" {
		http.Error(w, "unknown invitation", http.StatusNotFound)
		return
	}
	ns.Delete("invite:" + code)
	fmt.Fprintln(w, "welcome", v)
}

// Profile writes then reads back the same key.
func Profile(w http.ResponseWriter, r *http.Request) {
	ns, _ := cloudflare.NewKVNamespace("PROFILES")
	id := r.FormValue("id")
	ns.PutString("profile:"+id, r.FormValue("bio"), &cloudflare.KVNamespacePutOptions{ExpirationTTL: 30})
	bio, _ := ns.GetString("profile:"+id, nil)
	fmt.Fprintln(w, bio)
}

// Feed is cache-aside with a TTL KV accepts: silent.
func Feed(w http.ResponseWriter, r *http.Request, origin func() string) {
	ns, _ := cloudflare.NewKVNamespace("CACHE")
	v, _ := ns.GetString("feed", &cloudflare.KVNamespaceGetOptions{CacheTTL: 60})
	if v != "<null>" {
		fmt.Fprint(w, v)
		return
	}
	fresh := origin()
	ns.PutString("feed", fresh, &cloudflare.KVNamespacePutOptions{ExpirationTTL: 600})
	fmt.Fprint(w, fresh)
}
