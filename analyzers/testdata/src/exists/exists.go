package exists

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	cfv0 "github.com/cloudflare/cloudflare-go"
	cf "github.com/cloudflare/cloudflare-go/v6"
	"github.com/cloudflare/cloudflare-go/v6/kv"
	wkv "github.com/syumai/workers/cloudflare/kv"
)

var errTaken = errors.New("name taken")

// Reported: claim a user name with the right not-found test.
func claimName(ns *wkv.Namespace, name, owner string) error {
	v, err := ns.GetString("name:"+name, nil)
	if err != nil {
		return err
	}
	if v != "<null>" {
		return errTaken
	}
	return ns.PutString("name:"+name, owner, nil) // want `check-then-act on the same KV key: whether Namespace.GetString found the key decides this Namespace.PutString, and two requests can both see "missing"; use a Durable Object or a D1 unique constraint$`
}

// Reported twice: the "" test never sees a missing key, and the put is check-then-act.
func reserveSlug(ns *wkv.Namespace, slug string) {
	v, _ := ns.GetString(slug, nil)
	if v == "" { // want `returns the string "<null>" and a nil error for a missing key, never ""`
		ns.PutString(slug, "reserved", nil) // want `check-then-act`
	}
}

// Reported: the error of GetString treated as "missing".
func errAsMissing(ns *wkv.Namespace, slug string) {
	if _, err := ns.GetString(slug, nil); err != nil {
		ns.PutString(slug, "reserved", nil) // want `with the wrong signal: Namespace.GetString returns "<null>" and a nil error`
	}
}

// Reported: consume a one-time token (delete on the found side).
func consumeToken(ns *wkv.Namespace, tok string) bool {
	v, _ := ns.GetString("tok:"+tok, nil)
	if v == "<null>" {
		return false
	}
	ns.Delete("tok:" + tok) // want `check-then-act.*Namespace.Delete`
	return true
}

// Reported: take a lock.
func withLock(ns *wkv.Namespace, work func()) {
	v, _ := ns.GetString("lock", nil)
	if v == "<null>" {
		ns.PutString("lock", "1", &wkv.PutOptions{ExpirationTTL: 60}) // want `check-then-act on KV key "lock"`
		work()
		ns.Delete("lock")
	}
}

// Reported: cloudflare-go v0, NotFoundError through errors.As.
func claimV0(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer, nsID, name string) error {
	_, err := api.GetWorkersKV(ctx, rc, cfv0.GetWorkersKVParams{NamespaceID: nsID, Key: name})
	var nf *cfv0.NotFoundError
	if errors.As(err, &nf) {
		_, err = api.WriteWorkersKVEntry(ctx, rc, cfv0.WriteWorkersKVEntryParams{NamespaceID: nsID, Key: name, Value: []byte("me")}) // want `check-then-act`
		return err
	}
	return errTaken
}

// Reported: cloudflare-go v0, a type switch on the error.
func claimV0Switch(ctx context.Context, api *cfv0.API, nsID, name string) {
	_, err := api.ReadWorkersKV(ctx, nsID, name)
	switch err.(type) {
	case *cfv0.NotFoundError:
		api.WriteWorkersKV(ctx, nsID, name, []byte("me")) // want `check-then-act`
	}
}

// Reported: cloudflare-go v6, status 404.
func claimV6(ctx context.Context, client *cf.Client, nsID, name string) error {
	_, err := client.KV.Namespaces.Values.Get(ctx, nsID, name, kv.NamespaceValueGetParams{})
	var apiErr *cf.Error
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound {
		_, err := client.KV.Namespaces.Values.Update(ctx, nsID, name, kv.NamespaceValueUpdateParams{Value: cf.F("me")}) // want `check-then-act`
		return err
	}
	return errTaken
}

// Silent: the "" test comes after the "<null>" test: it finds a stored empty value, not
// a missing key.
func emptyOrMissing(ns *wkv.Namespace, k string) (string, error) {
	v, err := ns.GetString(k, nil)
	if err != nil || v == "<null>" || v == "" {
		return "", errTaken
	}
	return v, nil
}

func storedEmpty(ns *wkv.Namespace, k string) string {
	v, _ := ns.GetString(k, nil)
	if v == "<null>" {
		return "missing"
	}
	if v == "" {
		return "empty"
	}
	return v
}

