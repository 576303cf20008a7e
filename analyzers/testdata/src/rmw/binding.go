package rmw

import (
	wkv "github.com/syumai/workers/cloudflare/kv"
)

// Wrappers that take the binding's name and open the namespace themselves.
func getIn(binding, key string) string {
	ns, _ := wkv.NewNamespace(binding)
	v, _ := ns.GetString(key, nil)
	return v
}

func putIn(binding, key, v string) {
	ns, _ := wkv.NewNamespace(binding)
	ns.PutString(key, v, nil)
}

// Reported: the same binding and key through both wrappers.
func joinReservation(server, me string) {
	putIn("RESERVATIONS", server, getIn("RESERVATIONS", server)+","+me) // want `read-modify-write`
}

// Silent: two bindings are two namespaces.
func copyReservation(server string) {
	putIn("ARCHIVE", server, getIn("RESERVATIONS", server))
}
