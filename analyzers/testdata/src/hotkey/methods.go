package hotkey

import (
	wkv "github.com/syumai/workers/cloudflare/kv"
)

type keyCursor struct {
	keys []string
	i    int
	Key  string
}

func (c *keyCursor) Next() bool {
	if c.i >= len(c.keys) {
		return false
	}
	c.Key = c.keys[c.i]
	c.i++
	return true
}

// Current reads the keyCursor's state: not a key builder the analysis can trust in a loop.
func (c *keyCursor) Current() string { return c.Key }

type flagStore struct{ ns *wkv.Namespace }

// key builds a key from its arguments alone: as good as "flag:" + name inline.
func (flagStore) key(name string) string { return "flag:" + name }

// Silent: the key is read through the keyCursor, which Next advances every iteration.
func touchAllThroughAMethod(ns *wkv.Namespace, c *keyCursor) {
	for c.Next() {
		ns.PutString("seen:"+c.Current(), "1", nil)
	}
}

// Reported: a key built by a method from the same argument in every iteration.
func republish(s flagStore, values []string) {
	for _, v := range values {
		s.ns.PutString(s.key("banner"), v, nil) // want `hot KV key`
	}
}