// Silent: cache-aside, the pattern the seed recommends (syumai).
func cacheAside(ns *wkv.Namespace, id string, origin func(string) string) string {
	v, _ := ns.GetString("page:"+id, nil)
	if v != "<null>" {
		return v
	}
	fresh := origin(id)
	ns.PutString("page:"+id, fresh, &wkv.PutOptions{ExpirationTTL: 300})
	return fresh
}

// Silent: cache-aside on cloudflare-go v0 with a plain error test.
func cacheAsideV0(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer, nsID, id string, origin func() []byte) []byte {
	v, err := api.GetWorkersKV(ctx, rc, cfv0.GetWorkersKVParams{NamespaceID: nsID, Key: id})
	if err == nil {
		return v
	}
	fresh := origin()
	api.WriteWorkersKVEntries(ctx, rc, cfv0.WriteWorkersKVEntriesParams{NamespaceID: nsID, KVs: []*cfv0.WorkersKVPair{{Key: id, Value: string(fresh), ExpirationTTL: 300}}})
	return fresh
}

// Silent: cache-aside on cloudflare-go v6, writing the response body on the found side.
func cacheAsideV6(ctx context.Context, client *cf.Client, nsID, id string, w io.Writer, origin func() string) {
	res, err := client.KV.Namespaces.Values.Get(ctx, nsID, id, kv.NamespaceValueGetParams{})
	var apiErr *cf.Error
	if errors.As(err, &apiErr) && apiErr.StatusCode == 404 {
		fresh := origin()
		client.KV.Namespaces.Values.Update(ctx, nsID, id, kv.NamespaceValueUpdateParams{Value: cf.F(fresh), ExpirationTTL: cf.F(300.0)})
		fmt.Fprint(w, fresh)
		return
	}
	io.Copy(w, res.Body)
}

// Silent: error handling, then an unconditional write.
func errorThenWrite(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer, nsID string) error {
	_, err := api.GetWorkersKV(ctx, rc, cfv0.GetWorkersKVParams{NamespaceID: nsID, Key: "cfg"})
	if err != nil {
		return err
	}
	_, err = api.WriteWorkersKVEntry(ctx, rc, cfv0.WriteWorkersKVEntryParams{NamespaceID: nsID, Key: "cfg", Value: []byte("v2")})
	return err
}

// Silent: read one key, write another.
func otherKey(ns *wkv.Namespace, name string) {
	v, _ := ns.GetString("name:"+name, nil)
	if v == "<null>" {
		ns.PutString("audit:"+name, "missing", nil)
	}
}

// Silent: the same key in two namespaces.
func twoNamespaces(a, b *wkv.Namespace, name string) {
	v, _ := a.GetString(name, nil)
	if v == "<null>" {
		b.PutString(name, "x", nil)
	}
}

// Silent: a look-alike type.
type fake struct{}

func (fake) GetString(k string, _ *wkv.GetOptions) (string, error) { return "", nil }
func (fake) PutString(k, v string, _ *wkv.PutOptions) error        { return nil }

func lookAlike(f fake) {
	v, _ := f.GetString("k", nil)
	if v == "" {
		f.PutString("k", "x", nil)
	}
}

// Silent: the right test, with no write.
func readOnly(ns *wkv.Namespace) string {
	v, _ := ns.GetString("k", nil)
	if v == "<null>" {
		return "default"
	}
	return v
}

// Suppressed with a reason.
func suppressed(ns *wkv.Namespace) {
	v, _ := ns.GetString("seeded", nil)
	if v == "<null>" {
		//kvlint:ignore kvexists -- idempotent seed: every writer writes the same value
		ns.PutString("seeded", "yes", nil)
	}
}

type header struct{ Name string }

// Silent: cache-aside that hands the value to the caller through a struct field.
func fillName(ns *wkv.Namespace, h *header, id string, lookup func(string) string) {
	if v, _ := ns.GetString("name:"+id, nil); v != "<null>" {
		h.Name = v
	} else {
		h.Name = lookup(id)
		ns.PutString("name:"+id, h.Name, nil)
	}
}

