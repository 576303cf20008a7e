package writereadfix

import (
	"context"

	cfv0 "github.com/cloudflare/cloudflare-go"
	cf "github.com/cloudflare/cloudflare-go/v6"
	"github.com/cloudflare/cloudflare-go/v6/kv"
	wkv "github.com/syumai/workers/cloudflare/kv"
)

// Fixed: return the settings just written.
func returnRead(ns *wkv.Namespace, user, settings string) (string, error) {
	if err := ns.PutString("settings:"+user, settings, nil); err != nil {
		return "", err
	}
	return ns.GetString("settings:"+user, nil) // want `read after write`
}

// Fixed: v, err := read becomes v, err := value, error(nil).
func defineRead(ns *wkv.Namespace, v string) string {
	ns.PutString("k", v, nil)
	got, err := ns.GetString("k", nil) // want `read after write`
	if err != nil {
		return ""
	}
	return got
}

// Fixed: v, _ := read becomes v := value; a constant value is copied.
func constantValue(ns *wkv.Namespace) string {
	ns.PutString("mode", "maintenance", nil)
	mode, _ := ns.GetString("mode", nil) // want `read after write`
	return mode
}

// Fixed: plain assignment keeps nil.
func assignRead(ns *wkv.Namespace, v string) (got string, err error) {
	ns.PutString("k", v, nil)
	got, err = ns.GetString("k", nil) // want `read after write`
	return
}

// Fixed: cloudflare-go v0, params and positional APIs ([]byte both ways).
func v0(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer, nsID string, data []byte) []byte {
	api.WriteWorkersKVEntry(ctx, rc, cfv0.WriteWorkersKVEntryParams{NamespaceID: nsID, Key: "cfg", Value: data})
	v, _ := api.GetWorkersKV(ctx, rc, cfv0.GetWorkersKVParams{NamespaceID: nsID, Key: "cfg"}) // want `read after write`
	return v
}

func v0Positional(ctx context.Context, api *cfv0.API, nsID string, data []byte) ([]byte, error) {
	api.WriteWorkersKV(ctx, nsID, "cfg", data)
	return api.ReadWorkersKV(ctx, nsID, "cfg") // want `read after write`
}

// Not fixed: the variable changes between the write and the read.
func reassigned(ns *wkv.Namespace, v string) (string, error) {
	ns.PutString("k", v, nil)
	v = "other"
	return ns.GetString("k", nil) // want `read after write`
}

// Not fixed: the value is computed in the call (repeating it would run it twice).
func computed(ns *wkv.Namespace, f func() string) (string, error) {
	ns.PutString("k", f(), nil)
	return ns.GetString("k", nil) // want `read after write`
}

// Not fixed: a delete has no value to use.
func deleted(ns *wkv.Namespace) (string, error) {
	ns.Delete("k")
	return ns.GetString("k", nil) // want `read after write`
}

// Not fixed: cloudflare-go v6 returns an *http.Response, not the value.
func v6(ctx context.Context, client *cf.Client, nsID string) {
	client.KV.Namespaces.Values.Update(ctx, nsID, "k", kv.NamespaceValueUpdateParams{Value: cf.F("v")})
	client.KV.Namespaces.Values.Get(ctx, nsID, "k", kv.NamespaceValueGetParams{}) // want `read after write`
}

// Not fixed: the variable is shadowed at the read.
func shadowed(ns *wkv.Namespace, v string) string {
	ns.PutString("k", v, nil)
	{
		v := "other"
		got, _ := ns.GetString("k", nil) // want `read after write`
		return got + v
	}
}

// Not fixed: the write happens on one path only; on the other the read is the only
// source of the value.
func onePath(ns *wkv.Namespace, reset bool) (string, error) {
	if reset {
		ns.PutString("k", "0", nil)
	}
	return ns.GetString("k", nil) // want `read after write`
}
