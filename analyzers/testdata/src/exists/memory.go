package exists

import (
	wkv "github.com/syumai/workers/cloudflare/kv"
)

// Keys read from memory that changes between the check and the write.

type claim struct{ Name, Fallback, Owner string }

// Silent: when the name is missing, the claim switches to its fallback name before
// writing: the write is of another key than the one checked.
func claimFallback(ns *wkv.Namespace, c *claim) error {
	v, _ := ns.GetString("name:"+c.Name, nil)
	if v == "<null>" {
		c.Name = c.Fallback
		return ns.PutString("name:"+c.Name, c.Owner, nil)
	}
	return nil
}

// Reported: only the owner field is set in between; the name checked is the name
// written.
func claimOwned(ns *wkv.Namespace, c *claim, owner string) error {
	v, _ := ns.GetString("name:"+c.Name, nil)
	if v == "<null>" {
		c.Owner = owner
		return ns.PutString("name:"+c.Name, c.Owner, nil) // want `check-then-act on the same KV key`
	}
	return nil
}