// taken is an existence wrapper: it returns a test of the value read.
func taken(ns *wkv.Namespace, name string) bool {
	v, _ := ns.GetString("name:"+name, nil)
	return v != "<null>"
}

// Reported: check-then-act through an existence wrapper.
func claimViaWrapper(ns *wkv.Namespace, name, owner string) error {
	if taken(ns, name) {
		return errTaken
	}
	return ns.PutString("name:"+name, owner, nil) // want `check-then-act`
}

// Reported: a toggle decided by the value read.
func toggleMode(ns *wkv.Namespace) {
	v, _ := ns.GetString("mode", nil)
	if v == "on" {
		ns.PutString("mode", "off", nil) // want `check-then-act on KV key "mode": the value Namespace.GetString read decides this Namespace.PutString`
	}
}

type webContext struct{}

func (webContext) String(code int, s string) error { return nil }

// Silent: cache-aside in a handler whose response method returns an error.
func cacheAsideHandler(c webContext, ns *wkv.Namespace, id string, origin func() string) error {
	v, _ := ns.GetString("page:"+id, nil)
	if v != "<null>" {
		return c.String(200, v)
	}
	fresh := origin()
	ns.PutString("page:"+id, fresh, nil)
	return c.String(200, fresh)
}

// Reported: the value read only goes into the error that rejects the request.
func claimWithMessage(ns *wkv.Namespace, name, owner string) error {
	v, _ := ns.GetString("name:"+name, nil)
	if v != "<null>" {
		return fmt.Errorf("name taken by %s", v)
	}
	return ns.PutString("name:"+name, owner, nil) // want `check-then-act`
}

// Silent: cache-aside on cloudflare-go v0 with the hit returned first (err == nil) and a
// proper not-found test after it: the hit side of the first test uses the value, the
// fill comes from the origin.
func cacheAsideV0HitFirst(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer, k string, origin func() []byte) ([]byte, error) {
	v, err := api.GetWorkersKV(ctx, rc, cfv0.GetWorkersKVParams{NamespaceID: "ns", Key: k})
	if err == nil {
		return v, nil
	}
	var nf *cfv0.NotFoundError
	if !errors.As(err, &nf) {
		return nil, err
	}
	fresh := origin()
	_, err = api.WriteWorkersKVEntry(ctx, rc, cfv0.WriteWorkersKVEntryParams{NamespaceID: "ns", Key: k, Value: fresh})
	return fresh, err
}

// Silent: the same with the fill inside a positive not-found test.
func cacheAsideV0HitFirstPositive(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer, k string, origin func() []byte) ([]byte, error) {
	v, err := api.GetWorkersKV(ctx, rc, cfv0.GetWorkersKVParams{NamespaceID: "ns", Key: k})
	if err == nil {
		return v, nil
	}
	var nf *cfv0.NotFoundError
	if errors.As(err, &nf) {
		fresh := origin()
		_, err = api.WriteWorkersKVEntry(ctx, rc, cfv0.WriteWorkersKVEntryParams{NamespaceID: "ns", Key: k, Value: fresh})
		return fresh, err
	}
	return nil, err
}

// Silent: cloudflare-go v6, the hit returned first, then a 404 test guards the fill.
func cacheAsideV6HitFirst(ctx context.Context, client *cf.Client, nsID, id string, origin func() string) (string, error) {
	res, err := client.KV.Namespaces.Values.Get(ctx, nsID, id, kv.NamespaceValueGetParams{})
	if err == nil {
		b, err := io.ReadAll(res.Body)
		return string(b), err
	}
	var apiErr *cf.Error
	if errors.As(err, &apiErr) && apiErr.StatusCode == 404 {
		fresh := origin()
		_, err := client.KV.Namespaces.Values.Update(ctx, nsID, id, kv.NamespaceValueUpdateParams{Value: cf.F(fresh)})
		return fresh, err
	}
	return "", err
}

