package wgexists

import (
	"errors"
	"io"

	xkv "github.com/syumai/workers-go/exp/cloudflare/kv"
)

var errHeld = errors.New("held")

// Reported (kvexists): a nil text is a missing key on the generated layer; the claim
// is written on that side.
func reserveHandle(ns *xkv.KVNamespace, handle, user string) error {
	v, err := ns.GetText("handle:"+handle, xkv.KVNamespaceGetOptions{Type: "text"})
	if err != nil {
		return err
	}
	if v == nil {
		return ns.Put("handle:"+handle, user, xkv.KVNamespacePutOptions{}) // want `check-then-act on the same KV key: whether KVNamespace.GetText found the key decides this KVNamespace.Put`
	}
	return errHeld
}

// Reported (kvexists): the found side rejects, the write follows.
func takeSeat(ns *xkv.KVNamespace, seat, user string) error {
	if v, _ := ns.GetText("seat:"+seat, xkv.KVNamespaceGetOptions{}); v != nil {
		return errHeld
	}
	return ns.Put("seat:"+seat, user, xkv.KVNamespacePutOptions{ExpirationTTL: 600}) // want `check-then-act on the same KV key: whether KVNamespace.GetText found the key decides`
}

// Reported (kvexists): a lock on the bytes getter, released on the same path.
func withJobLock(ns *xkv.KVNamespace, job string, work func()) {
	b, _ := ns.GetBytes("lock:"+job, xkv.KVNamespaceGetOptions{})
	if b != nil {
		return
	}
	ns.Put("lock:"+job, "1", xkv.KVNamespacePutOptions{ExpirationTTL: 60}) // want `check-then-act on the same KV key: whether KVNamespace.GetBytes found the key decides`
	work()
	ns.Delete("lock:" + job)
}

// Reported (kvexists): a one-time code consumed on the found side of the stream getter.
func redeem(ns *xkv.KVNamespace, code string) (io.ReadCloser, error) {
	r, err := ns.GetStream("code:"+code, xkv.KVNamespaceGetOptions{})
	if err != nil || r == nil {
		return nil, errHeld
	}
	ns.Delete("code:" + code) // want `check-then-act on the same KV key: whether KVNamespace.GetStream found the key decides this KVNamespace.Delete`
	return r, nil
}

// Silent: cache-aside on the generated layer, the value served when found, the fill
// from the origin when the text is nil.
func page(ns *xkv.KVNamespace, id string) (string, error) {
	v, err := ns.GetText("page:"+id, xkv.KVNamespaceGetOptions{CacheTTL: 300})
	if err != nil {
		return "", err
	}
	if v != nil {
		return *v, nil
	}
	fresh := render(id)
	return fresh, ns.Put("page:"+id, fresh, xkv.KVNamespacePutOptions{ExpirationTTL: 3600})
}

// Silent: the error of the read stops the function, then an unconditional write; on
// this layer an error is never "missing".
func stamp(ns *xkv.KVNamespace, id string) error {
	if _, err := ns.GetText("seen:"+id, xkv.KVNamespaceGetOptions{}); err != nil {
		return err
	}
	return ns.Put("seen:"+id, "1", xkv.KVNamespacePutOptions{})
}

// Silent: the nil test is on another key than the write.
func audit(ns *xkv.KVNamespace, id string) error {
	if v, _ := ns.GetText("user:"+id, xkv.KVNamespaceGetOptions{}); v == nil {
		return ns.Put("audit:"+id, "missing user", xkv.KVNamespacePutOptions{})
	}
	return nil
}

// Reported (kvexists): the error taken for "missing"; on this layer a missing key is a
// nil text with a nil error, so the claim below never runs for one.
func claimOnError(ns *xkv.KVNamespace, name, owner string) error {
	if _, err := ns.GetText("name:"+name, xkv.KVNamespaceGetOptions{}); err != nil {
		return ns.Put("name:"+name, owner, xkv.KVNamespacePutOptions{}) // want `check-then-act on the same KV key with the wrong signal: KVNamespace.GetText returns nil and a nil error for a missing key`
	}
	return errHeld
}

// Reported (kvexists): a cache filled on the error: never for a missing key.
func fillOnError(ns *xkv.KVNamespace, id string) (string, error) {
	v, err := ns.GetText("page:"+id, xkv.KVNamespaceGetOptions{})
	if err != nil {
		fresh := render(id)
		ns.Put("page:"+id, fresh, xkv.KVNamespacePutOptions{}) // want `cache fill on the wrong signal: KVNamespace.GetText returns nil and a nil error for a missing key, so this error branch never runs for one; fill when the value is nil$`
		return fresh, nil
	}
	return *v, nil
}

// Silent: a fallback write after a failed read, in a function that also tests nil:
// the error side is not taken for "missing" there.
func fallback(ns *xkv.KVNamespace, id string) (string, error) {
	v, err := ns.GetText("page:"+id, xkv.KVNamespaceGetOptions{})
	if err != nil {
		fresh := render(id)
		ns.Put("page:"+id, fresh, xkv.KVNamespacePutOptions{})
		return fresh, nil
	}
	if v == nil {
		fresh := render(id)
		return fresh, ns.Put("page:"+id, fresh, xkv.KVNamespacePutOptions{})
	}
	return *v, nil
}
