package ttl

import (
	"context"
	"os"
	"strconv"
	"time"

	cfv0 "github.com/cloudflare/cloudflare-go"
	cf4 "github.com/cloudflare/cloudflare-go/v4"
	kv4 "github.com/cloudflare/cloudflare-go/v4/kv"
	cf "github.com/cloudflare/cloudflare-go/v6"
	"github.com/cloudflare/cloudflare-go/v6/kv"
	"github.com/syumai/workers/cloudflare"
	wkv "github.com/syumai/workers/cloudflare/kv"
)

const shortTTL = 45

type seconds int

const typedTTL seconds = 50

// --- syumai/workers ---

// Reported: a literal under 60 s.
func literal(ns *wkv.Namespace, v string) error {
	return ns.PutString("session", v, &wkv.PutOptions{ExpirationTTL: 30}) // want `expirationTtl of 30 s is below the 60 s minimum, so KV rejects the write; use at least 60 s$`
}

// Reported: a named constant.
func named(ns *wkv.Namespace, v string) error {
	return ns.PutString("session", v, &wkv.PutOptions{ExpirationTTL: shortTTL}) // want `expirationTtl of 45 s`
}

// Reported: a typed constant converted.
func typed(ns *wkv.Namespace, v string) error {
	return ns.PutString("session", v, &wkv.PutOptions{ExpirationTTL: int(typedTTL)}) // want `expirationTtl of 50 s`
}

// Reported: time.Duration arithmetic divided down to seconds (the compiler folds it).
func duration(ns *wkv.Namespace, v string) error {
	return ns.PutString("session", v, &wkv.PutOptions{ExpirationTTL: int(45 * time.Second / time.Second)}) // want `expirationTtl of 45 s`
}

// Reported: the same through a local variable (folded by kvttl, not the compiler).
func durationVar(ns *wkv.Namespace, v string) error {
	d := 20 * time.Second
	return ns.PutString("session", v, &wkv.PutOptions{ExpirationTTL: int(d / time.Second)}) // want `expirationTtl of 20 s`
}

// Reported: d.Seconds() of a constant duration.
func durationSeconds(ns *wkv.Namespace, v string) error {
	d := 10 * time.Second
	return ns.PutString("session", v, &wkv.PutOptions{ExpirationTTL: int(d.Seconds())}) // want `expirationTtl of 10 s`
}

// Reported: set by assignment after the literal.
func assigned(ns *wkv.Namespace, v string) error {
	opts := &wkv.PutOptions{}
	opts.ExpirationTTL = 59 // want `expirationTtl of 59 s`
	return ns.PutString("session", v, opts)
}

// Reported: PutReader too.
func reader(ns *wkv.Namespace) error {
	return ns.PutReader("blob", nil, &wkv.PutOptions{ExpirationTTL: 5}) // want `expirationTtl of 5 s`
}

// Reported: an absolute expiration less than 60 s from now.
func expiresSoon(ns *wkv.Namespace, v string) error {
	return ns.PutString("session", v, &wkv.PutOptions{Expiration: int(time.Now().Add(30 * time.Second).Unix())}) // want `expiration is now \+ 30 s, less than the 60 s in the future that KV requires`
}

// Reported: the same with Unix() + n, through a local variable for now.
func expiresSoonUnix(ns *wkv.Namespace, v string) error {
	now := time.Now()
	return ns.PutString("session", v, &wkv.PutOptions{Expiration: int(now.Unix() + 10)}) // want `expiration is now \+ 10 s`
}

// Reported: a TTL written into the absolute field: 3600 is one hour after 1970.
func ttlAsExpiration(ns *wkv.Namespace, v string) error {
	return ns.PutString("session", v, &wkv.PutOptions{Expiration: 3600}) // want `expiration 3600 is an absolute Unix time \(seconds since 1970\), so it lies in the past.*set the expirationTtl option instead`
}

