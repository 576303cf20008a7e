package rmw

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	cfv0 "github.com/cloudflare/cloudflare-go"
	cf "github.com/cloudflare/cloudflare-go/v6"
	"github.com/cloudflare/cloudflare-go/v6/kv"
	"github.com/syumai/workers/cloudflare"
	wkv "github.com/syumai/workers/cloudflare/kv"
)

// Reported: a counter on the syumai binding.
func counter(ns *wkv.Namespace) error {
	v, err := ns.GetString("visits", nil)
	if err != nil {
		return err
	}
	n, _ := strconv.Atoi(v)
	return ns.PutString("visits", strconv.Itoa(n+1), nil) // want `read-modify-write of KV key "visits": .* Durable Object`
}

// Reported: the key is built twice the same way with fmt.Sprintf.
func counterPerUser(ns *wkv.Namespace, user string) {
	v, _ := ns.GetString(fmt.Sprintf("count:%s", user), nil)
	n, _ := strconv.Atoi(v)
	ns.PutString(fmt.Sprintf("count:%s", user), strconv.Itoa(n+1), nil) // want `read-modify-write of the same KV key`
}

// Reported: concatenation built twice, through the deprecated aliases and two
// namespaces opened from the same binding name.
func appendLog(user string) {
	a, _ := cloudflare.NewKVNamespace("LOGS")
	b, _ := wkv.NewNamespace("LOGS")
	old, _ := a.GetString("log:"+user, &cloudflare.KVNamespaceGetOptions{CacheTTL: 60})
	b.PutString("log:"+user, old+"\nentry", &cloudflare.KVNamespacePutOptions{ExpirationTTL: 3600}) // want `read-modify-write`
}

type cart struct{ Items []string }

// Reported: through json.Unmarshal into a struct and append.
func addToCart(ns *wkv.Namespace, id, item string) {
	key := "cart:" + id
	raw, _ := ns.GetString(key, nil)
	var c cart
	json.Unmarshal([]byte(raw), &c)
	c.Items = append(c.Items, item)
	out, _ := json.Marshal(c)
	ns.PutString(key, string(out), nil) // want `read-modify-write`
}

// Reported: a toggle read through a reader.
func toggle(ns *wkv.Namespace) {
	r, _ := ns.GetReader("flag", nil)
	b, _ := io.ReadAll(r)
	next := "on"
	if string(b) == "on" {
		next = "off"
	}
	_ = next
	ns.PutString("flag", string(b)+"!", nil) // want `read-modify-write`
}

// Reported: cloudflare-go v0, params structs.
func balanceV0(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer, nsID, acct string) {
	v, _ := api.GetWorkersKV(ctx, rc, cfv0.GetWorkersKVParams{NamespaceID: nsID, Key: "bal:" + acct})
	n, _ := strconv.Atoi(string(v))
	api.WriteWorkersKVEntry(ctx, rc, cfv0.WriteWorkersKVEntryParams{NamespaceID: nsID, Key: "bal:" + acct, Value: []byte(strconv.Itoa(n - 10))}) // want `read-modify-write`
}

// Reported: cloudflare-go v0, older positional API.
func balanceV0Positional(ctx context.Context, api *cfv0.API, nsID string) {
	v, _ := api.ReadWorkersKV(ctx, nsID, "stock")
	n, _ := strconv.Atoi(string(v))
	api.WriteWorkersKV(ctx, nsID, "stock", []byte(strconv.Itoa(n-1))) // want `read-modify-write`
}

// Reported: cloudflare-go v6, positional namespace and key, value in param.Field.
func counterV6(ctx context.Context, client *cf.Client, nsID string) {
	res, err := client.KV.Namespaces.Values.Get(ctx, nsID, "hits", kv.NamespaceValueGetParams{AccountID: cf.F("acct")})
	if err != nil {
		return
	}
	body, _ := io.ReadAll(res.Body)
	n, _ := strconv.Atoi(string(body))
	client.KV.Namespaces.Values.Update(ctx, nsID, "hits", kv.NamespaceValueUpdateParams{ // want `read-modify-write`
		AccountID: cf.F("acct"),
		Value:     cf.F(strconv.Itoa(n + 1)),
	})
}

