package exists

import (
	"context"
	"fmt"
	"strings"

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

// Silent: batch cache-aside: the hit side stores the value read into the result map,
// returned after the loop; the miss side fills from the origin.
func pagesCached(ns *wkv.Namespace, ids []string, origin func(string) string) map[string]string {
	out := map[string]string{}
	for _, id := range ids {
		v, _ := ns.GetString("p:"+id, nil)
		if v != "<null>" {
			out[id] = v
			continue
		}
		fresh := origin(id)
		ns.PutString("p:"+id, fresh, nil)
		out[id] = fresh
	}
	return out
}

// Silent: cache-aside into the caller's map.
func pageIntoMap(ns *wkv.Namespace, id string, out map[string]string, origin func(string) string) {
	v, _ := ns.GetString("p:"+id, nil)
	if v != "<null>" {
		out[id] = v
		return
	}
	fresh := origin(id)
	ns.PutString("p:"+id, fresh, nil)
	out[id] = fresh
}

// Silent: cache-aside that sends the hit on a channel.
func pageToChan(ns *wkv.Namespace, id string, ch chan<- string, origin func(string) string) {
	v, _ := ns.GetString("p:"+id, nil)
	if v != "<null>" {
		ch <- v
		return
	}
	fresh := origin(id)
	ns.PutString("p:"+id, fresh, nil)
	ch <- fresh
}

// Silent: batch cache-aside appending the hits to the result slice.
func pagesCachedSlice(ns *wkv.Namespace, ids []string, origin func(string) string) []string {
	var out []string
	for _, id := range ids {
		v, _ := ns.GetString("p:"+id, nil)
		if v != "<null>" {
			out = append(out, v)
			continue
		}
		fresh := origin(id)
		ns.PutString("p:"+id, fresh, nil)
		out = append(out, fresh)
	}
	return out
}

// Reported: a batch claim that collects the holders of taken names into a map made
// here, and uses that map only in the error that rejects: the value is mentioned, not
// handed on, and each missing name is claimed.
func claimAll(ns *wkv.Namespace, names []string, owner string) error {
	taken := map[string]string{}
	for _, n := range names {
		v, _ := ns.GetString("name:"+n, nil)
		if v != "<null>" {
			taken[n] = v
			continue
		}
		ns.PutString("name:"+n, owner, nil) // want `check-then-act on the same KV key: whether Namespace.GetString found the key`
	}
	if len(taken) > 0 {
		return fmt.Errorf("%d names taken: %v", len(taken), taken)
	}
	return nil
}

// Reported: the same with the holders appended to a slice that only goes into the error.
func claimAllSlice(ns *wkv.Namespace, names []string, owner string) error {
	var taken []string
	for _, n := range names {
		v, _ := ns.GetString("name:"+n, nil)
		if v != "<null>" {
			taken = append(taken, n+" by "+v)
			continue
		}
		ns.PutString("name:"+n, owner, nil) // want `check-then-act on the same KV key: whether Namespace.GetString found the key`
	}
	if len(taken) > 0 {
		return fmt.Errorf("taken: %s", strings.Join(taken, ", "))
	}
	return nil
}