// Reported without a fix: 30 would be rejected as a TTL too, and a literal that sets
// both fields keeps its own ExpirationTTL.
func ttlAsExpirationNoFix(ns *wkv.Namespace, v string) {
	ns.PutString("a", v, &wkv.PutOptions{Expiration: 30})                       // want `expiration 30 is an absolute Unix time`
	ns.PutString("b", v, &wkv.PutOptions{Expiration: 600, ExpirationTTL: 3600}) // want `expiration 600 is an absolute Unix time`
}

// Reported: cacheTtl under 30 s.
func cacheTooShort(ns *wkv.Namespace) (string, error) {
	return ns.GetString("flags", &wkv.GetOptions{CacheTTL: 10}) // want `cacheTtl of 10 s is below the 30 s minimum, so KV rejects the read; use at least 30 s, or leave it unset \(the default is 60 s\)$`
}

// Reported: cacheTtl longer than the expirationTtl written for the same key: reads can
// keep serving the value an hour after it expired.
func confused(ns *wkv.Namespace, v string) (string, error) {
	if err := ns.PutString("token:"+v, v, &wkv.PutOptions{ExpirationTTL: 300}); err != nil {
		return "", err
	}
	return ns.GetString("token:"+v, &wkv.GetOptions{CacheTTL: 3600}) // want `cacheTtl of 3600 s is longer than the expirationTtl of 300 s written for the same KV key, so reads can return the value after it expired; set cacheTtl no higher than the expirationTtl$`
}

// Reported: the deprecated aliases of package cloudflare, and GetReader.
func aliases(ns *cloudflare.KVNamespace) {
	ns.PutString("a", "v", &cloudflare.KVNamespacePutOptions{ExpirationTTL: 20}) // want `expirationTtl of 20 s`
	ns.GetReader("b", &cloudflare.KVNamespaceGetOptions{CacheTTL: 1})            // want `cacheTtl of 1 s`
}

// Silent: 60 s and above, and the 30 s cacheTtl minimum.
func atMinimum(ns *wkv.Namespace, v string) (string, error) {
	ns.PutString("a", v, &wkv.PutOptions{ExpirationTTL: 60})
	ns.PutString("b", v, &wkv.PutOptions{ExpirationTTL: int(time.Hour / time.Second)})
	ns.PutString("c", v, &wkv.PutOptions{Expiration: int(time.Now().Add(time.Minute).Unix())})
	ns.PutString("d", v, &wkv.PutOptions{Expiration: int(time.Now().Unix() + 3600)})
	return ns.GetString("e", &wkv.GetOptions{CacheTTL: 30})
}

// Silent: 0 means "not set" (syumai sends nothing), nil options too.
func unset(ns *wkv.Namespace, v string) (string, error) {
	ns.PutString("a", v, &wkv.PutOptions{ExpirationTTL: 0})
	ns.PutString("b", v, nil)
	return ns.GetString("c", &wkv.GetOptions{})
}

// Silent: values known only at run time (configuration, parameters, computed).
func fromConfig(ns *wkv.Namespace, v string, ttl int, d time.Duration) (string, error) {
	n, _ := strconv.Atoi(os.Getenv("SESSION_TTL"))
	ns.PutString("a", v, &wkv.PutOptions{ExpirationTTL: n})
	ns.PutString("b", v, &wkv.PutOptions{ExpirationTTL: ttl})
	ns.PutString("c", v, &wkv.PutOptions{Expiration: int(time.Now().Add(d).Unix())})
	return ns.GetString("d", &wkv.GetOptions{CacheTTL: ttl})
}

// Silent: assigned on two paths; which one reaches the call is not a constant.
func twoPaths(ns *wkv.Namespace, v string, short bool) error {
	opts := &wkv.PutOptions{ExpirationTTL: 3600}
	if short {
		opts.ExpirationTTL = 120
	}
	return ns.PutString("a", v, opts)
}

