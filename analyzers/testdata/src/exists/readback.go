package exists

import (
	"net/http"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

// Silent for kvexists: a health probe reads back its own write and deletes its probe key;
// that is no claim of a key someone else may hold (kvwriteread reports the read-back).
func healthProbe(w http.ResponseWriter, ns *wkv.Namespace, value string) {
	if err := ns.PutString("health:probe", value, &wkv.PutOptions{ExpirationTTL: 60}); err != nil {
		w.WriteHeader(503)
		return
	}
	got, _ := ns.GetString("health:probe", nil)
	if got != value {
		w.WriteHeader(503)
		return
	}
	ns.Delete("health:probe")
}

// Reported: the same decision on a key the function did not write first.
func releaseIfMine(ns *wkv.Namespace, token string) {
	got, _ := ns.GetString("lock:job", nil)
	if got != token {
		return
	}
	ns.Delete("lock:job") // want `check-then-act`
}