// Reported: inside a closure.
func inClosure(ns *wkv.Namespace) func() {
	return func() {
		v, _ := ns.GetString("n", nil)
		ns.PutString("n", v+"1", nil) // want `read-modify-write`
	}
}

// Reported: through local wrappers (readCount is a get wrapper, writeCount a put wrapper).
func readCount(ns *wkv.Namespace, k string) int {
	v, _ := ns.GetString(k, nil)
	n, _ := strconv.Atoi(v)
	return n
}

func writeCount(ns *wkv.Namespace, k string, n int) {
	ns.PutString(k, strconv.Itoa(n), nil)
}

func viaWrappers(ns *wkv.Namespace, k string) {
	n := readCount(ns, k)
	writeCount(ns, k, n+1) // want `read-modify-write`
}

// Silent: read one key, write another.
func otherKey(ns *wkv.Namespace) {
	v, _ := ns.GetString("a", nil)
	ns.PutString("b", v, nil)
}

// Silent: the same key in two namespaces (a migration copy).
func twoNamespaces(src, dst *wkv.Namespace) {
	v, _ := src.GetString("k", nil)
	dst.PutString("k", v+"x", nil)
}

// Silent: two different binding names.
func twoBindings() {
	a, _ := wkv.NewNamespace("A")
	b, _ := wkv.NewNamespace("B")
	v, _ := a.GetString("k", nil)
	b.PutString("k", v+"x", nil)
}

// Silent: the value is only compared, not flowed (kvexists' ground).
func onlyCompared(ns *wkv.Namespace) {
	v, _ := ns.GetString("mode", nil)
	if v == "on" {
		ns.PutString("mode", "off", nil)
	}
}

// Silent: a blind write.
func blind(ns *wkv.Namespace, v string) {
	ns.PutString("k", v, nil)
}

// Silent: put, then return the written value.
func putReturn(ns *wkv.Namespace, v string) string {
	ns.PutString("k", v, nil)
	return v
}

// Silent: the put runs before the read.
func writeFirst(ns *wkv.Namespace) string {
	ns.PutString("k", "x", nil)
	v, _ := ns.GetString("k2", nil)
	return v
}

// Silent: keys from a loop variable are a different key on every iteration.
func loopCopy(ns *wkv.Namespace, keys []string) {
	for _, k := range keys {
		v, _ := ns.GetString(k, nil)
		ns.PutString(k+":copy", v, nil)
	}
}

// Silent: a look-alike local type with the same method names is not KV.
type fakeNS struct{ m map[string]string }

func (f *fakeNS) GetString(key string, _ *wkv.GetOptions) (string, error) { return f.m[key], nil }
func (f *fakeNS) PutString(key, value string, _ *wkv.PutOptions) error    { f.m[key] = value; return nil }

func lookAlike(f *fakeNS) {
	v, _ := f.GetString("n", nil)
	f.PutString("n", v+"1", nil)
}

// Silent: keys from opaque calls are unknown.
func opaqueKeys(ns *wkv.Namespace, next func() string) {
	v, _ := ns.GetString(next(), nil)
	ns.PutString(next(), v+"1", nil)
}

// Suppressed with a reason.
func suppressed(ns *wkv.Namespace) {
	v, _ := ns.GetString("n", nil)
	//kvlint:ignore kvrmw -- single writer: only the nightly cron touches this key
	ns.PutString("n", v+"1", nil)
}

// A directive that matches nothing is reported.
func staleDirective(ns *wkv.Namespace) {
	//kvlint:ignore kvrmw -- left over // want `kvlint:ignore directive for kvrmw matches no kvrmw finding`
	ns.PutString("n", "1", nil)
}

type header struct{ Name string }

// Silent: the value read is stored in a field on one branch; the other branch writes a
// fresh value through the same field (memory is followed along paths, not globally).
func fillName(ns *wkv.Namespace, h *header, id string, lookup func(string) string) {
	if v, _ := ns.GetString("name:"+id, nil); v != "<null>" {
		h.Name = v
	} else {
		h.Name = lookup(id)
		ns.PutString("name:"+id, h.Name, nil)
	}
}