// Silent: a constant absolute expiration far in the future (2030).
func fixedDate(ns *wkv.Namespace, v string) error {
	return ns.PutString("a", v, &wkv.PutOptions{Expiration: 1893456000})
}

// Silent: cacheTtl within the expirationTtl, and a longer cacheTtl for another key.
func notConfused(ns *wkv.Namespace, v string) {
	ns.PutString("token", v, &wkv.PutOptions{ExpirationTTL: 3600})
	ns.GetString("token", &wkv.GetOptions{CacheTTL: 300})
	ns.GetString("other", &wkv.GetOptions{CacheTTL: 86400})
}

// Silent: a local type with the same option names is not KV.
type fakeOpts struct{ ExpirationTTL int }
type fake struct{}

func (fake) PutString(k, v string, o *fakeOpts) error { return nil }

func notKV(v string) error { return fake{}.PutString("a", v, &fakeOpts{ExpirationTTL: 1}) }

// --- cloudflare-go v0 ---

// Reported: one element of a bulk write; the other is fine.
func v0Bulk(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer, nsID string) {
	api.WriteWorkersKVEntries(ctx, rc, cfv0.WriteWorkersKVEntriesParams{NamespaceID: nsID, KVs: []*cfv0.WorkersKVPair{
		{Key: "a", Value: "1", ExpirationTTL: 3600},
		{Key: "b", Value: "2", ExpirationTTL: 15}, // want `expirationTtl of 15 s`
	}})
}

// Reported: the positional bulk API of older v0 releases.
func v0Positional(ctx context.Context, api *cfv0.API, nsID string) {
	api.WriteWorkersKVBulk(ctx, nsID, cfv0.WorkersKVBulkWriteRequest{
		{Key: "a", Value: "1", Expiration: int(time.Now().Unix() + 5)}, // want `expiration is now \+ 5 s`
	})
}

// Silent: v0 bulk with TTLs from a variable.
func v0Config(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer, nsID string, ttl int) {
	api.WriteWorkersKVEntries(ctx, rc, cfv0.WriteWorkersKVEntriesParams{NamespaceID: nsID, KVs: []*cfv0.WorkersKVPair{
		{Key: "a", Value: "1", ExpirationTTL: ttl},
	}})
}

// --- cloudflare-go v2–v6 ---

// Reported: v6 value update through cloudflare.F and cloudflare.Float.
func v6Update(ctx context.Context, client *cf.Client, nsID string) {
	client.KV.Namespaces.Values.Update(ctx, nsID, "k", kv.NamespaceValueUpdateParams{
		Value:         cf.F("v"),
		ExpirationTTL: cf.F(45.0), // want `expirationTtl of 45 s`
	})
	client.KV.Namespaces.Values.Update(ctx, nsID, "k2", kv.NamespaceValueUpdateParams{
		Value:         cf.F("v"),
		ExpirationTTL: cf.Float(shortTTL), // want `expirationTtl of 45 s`
	})
}

// Reported: v6 absolute expiration.
func v6Expiration(ctx context.Context, client *cf.Client, nsID string) {
	client.KV.Namespaces.Values.Update(ctx, nsID, "k", kv.NamespaceValueUpdateParams{
		Value:      cf.F("v"),
		Expiration: cf.F(float64(time.Now().Add(20 * time.Second).Unix())), // want `expiration is now \+ 20 s`
	})
}

// Reported: v6 bulk bodies, on both bulk services.
func v6Bulk(ctx context.Context, client *cf.Client, nsID string) {
	client.KV.Namespaces.BulkUpdate(ctx, nsID, kv.NamespaceBulkUpdateParams{Body: []kv.NamespaceBulkUpdateParamsBody{
		{Key: cf.F("a"), Value: cf.F("1"), ExpirationTTL: cf.F(30.0)}, // want `expirationTtl of 30 s`
		{Key: cf.F("b"), Value: cf.F("2"), ExpirationTTL: cf.F(600.0)},
	}})
	client.KV.Namespaces.Keys.BulkUpdate(ctx, nsID, kv.NamespaceKeyBulkUpdateParams{Body: []kv.NamespaceKeyBulkUpdateParamsBody{
		{Key: cf.F("a"), Value: cf.F("1"), ExpirationTTL: cf.F(1.0)}, // want `expirationTtl of 1 s`
	}})
}

