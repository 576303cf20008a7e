// Package idioms holds the shapes real code gives kvexists: existence tests combined
// with value tests.
package idioms

import (
	"errors"
	"strconv"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

// Reported: a webhook de-duplicated by a marker, the existence test combined with a value test.
func handleWebhook(ns *wkv.Namespace, id string) error {
	v, err := ns.GetString("webhook:"+id, nil)
	if err == nil && v == "processed" {
		return nil
	}
	process(id)
	return ns.PutString("webhook:"+id, "processed", nil) // want `check-then-act on the same KV key: the value Namespace.GetString read decides this Namespace.PutString`
}

// Reported: an idempotency key tested by length.
func credit(ns *wkv.Namespace, deposit string, amount int) error {
	v, err := ns.GetString("deposit:"+deposit, nil)
	if err == nil && len(v) > 0 && v != "<null>" {
		return errors.New("already credited")
	}
	addBalance(amount)
	return ns.PutString("deposit:"+deposit, "1", nil) // want `check-then-act on the same KV key: the value Namespace.GetString read decides`
}

// Silent: the value read decides the count written (kvrmw's ground, not an existence test).
func bump(ns *wkv.Namespace) error {
	v, err := ns.GetString("n", nil)
	if err == nil && v == "<null>" {
		v = "0"
	}
	n, _ := strconv.Atoi(v)
	return ns.PutString("n", strconv.Itoa(n+1), nil)
}

// Silent: cache-aside behind a combined test, the value served on the found side.
func page(ns *wkv.Namespace, id string) (string, error) {
	v, err := ns.GetString("page:"+id, nil)
	if err == nil && v != "<null>" && len(v) > 0 {
		return v, nil
	}
	v = render(id)
	return v, ns.PutString("page:"+id, v, nil)
}

// Silent: a combined test of another key's value decides nothing about this one.
func other(ns *wkv.Namespace, id string) error {
	v, err := ns.GetString("flag", nil)
	if err == nil && v == "on" {
		return nil
	}
	return ns.PutString("seen:"+id, "1", nil)
}

func render(id string) string { return id }
func process(string)          {}
func addBalance(int)          {}
