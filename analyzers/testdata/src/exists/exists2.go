package exists

import (
	"context"
	"errors"
	"fmt"
	"log"
	"log/slog"
	"net/http"
	"os"
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
		ns.PutString("page:"+id, fresh, nil) // want `cache fill on the wrong signal: Namespace.GetString returns "<null>" and a nil error for a missing key, so this error branch never runs for one; fill when the value is "<null>"$`
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

// Reported: a lock that logs its holder before rejecting: the value is mentioned in a
// log line, not used.
func tryLockLogged(ns *wkv.Namespace, job, owner string) bool {
	holder, _ := ns.GetString("lock:"+job, nil)
	if holder != "<null>" {
		log.Printf("lock %s held by %s", job, holder)
		return false
	}
	ns.PutString("lock:"+job, owner, nil) // want `check-then-act on the same KV key: whether Namespace.GetString found the key`
	return true
}

// Reported: the same with log/slog, and the holder formatted first.
func tryLockSlog(ns *wkv.Namespace, job, owner string) bool {
	holder, _ := ns.GetString("lock:"+job, nil)
	if holder != "<null>" {
		msg := fmt.Sprintf("held by %s", holder)
		slog.Warn("lock busy", "job", job, "holder", slog.StringValue(holder), "msg", msg)
		fmt.Fprintln(os.Stderr, "lock busy:", holder)
		return false
	}
	ns.PutString("lock:"+job, owner, nil) // want `check-then-act on the same KV key: whether Namespace.GetString found the key`
	return true
}

// Reported: a lock that answers 409 with the holder in the body.
func lockHTTP(w http.ResponseWriter, ns *wkv.Namespace, job, me string) {
	v, _ := ns.GetString("lock:"+job, nil)
	if v != "<null>" {
		http.Error(w, "locked by "+v, http.StatusConflict)
		return
	}
	ns.PutString("lock:"+job, me, nil) // want `check-then-act on the same KV key: whether Namespace.GetString found the key`
	fmt.Fprintln(w, "ok")
}

// Reported: the same with the error status written first, then the holder.
func lockHTTPStatus(w http.ResponseWriter, ns *wkv.Namespace, job, me string) {
	v, _ := ns.GetString("lock:"+job, nil)
	if v != "<null>" {
		w.WriteHeader(http.StatusConflict)
		fmt.Fprintf(w, "locked by %s", v)
		return
	}
	ns.PutString("lock:"+job, me, nil) // want `check-then-act on the same KV key: whether Namespace.GetString found the key`
	w.Write([]byte("ok"))
}

// Reported: a framework response with an error status (c.String(409, ...)).
func claimHandler(c webContext, ns *wkv.Namespace, name, owner string) error {
	v, _ := ns.GetString("name:"+name, nil)
	if v != "<null>" {
		return c.String(http.StatusConflict, "taken by "+v)
	}
	ns.PutString("name:"+name, owner, nil) // want `check-then-act on the same KV key: whether Namespace.GetString found the key`
	return c.String(http.StatusCreated, name)
}

// Reported: cloudflare-go v0, the hit returned first only to log the holder, then the
// not-found test guards taking the lock.
func tryLockV0(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer, name, owner string) bool {
	holder, err := api.GetWorkersKV(ctx, rc, cfv0.GetWorkersKVParams{NamespaceID: "ns", Key: "lock:" + name})
	if err == nil {
		log.Printf("lock %s held by %s", name, holder)
		return false
	}
	var nf *cfv0.NotFoundError
	if !errors.As(err, &nf) {
		return false
	}
	api.WriteWorkersKVEntry(ctx, rc, cfv0.WriteWorkersKVEntryParams{NamespaceID: "ns", Key: "lock:" + name, Value: []byte(owner)}) // want `check-then-act on the same KV key: whether API.GetWorkersKV found the key`
	return true
}

// Silent: cache-aside that serves the value with fmt.Fprint (status 200): writing it to
// the response uses it; logging the hit beside it changes nothing.
func servePage(w http.ResponseWriter, ns *wkv.Namespace, id string, origin func(string) string) {
	v, _ := ns.GetString("page:"+id, nil)
	if v != "<null>" {
		log.Printf("hit %s (%d bytes)", id, len(v))
		fmt.Fprint(w, v)
		return
	}
	fresh := origin(id)
	ns.PutString("page:"+id, fresh, nil)
	fmt.Fprint(w, fresh)
}

// Silent: cache-aside that writes the value to the ResponseWriter.
func servePageWrite(w http.ResponseWriter, ns *wkv.Namespace, id string, origin func(string) string) {
	v, _ := ns.GetString("page:"+id, nil)
	if v != "<null>" {
		w.Write([]byte(v))
		return
	}
	fresh := origin(id)
	ns.PutString("page:"+id, fresh, nil)
	w.Write([]byte(fresh))
}

// Silent: cache-aside whose hit side writes an error status only for an oversized
// value; on the other path it serves the value with the default status 200.
func servePageChecked(w http.ResponseWriter, ns *wkv.Namespace, id string, origin func(string) string) {
	v, _ := ns.GetString("page:"+id, nil)
	if v != "<null>" {
		if len(v) > 1<<20 {
			w.WriteHeader(http.StatusInternalServerError)
			return
		}
		w.Write([]byte(v))
		return
	}
	fresh := origin(id)
	ns.PutString("page:"+id, fresh, nil)
	fmt.Fprint(w, fresh)
}

// Reported: "is it mine?" asked through a pure function of the value and a non-constant
// is the found side of a claim, like v == owner.
func claimOrOwnedPrefix(ns *wkv.Namespace, name, owner string) bool {
	v, _ := ns.GetString("name:"+name, nil)
	if v != "<null>" {
		return strings.HasPrefix(v, owner+":")
	}
	ns.PutString("name:"+name, owner+":1", nil) // want `check-then-act on the same KV key: whether Namespace.GetString found the key`
	return true
}

// Silent: a cached decision read through a pure function of the value and constants
// (strings.HasPrefix(v, "allow:")), like v == "allow": cache-aside.
func allowedCachedPrefix(ns *wkv.Namespace, ip string, lookup func(string) string) bool {
	v, _ := ns.GetString("acl:"+ip, nil)
	if v != "<null>" {
		return strings.HasPrefix(v, "allow:")
	}
	res := lookup(ip)
	ns.PutString("acl:"+ip, res, nil)
	return strings.HasPrefix(res, "allow:")
}

// Reported: copying the holder into a buffer made here that only ends up in a log line
// is a mention, not a use: the lock stays reported.
func tryLockCopied(ns *wkv.Namespace, job, owner string) bool {
	holder, _ := ns.GetString("lock:"+job, nil)
	if holder != "<null>" {
		buf := make([]byte, len(holder))
		copy(buf, holder)
		log.Printf("lock %s held by %s", job, buf)
		return false
	}
	ns.PutString("lock:"+job, owner, nil) // want `check-then-act on the same KV key: whether Namespace.GetString found the key`
	return true
}

// Silent: cache-aside that copies the value into the caller's buffer on a hit.
func pageIntoBuf(ns *wkv.Namespace, id string, buf []byte, origin func(string) string) int {
	v, _ := ns.GetString("page:"+id, nil)
	if v != "<null>" {
		return copy(buf, v)
	}
	fresh := origin(id)
	ns.PutString("page:"+id, fresh, nil)
	return copy(buf, fresh)
}

// Silent: the fill on GetString's error side is a fallback after a KV failure, not a
// test of existence: the function tests "<null>" for a missing key, with the same fill,
// and the hit side serves the value. Cache-aside (compare pageWrongSignal).
func pageErrAndNull(ns *wkv.Namespace, id string, render func(string) string) string {
	v, err := ns.GetString("page:"+id, nil)
	if err != nil {
		fresh := render(id)
		ns.PutString("page:"+id, fresh, nil)
		return fresh
	}
	if v == "<null>" {
		fresh := render(id)
		ns.PutString("page:"+id, fresh, nil)
		return fresh
	}
	return v
}

// Reported: in a Worker, standard output is the console log: printing the holder is a
// mention, and the lock stays reported (compare existscli.showPage).
func tryLockPrinted(ns *wkv.Namespace, job, owner string) bool {
	holder, _ := ns.GetString("lock:"+job, nil)
	if holder != "<null>" {
		fmt.Println("lock held by", holder)
		return false
	}
	ns.PutString("lock:"+job, owner, nil) // want `check-then-act on the same KV key: whether Namespace.GetString found the key`
	return true
}
