package writeread

import (
	"context"
	"fmt"

	cfv0 "github.com/cloudflare/cloudflare-go"
	wkv "github.com/syumai/workers/cloudflare/kv"
)

// Reads on the failure side of the write: if the write failed, nothing was written, so
// the read returns what is stored, which is what the code wants.

// Silent: if the update fails, serve whatever is stored.
func updateOrStale(ns *wkv.Namespace, k, nv string) string {
	if err := ns.PutString("v:"+k, nv, nil); err != nil {
		old, _ := ns.GetString("v:"+k, nil)
		return old
	}
	return nv
}

// Silent: the same, written as err == nil with the read after it.
func updateOrStaleEq(ns *wkv.Namespace, k, nv string) string {
	err := ns.PutString("v:"+k, nv, nil)
	if err == nil {
		return nv
	}
	old, _ := ns.GetString("v:"+k, nil)
	return old
}

// Silent: a failed delete, then a look at what is still there.
func deleteOrKeep(ns *wkv.Namespace) string {
	if err := ns.Delete("session"); err != nil {
		v, _ := ns.GetString("session", nil)
		return v
	}
	return ""
}

// Silent: cloudflare-go v0, the read on the failure side of the write.
func v0UpdateOrStale(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer, nsID string) []byte {
	if _, err := api.WriteWorkersKVEntry(ctx, rc, cfv0.WriteWorkersKVEntryParams{NamespaceID: nsID, Key: "cfg", Value: []byte("x")}); err != nil {
		v, _ := api.GetWorkersKV(ctx, rc, cfv0.GetWorkersKVParams{NamespaceID: nsID, Key: "cfg"})
		return v
	}
	return []byte("x")
}

// trySave's error is non-nil only if the put failed.
func (s *store) trySave(k, v string) error {
	if err := s.ns.PutString("user:"+k, v, nil); err != nil {
		return fmt.Errorf("save %s: %w", k, err)
	}
	return nil
}

// Silent: through a put wrapper whose error is the put's.
func viaStoreOrStale(s *store, id, v string) string {
	if err := s.trySave(id, v); err != nil {
		old, _ := s.load(id)
		return old
	}
	return v
}

// Reported: the read runs when the write succeeded.
func readOnSuccess(ns *wkv.Namespace, k, nv string) string {
	if err := ns.PutString("v:"+k, nv, nil); err == nil {
		v, _ := ns.GetString("v:"+k, nil) // want `read after write`
		return v
	}
	return ""
}

// Reported: the error is only logged; the read runs after a successful write too.
func readAfterLogging(ns *wkv.Namespace, k, nv string) string {
	if err := ns.PutString("v:"+k, nv, nil); err != nil {
		fmt.Println("put failed:", err)
	}
	v, _ := ns.GetString("v:"+k, nil) // want `read after write`
	return v
}

// Reported: the second write failed, but the first one may have succeeded.
func firstWriteStands(ns *wkv.Namespace, k string) string {
	ns.PutString("v:"+k, "draft", nil)
	if err := ns.PutString("v:"+k, "final", nil); err != nil {
		v, _ := ns.GetString("v:"+k, nil) // want `read after write`
		return v
	}
	return "final"
}

// saveAndAudit can fail after the put succeeded: its error does not say the entry was
// not written.
func (s *store) saveAndAudit(k, v string, audit func(string) error) error {
	if err := s.ns.PutString("user:"+k, v, nil); err != nil {
		return err
	}
	return audit(k)
}

// Reported: through a wrapper whose error can come after the write.
func viaAuditedStore(s *store, id, v string, audit func(string) error) string {
	if err := s.saveAndAudit(id, v, audit); err != nil {
		old, _ := s.load(id) // want `read after write`
		return old
	}
	return v
}
