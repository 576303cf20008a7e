package idioms

import (
	"net/http"
	"strconv"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

// Silent (kvrmw reports the count): the "" test is redundant, not wrong: "<null>" goes
// to Atoi as "" would, and both give the 0 a missing counter starts from.
func allow(ns *wkv.Namespace, ip string, limit int) bool {
	n := 0
	if s, err := ns.GetString("rl:"+ip, nil); err == nil && s != "" {
		n, _ = strconv.Atoi(s)
	}
	if n >= limit {
		return false
	}
	ns.PutString("rl:"+ip, strconv.Itoa(n+1), &wkv.PutOptions{ExpirationTTL: 60})
	return true
}

// Silent: the same with a float score, whose parse error is handled.
func score(ns *wkv.Namespace, id string) float64 {
	s, _ := ns.GetString("score:"+id, nil)
	if s == "" {
		return 0
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0
	}
	return f
}

// Reported: the value is parsed and also served; for a missing key the client gets
// "<null>".
func quota(w http.ResponseWriter, ns *wkv.Namespace, id string) {
	s, _ := ns.GetString("quota:"+id, nil)
	if s == "" { // want `returns the string "<null>" and a nil error for a missing key, never ""`
		w.Write([]byte("unlimited"))
		return
	}
	if n, err := strconv.Atoi(s); err == nil && n < 0 {
		w.Write([]byte("blocked"))
		return
	}
	w.Write([]byte(s))
}