// Reported: a fraction of a second is shown as a number.
func v6Fraction(ctx context.Context, client *cf.Client, nsID string) {
	client.KV.Namespaces.Values.Update(ctx, nsID, "k", kv.NamespaceValueUpdateParams{Value: cf.F("v"), ExpirationTTL: cf.F(0.5)}) // want `expirationTtl of 0.5 s`
}

// Reported: v4 value update.
func v4Update(ctx context.Context, svc *kv4.NamespaceValueService, nsID string) {
	svc.Update(ctx, nsID, "k", kv4.NamespaceValueUpdateParams{Value: cf4.F("v"), ExpirationTTL: cf4.F(30.0)}) // want `expirationTtl of 30 s`
}

// Silent: v6 at the minimum, from configuration, and fields not set.
func v6Fine(ctx context.Context, client *cf.Client, nsID string, ttl float64) {
	client.KV.Namespaces.Values.Update(ctx, nsID, "a", kv.NamespaceValueUpdateParams{Value: cf.F("v"), ExpirationTTL: cf.F(60.0)})
	client.KV.Namespaces.Values.Update(ctx, nsID, "b", kv.NamespaceValueUpdateParams{Value: cf.F("v"), ExpirationTTL: cf.F(ttl)})
	client.KV.Namespaces.Values.Update(ctx, nsID, "c", kv.NamespaceValueUpdateParams{Value: cf.F("v")})
}

// Silent: a directive with a reason.
func suppressed(ns *wkv.Namespace, v string) error {
	//kvlint:ignore kvttl -- the test double accepts any TTL
	return ns.PutString("a", v, &wkv.PutOptions{ExpirationTTL: 1})
}

// --- options that are not a local literal: not known here, silent (these used to crash
// the model: a nil *ssa.Alloc made a non-nil ssa.Value) ---

var sharedOpts = &wkv.PutOptions{ExpirationTTL: 3600}

var sharedUpdate = kv.NamespaceValueUpdateParams{ExpirationTTL: cf.F(3600.0)}

type optsHolder struct {
	api    *cfv0.API
	rc     *cfv0.ResourceContainer
	params cfv0.GetWorkersKVParams
	opts   *wkv.PutOptions
	update *kv.NamespaceValueUpdateParams
}

func optionsInAPackageVariable(ns *wkv.Namespace, k, v string) error {
	return ns.PutString(k, v, sharedOpts)
}

func paramsInAField(ctx context.Context, r *optsHolder) ([]byte, error) {
	return r.api.GetWorkersKV(ctx, r.rc, r.params)
}

func optionsInAField(ns *wkv.Namespace, r *optsHolder, k, v string) error {
	return ns.PutString(k, v, r.opts)
}

func v6ParamsBehindPointers(ctx context.Context, c *cf.Client, r *optsHolder, k string) error {
	if _, err := c.KV.Namespaces.Values.Update(ctx, "ns", k, sharedUpdate); err != nil {
		return err
	}
	_, err := c.KV.Namespaces.Values.Update(ctx, "ns", k, *r.update)
	return err
}

// --- bulk writes built in a loop, as they usually are ---

// Reported: every element appended in the loop has a 30 s TTL (v0), or 10 s (v6).
func v0BulkInALoop(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer, m map[string]string) error {
	var kvs []*cfv0.WorkersKVPair
	for k, v := range m {
		kvs = append(kvs, &cfv0.WorkersKVPair{Key: k, Value: v, ExpirationTTL: 30}) // want `expirationTtl of 30 s`
	}
	_, err := api.WriteWorkersKVEntries(ctx, rc, cfv0.WriteWorkersKVEntriesParams{NamespaceID: "ns", KVs: kvs})
	return err
}