// Silent: cloudflare-go v6, the not-found test nested in the error branch and negated.
func cacheAsideV6Nested(ctx context.Context, client *cf.Client, nsID, id string, origin func() string) (string, error) {
	res, err := client.KV.Namespaces.Values.Get(ctx, nsID, id, kv.NamespaceValueGetParams{})
	if err != nil {
		var apiErr *cf.Error
		if !errors.As(err, &apiErr) || apiErr.StatusCode != 404 {
			return "", err
		}
		fresh := origin()
		_, err := client.KV.Namespaces.Values.Update(ctx, nsID, id, kv.NamespaceValueUpdateParams{Value: cf.F(fresh)})
		return fresh, err
	}
	b, err := io.ReadAll(res.Body)
	return string(b), err
}

// Reported: the hit side of the first test only rejects, and the not-found test after
// it decides writing a mark of ownership: a claim, not cache-aside.
func claimV0HitFirst(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer, name string) error {
	_, err := api.GetWorkersKV(ctx, rc, cfv0.GetWorkersKVParams{NamespaceID: "ns", Key: name})
	if err == nil {
		return errTaken
	}
	var nf *cfv0.NotFoundError
	if !errors.As(err, &nf) {
		return err
	}
	_, err = api.WriteWorkersKVEntry(ctx, rc, cfv0.WriteWorkersKVEntryParams{NamespaceID: "ns", Key: name, Value: []byte("me")}) // want `check-then-act on the same KV key: whether API.GetWorkersKV found the key decides this API.WriteWorkersKVEntry`
	return err
}

// Silent: cache-aside of a decision: the hit side returns a value computed from the
// value read (a comparison with a constant), the miss fills from the origin.
func allowedCached(ns *wkv.Namespace, ip string, lookup func(string) string) bool {
	v, _ := ns.GetString("acl:"+ip, nil)
	if v != "<null>" {
		return v == "allow"
	}
	res := lookup(ip)
	ns.PutString("acl:"+ip, res, nil)
	return res == "allow"
}

// Silent: negative caching: a tombstone ("-") test before the hit test; the hit returns
// the value, the miss fills from the origin.
func negativeCache(ns *wkv.Namespace, id string, origin func(string) string) (string, bool) {
	v, _ := ns.GetString("user:"+id, nil)
	if v == "-" {
		return "", false
	}
	if v != "<null>" {
		return v, true
	}
	fresh := origin(id)
	ns.PutString("user:"+id, fresh, nil)
	return fresh, true
}

// Reported: the found side only asks "is it mine already?" (a comparison with the
// claimant, not with a constant): the found side of a claim, not a use of the value.
func claimOrOwned(ns *wkv.Namespace, name, owner string) bool {
	v, _ := ns.GetString("name:"+name, nil)
	if v != "<null>" {
		return v == owner
	}
	ns.PutString("name:"+name, owner, nil) // want `check-then-act on the same KV key: whether Namespace.GetString found the key`
	return true
}

// Reported: a tombstone test and a found test that both only reject: nothing uses the
// value read, and the not-found outcome decides a claim.
func claimAfterTombstone(ns *wkv.Namespace, name, owner string) bool {
	v, _ := ns.GetString("name:"+name, nil)
	if v == "-" {
		return false
	}
	if v != "<null>" {
		return false
	}
	ns.PutString("name:"+name, owner, nil) // want `check-then-act on the same KV key: the value Namespace.GetString read decides`
	return true
}

// getOrEmpty maps "<null>" to "": its callers' "" test is the right not-found test.
func getOrEmpty(ns *wkv.Namespace, k string) (string, error) {
	v, err := ns.GetString(k, nil)
	if err != nil || v == "<null>" {
		return "", err
	}
	return v, nil
}

// Silent: getOrEmpty returns "" for a missing key.
func greeting(ns *wkv.Namespace, user string) string {
	v, _ := getOrEmpty(ns, "greet:"+user)
	if v == "" {
		return "hello"
	}
	return v
}

// getChecked returns "" only with an error: a missing key still comes back as "<null>".
func getChecked(ns *wkv.Namespace, k string) (string, error) {
	v, err := ns.GetString(k, nil)
	if err != nil {
		return "", err
	}
	return v, nil
}

// Reported: getChecked passes "<null>" through for a missing key, so "" never matches one.
func greetingChecked(ns *wkv.Namespace, user string) string {
	v, _ := getChecked(ns, "greet:"+user)
	if v == "" { // want `getChecked returns the string "<null>" and a nil error for a missing key, never ""`
		return "hello"
	}
	return v
}