// Reported: the read value goes through a struct field, then is written back.
func viaField(ns *wkv.Namespace, h *header) {
	v, _ := ns.GetString("name", nil)
	h.Name = v + "!"
	ns.PutString("name", h.Name, nil) // want `read-modify-write`
}

type keyStore struct{ ns *wkv.Namespace }

func (keyStore) key(id string) string { return "user:" + id }

// Reported: a key built by a method is a key like any other.
func bumpThroughAKeyMethod(s keyStore, id string) {
	v, _ := s.ns.GetString(s.key(id), nil)
	n, _ := strconv.Atoi(v)
	s.ns.PutString(s.key(id), strconv.Itoa(n+1), nil) // want `read-modify-write`
}

type profile struct {
	Name   string
	Visits int
}

// Silent: the profile decoded from the read is replaced whole (p = next) before it is
// encoded, on every path, so nothing read reaches the write (a blind replace that logs
// the old name).
func replaceProfile(ns *wkv.Namespace, id string, next profile) {
	raw, _ := ns.GetString("p:"+id, nil)
	var p profile
	json.Unmarshal([]byte(raw), &p)
	fmt.Println("replacing", p.Name)
	p = next
	b, _ := json.Marshal(p)
	ns.PutString("p:"+id, string(b), nil)
}

// Reported: a field of the decoded profile is changed, the rest is written back.
func visitProfile(ns *wkv.Namespace, id string) {
	raw, _ := ns.GetString("p:"+id, nil)
	var p profile
	json.Unmarshal([]byte(raw), &p)
	p.Visits++
	b, _ := json.Marshal(p)
	ns.PutString("p:"+id, string(b), nil) // want `read-modify-write`
}

// Reported: the profile is replaced on one path only; on the other the decoded one is
// written back.
func maybeReplace(ns *wkv.Namespace, id string, next profile, replace bool) {
	raw, _ := ns.GetString("p:"+id, nil)
	var p profile
	json.Unmarshal([]byte(raw), &p)
	if replace {
		p = next
	}
	b, _ := json.Marshal(p)
	ns.PutString("p:"+id, string(b), nil) // want `read-modify-write`
}

// Reported: replaced whole, but a field read is put back after the replacement.
func replaceKeepVisits(ns *wkv.Namespace, id string, next profile) {
	raw, _ := ns.GetString("p:"+id, nil)
	var p profile
	json.Unmarshal([]byte(raw), &p)
	visits := p.Visits
	p = next
	p.Visits = visits + 1
	b, _ := json.Marshal(p)
	ns.PutString("p:"+id, string(b), nil) // want `read-modify-write`
}

// Reported: the replacement comes before the decode, which fills it from the read.
func replaceThenDecode(ns *wkv.Namespace, id string, next profile) {
	raw, _ := ns.GetString("p:"+id, nil)
	p := next
	json.Unmarshal([]byte(raw), &p)
	b, _ := json.Marshal(p)
	ns.PutString("p:"+id, string(b), nil) // want `read-modify-write`
}

// Reported: fmt.Sscanf parses the value read into n.
func scanCounter(ns *wkv.Namespace) {
	v, _ := ns.GetString("hits", nil)
	var n int
	fmt.Sscanf(v, "%d", &n)
	ns.PutString("hits", strconv.Itoa(n+1), nil) // want `read-modify-write of KV key "hits"`
}

// Silent: the value read is printed next to a pointer; printing does not fill it, so
// n does not come from the read.
func printBeside(ns *wkv.Namespace, n int) {
	v, _ := ns.GetString("hits", nil)
	fmt.Printf("was %s, now %d at %p\n", v, n, &n)
	ns.PutString("hits", strconv.Itoa(n), nil)
}

// Reported: replaced whole, but by a value built from the read.
func replaceFromRead(ns *wkv.Namespace, id string) {
	raw, _ := ns.GetString("p:"+id, nil)
	var p profile
	json.Unmarshal([]byte(raw), &p)
	p = profile{Name: p.Name + "!"}
	b, _ := json.Marshal(p)
	ns.PutString("p:"+id, string(b), nil) // want `read-modify-write`
}
