package writeread

import (
	"context"

	cfv0 "github.com/cloudflare/cloudflare-go"
	cf "github.com/cloudflare/cloudflare-go/v6"
	"github.com/cloudflare/cloudflare-go/v6/kv"
	wkv "github.com/syumai/workers/cloudflare/kv"
)

// Reported: save the settings, then read them back for the confirmation page.
func saveSettings(ns *wkv.Namespace, user, settings string) (string, error) {
	if err := ns.PutString("settings:"+user, settings, nil); err != nil {
		return "", err
	}
	return ns.GetString("settings:"+user, nil) // want `read after write of the same KV key: Namespace.GetString can return what was stored before the Namespace.PutString above.*use the value you wrote`
}

// Reported: a delete followed by a read of the same key.
func deleteThenCheck(ns *wkv.Namespace) bool {
	ns.Delete("session")
	v, _ := ns.GetString("session", nil) // want `read after write of KV key "session"`
	return v == "<null>"
}

// Reported: on one path only.
func onePath(ns *wkv.Namespace, reset bool) string {
	if reset {
		ns.PutString("k", "0", nil)
	}
	v, _ := ns.GetString("k", nil) // want `read after write`
	return v
}

// Reported: cloudflare-go v0 params API.
func v0(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer, nsID string) []byte {
	api.WriteWorkersKVEntry(ctx, rc, cfv0.WriteWorkersKVEntryParams{NamespaceID: nsID, Key: "cfg", Value: []byte("x")})
	v, _ := api.GetWorkersKV(ctx, rc, cfv0.GetWorkersKVParams{NamespaceID: nsID, Key: "cfg"}) // want `read after write`
	return v
}

// Reported: cloudflare-go v0 bulk write of a literal slice, then a read of one of its keys.
func v0Bulk(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer, nsID string) []byte {
	api.WriteWorkersKVEntries(ctx, rc, cfv0.WriteWorkersKVEntriesParams{NamespaceID: nsID, KVs: []*cfv0.WorkersKVPair{
		{Key: "a", Value: "1"},
		{Key: "b", Value: "2"},
	}})
	v, _ := api.GetWorkersKV(ctx, rc, cfv0.GetWorkersKVParams{NamespaceID: nsID, Key: "b"}) // want `read after write of KV key "b"`
	return v
}

// Reported: cloudflare-go v6.
func v6(ctx context.Context, client *cf.Client, nsID string) {
	client.KV.Namespaces.Values.Delete(ctx, nsID, "k", kv.NamespaceValueDeleteParams{})
	client.KV.Namespaces.Values.Get(ctx, nsID, "k", kv.NamespaceValueGetParams{}) // want `read after write`
}

// Reported: through wrappers defined in this package.
type store struct{ ns *wkv.Namespace }

func (s *store) load(k string) (string, error) { return s.ns.GetString("user:"+k, nil) }
func (s *store) save(k, v string) error        { return s.ns.PutString("user:"+k, v, nil) }

func viaStore(s *store, id, v string) string {
	s.save(id, v)
	got, _ := s.load(id) // want `read after write`
	return got
}

// Silent: put, then return the written value (what the seed recommends).
func returnWritten(ns *wkv.Namespace, user, settings string) string {
	ns.PutString("settings:"+user, settings, nil)
	return settings
}

// Silent: a different key.
func otherKey(ns *wkv.Namespace) string {
	ns.PutString("a", "1", nil)
	v, _ := ns.GetString("b", nil)
	return v
}

// Silent: the same key in two namespaces.
func twoNamespaces(a, b *wkv.Namespace) string {
	a.PutString("k", "1", nil)
	v, _ := b.GetString("k", nil)
	return v
}

// Silent: the read comes first.
func readFirst(ns *wkv.Namespace) string {
	v, _ := ns.GetString("k", nil)
	ns.PutString("k2", v, nil)
	return v
}

// Silent: a read on the other branch of the write.
func otherBranch(ns *wkv.Namespace, write bool) string {
	if write {
		ns.PutString("k", "1", nil)
		return "1"
	}
	v, _ := ns.GetString("k", nil)
	return v
}

// Silent: list, then read.
func listThenRead(ns *wkv.Namespace) {
	res, _ := ns.List(nil)
	for _, k := range res.Keys {
		ns.GetString(k.Name, nil)
	}
}

// Silent: in a loop, each iteration works on another key.
func loop(ns *wkv.Namespace, keys []string) {
	for _, k := range keys {
		ns.GetString(k, nil)
		ns.PutString(k, "seen", nil)
	}
}

// Silent: a bulk write whose keys are not known.
func bulkUnknown(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer, nsID string, pairs []*cfv0.WorkersKVPair) []byte {
	api.WriteWorkersKVEntries(ctx, rc, cfv0.WriteWorkersKVEntriesParams{NamespaceID: nsID, KVs: pairs})
	v, _ := api.GetWorkersKV(ctx, rc, cfv0.GetWorkersKVParams{NamespaceID: nsID, Key: "a"})
	return v
}

// Silent: the write is deferred to the end of the function.
func deferred(ns *wkv.Namespace) string {
	defer ns.Delete("k")
	v, _ := ns.GetString("k", nil)
	return v
}

// Suppressed.
func suppressed(ns *wkv.Namespace) string {
	ns.PutString("k", "1", nil)
	v, _ := ns.GetString("k", nil) //kvlint:ignore kvwriteread -- the test double is strongly consistent
	return v
}
