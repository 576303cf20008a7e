// Package wgexists uses github.com/syumai/workers-go v0.35+, where a missing key is
// kv.ErrNotFound, through its new and its old (aliased) import paths.
package wgexists

import (
	"errors"

	"github.com/syumai/workers-go/cloudflare/kv"
	okv "github.com/syumai/workers/cloudflare/kv"
)

var errTaken = errors.New("taken")

// Reported (kvexists): the right not-found test, then a claim.
func claim(ns *kv.Namespace, name, owner string) error {
	_, err := ns.GetString("name:"+name, nil)
	if errors.Is(err, kv.ErrNotFound) {
		return ns.PutString("name:"+name, owner, nil) // want `check-then-act on the same KV key: whether Namespace.GetString found the key decides`
	}
	if err != nil {
		return err
	}
	return errTaken
}

// Reported (kvexists): the sentinel compared directly.
func claimEq(ns *kv.Namespace, name, owner string) error {
	if _, err := ns.GetString("name:"+name, nil); err != kv.ErrNotFound {
		return errTaken
	}
	return ns.PutString("name:"+name, owner, nil) // want `check-then-act on the same KV key: whether Namespace.GetString found the key decides`
}

// Reported (kvexists): through the old import path, now aliases of workers-go: the
// error branch is the missing branch, not the wrong signal.
func claimOld(ns *okv.Namespace, name, owner string) error {
	if _, err := ns.GetString("name:"+name, nil); err != nil {
		return ns.PutString("name:"+name, owner, nil) // want `check-then-act on the same KV key: whether Namespace.GetString found the key decides`
	}
	return errTaken
}

// Reported (kvexists): a webhook marker decided by an existence test and a value test.
func webhook(ns *kv.Namespace, id string) error {
	v, err := ns.GetString("hook:"+id, nil)
	if err == nil && v == "done" {
		return nil
	}
	return ns.PutString("hook:"+id, "done", nil) // want `check-then-act on the same KV key: the value Namespace.GetString read decides`
}

// Silent: cache-aside, the fill on the not-found side, the value served on the other.
func cached(ns *kv.Namespace, id string) (string, error) {
	v, err := ns.GetString("page:"+id, nil)
	if err == nil {
		return v, nil
	}
	if !errors.Is(err, kv.ErrNotFound) {
		return "", err
	}
	v = render(id)
	return v, ns.PutString("page:"+id, v, nil)
}

// Silent: the error of the read stops the function; the write after it is not decided
// by whether the key exists.
func touch(ns *kv.Namespace, id string) error {
	if _, err := ns.GetString("seen:"+id, nil); err != nil && !errors.Is(err, kv.ErrNotFound) {
		return err
	}
	return ns.PutString("last", id, nil)
}

func render(id string) string { return "<p>" + id + "</p>" }
