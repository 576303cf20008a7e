package syumai

import (
	"net/http"
	"strconv"
	"time"

	"github.com/syumai/workers/cloudflare/kv"
)

// sessionTTL is meant as "30 seconds of grace": KV rejects it.
const sessionTTL = 30 * time.Second

// Login caches the session with an expirationTtl KV rejects, and reads the flags with
// a cacheTtl under 30 s. kvttl reports both and suggests the minimum.
func Login(w http.ResponseWriter, r *http.Request) {
	ns, err := kv.NewNamespace("SESSIONS")
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	_ = ns.PutString("session:"+r.URL.Query().Get("id"), "ok", &kv.PutOptions{ExpirationTTL: int(sessionTTL / time.Second)})
	flags, _ := ns.GetString("flags", &kv.GetOptions{CacheTTL: 5})
	w.Write([]byte(flags))
}

// Import writes its progress to one key per item: kvhotkey.
func Import(w http.ResponseWriter, r *http.Request) {
	ns, err := kv.NewNamespace("JOBS")
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	for i, line := range r.URL.Query()["line"] {
		_ = ns.PutString("import:"+line, "done", nil) // a key per item: fine
		_ = ns.PutString("import:progress", strconv.Itoa(i), nil)
	}
}

// Cached stays silent: TTLs at the minimum, and from configuration.
func Cached(w http.ResponseWriter, r *http.Request, ttl int) {
	ns, err := kv.NewNamespace("CACHE")
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	_ = ns.PutString("page", "<html>", &kv.PutOptions{ExpirationTTL: 60})
	_ = ns.PutString("page:config", "<html>", &kv.PutOptions{ExpirationTTL: ttl})
	v, _ := ns.GetString("other", &kv.GetOptions{CacheTTL: 30})
	w.Write([]byte(v))
}

// Profile reads back the name it has just written: kvwriteread, and -fix uses the name.
func Profile(w http.ResponseWriter, r *http.Request) {
	ns, err := kv.NewNamespace("PROFILES")
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	id, name := r.FormValue("id"), r.FormValue("name")
	_ = ns.PutString("profile:"+id, name, nil)
	v, _ := ns.GetString("profile:"+id, nil)
	w.Write([]byte(v))
}
