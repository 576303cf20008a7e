package idioms

import (
	"strconv"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

// Silent (kvrmw reports it): strconv.Atoi already turns "<null>" into 0, the value the
// counter wants for a missing key, so no not-found handling is missing.
func hits(ns *wkv.Namespace, id string) error {
	v, err := ns.GetString("hits:"+id, nil)
	if err != nil {
		return err
	}
	n, _ := strconv.Atoi(v)
	return ns.PutString("hits:"+id, strconv.Itoa(n+1), nil)
}

// Silent: the same with the error of Atoi tested and reset to zero.
func visits(ns *wkv.Namespace) error {
	v, _ := ns.GetString("visits", nil)
	n, err := strconv.Atoi(v)
	if err != nil {
		n = 0
	}
	return ns.PutString("visits", strconv.Itoa(n+1), nil)
}