func v6BulkInALoop(ctx context.Context, client *cf.Client, m map[string]string) error {
	body := []kv.NamespaceBulkUpdateParamsBody{}
	for k, v := range m {
		body = append(body, kv.NamespaceBulkUpdateParamsBody{Key: cf.F(k), Value: cf.F(v), ExpirationTTL: cf.F(10.0)}) // want `expirationTtl of 10 s`
	}
	_, err := client.KV.Namespaces.BulkUpdate(ctx, "ns", kv.NamespaceBulkUpdateParams{Body: body})
	return err
}

// Silent: an hour, appended in a loop.
func v0BulkInALoopFine(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer, m map[string]string) error {
	var kvs []*cfv0.WorkersKVPair
	for k, v := range m {
		kvs = append(kvs, &cfv0.WorkersKVPair{Key: k, Value: v, ExpirationTTL: 3600})
	}
	_, err := api.WriteWorkersKVEntries(ctx, rc, cfv0.WriteWorkersKVEntriesParams{NamespaceID: "ns", KVs: kvs})
	return err
}

// Reported: an expiration in the past says so (no fix: the intent is unclear).
func expirationInThePast(ns *wkv.Namespace, v string) {
	ns.PutString("a", v, &wkv.PutOptions{Expiration: int(time.Now().Add(-time.Hour).Unix())}) // want `expiration is 3600 s in the past, where KV requires at least 60 s in the future, so KV rejects the write; expire at least 60 s from now`
	ns.PutString("b", v, &wkv.PutOptions{Expiration: int(time.Now().Unix() - 30)})            // want `expiration is 30 s in the past`
}

type versioned struct {
	ns      *wkv.Namespace
	version int
}

func (s *versioned) key(id string) string { return "doc:" + id + ":v" + strconv.Itoa(s.version) }

// Silent: the version moves between the read and the write, so the keys differ.
func upgradeDoc(s *versioned, id, v string) {
	s.ns.GetString(s.key(id), &wkv.GetOptions{CacheTTL: 3600})
	s.version++
	s.ns.PutString(s.key(id), v, &wkv.PutOptions{ExpirationTTL: 600})
}

// Reported: the same key read with a longer cacheTtl than it is written with.
func rewriteDoc(s *versioned, id, v string) {
	s.ns.GetString(s.key(id), &wkv.GetOptions{CacheTTL: 3600}) // want `cacheTtl of 3600 s is longer than the expirationTtl of 600 s`
	s.ns.PutString(s.key(id), v, &wkv.PutOptions{ExpirationTTL: 600})
}

// Reported, the fix rewriting the constant (unexported, used only here): the use stays
// and graceTTL becomes 60 * time.Second, so it does not keep saying 30 s.
const graceTTL = 30 * time.Second

func graceSession(ns *wkv.Namespace, v string) error {
	return ns.PutString("grace", v, &wkv.PutOptions{ExpirationTTL: int(graceTTL / time.Second)}) // want `expirationTtl of 30 s`
}

// Reported without a fix: an exported constant may be used by other packages.
const PublicTTL = 40

func public(ns *wkv.Namespace, v string) error {
	return ns.PutString("public", v, &wkv.PutOptions{ExpirationTTL: PublicTTL}) // want `expirationTtl of 40 s`
}

// Reported, the fix rewriting the constant of the offset.
const lockOffset = 20 * time.Second

func lockUntil(ns *wkv.Namespace, v string) error {
	return ns.PutString("lock", v, &wkv.PutOptions{Expiration: int(time.Now().Add(lockOffset).Unix())}) // want `expiration is now \+ 20 s`
}
