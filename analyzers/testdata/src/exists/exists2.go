package exists

import (
	"context"

	cfv0 "github.com/cloudflare/cloudflare-go"
	wkv "github.com/syumai/workers/cloudflare/kv"
)

// Reported: cache-aside that fills on GetString's error. A missing key comes back as
// "<null>" with a nil error, so the fill never runs for it and the hit side serves
// "<null>": the wrong signal, whatever the write is for.
func pageWrongSignal(ns *wkv.Namespace, id string, render func(string) string) string {
	v, err := ns.GetString("page:"+id, nil)
	if err != nil {
		fresh := render(id)
		ns.PutString("page:"+id, fresh, nil) // want `check-then-act on the same KV key with the wrong signal: Namespace.GetString returns "<null>" and a nil error for a missing key`
		return fresh
	}
	return v
}

// Silent: the same shape on cloudflare-go v0, whose error does signal a missing key
// (*cloudflare.NotFoundError): cache-aside, the hit side returns the value.
func pageErrV0(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer, id string, render func(string) []byte) []byte {
	v, err := api.GetWorkersKV(ctx, rc, cfv0.GetWorkersKVParams{NamespaceID: "ns", Key: "page:" + id})
	if err != nil {
		fresh := render(id)
		api.WriteWorkersKVEntry(ctx, rc, cfv0.WriteWorkersKVEntryParams{NamespaceID: "ns", Key: "page:" + id, Value: fresh})
		return fresh
	}
	return v
}
