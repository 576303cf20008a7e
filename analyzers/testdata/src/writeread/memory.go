package writeread

import (
	"encoding/json"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

// Keys read from memory that changes between the write and the read.

type cursor struct {
	keys []string
	i    int
	Key  string
}

// Next advances the cursor: it stores c.Key through its pointer receiver.
func (c *cursor) Next() bool {
	if c.i >= len(c.keys) {
		return false
	}
	c.Key = c.keys[c.i]
	c.i++
	return true
}

// Peek only reads the cursor.
func (c *cursor) Peek() string { return c.Key }

// Silent: c.Next() changes c.Key between the write and the read: the terms are equal,
// but the read is of the next key.
func Walk(ns *wkv.Namespace, c *cursor) string {
	c.Next()
	ns.PutString("k:"+c.Key, "x", nil)
	c.Next()
	v, _ := ns.GetString("k:"+c.Key, nil)
	return v
}

// Reported: only a method that reads the cursor runs in between; c.Key is the same.
func walkPeek(ns *wkv.Namespace, c *cursor) string {
	c.Next()
	ns.PutString("k:"+c.Key, "x", nil)
	_ = c.Peek()
	v, _ := ns.GetString("k:"+c.Key, nil) // want `read after write of the same KV key`
	return v
}

// Silent: the key is computed before c.Next(), the read after it.
func walkKeyFirst(ns *wkv.Namespace, c *cursor) string {
	k := "k:" + c.Key
	c.Next()
	ns.PutString(k, "x", nil)
	v, _ := ns.GetString("k:"+c.Key, nil)
	return v
}

type entry struct{ ID, Body string }

// Silent: e is decoded again between the write and the read.
func redecoded(ns *wkv.Namespace, first, next []byte) string {
	var e entry
	json.Unmarshal(first, &e)
	ns.PutString("entry:"+e.ID, e.Body, nil)
	json.Unmarshal(next, &e)
	v, _ := ns.GetString("entry:"+e.ID, nil)
	return v
}

// Reported: e is decoded once, before the write.
func decodedOnce(ns *wkv.Namespace, first []byte) string {
	var e entry
	json.Unmarshal(first, &e)
	ns.PutString("entry:"+e.ID, e.Body, nil)
	v, _ := ns.GetString("entry:"+e.ID, nil) // want `read after write of the same KV key`
	return v
}

// Silent: a package variable the key is read from is set in between.
var current string

func globalChanged(ns *wkv.Namespace, next string) string {
	ns.PutString(current, "x", nil)
	current = next
	v, _ := ns.GetString(current, nil)
	return v
}

// Reported: nothing sets the package variable in between.
func globalSame(ns *wkv.Namespace) string {
	ns.PutString(current, "x", nil)
	v, _ := ns.GetString(current, nil) // want `read after write of the same KV key`
	return v
}

type nsHolder struct {
	ns   *wkv.Namespace
	alt  *wkv.Namespace
	hits int
}

func (h *nsHolder) touch() { h.hits++ }

// Silent: the namespace the key is read from is replaced in between.
func namespaceSwapped(h *nsHolder, id string) string {
	h.ns.PutString("user:"+id, "x", nil)
	h.ns = h.alt
	v, _ := h.ns.GetString("user:"+id, nil)
	return v
}

// Reported: a method that writes the holder runs in between, but the namespace changes
// only through a store to it (it is set up once); the key does not come from h.
func namespaceTouched(h *nsHolder, id string) string {
	h.ns.PutString("user:"+id, "x", nil)
	h.touch()
	v, _ := h.ns.GetString("user:"+id, nil) // want `read after write of the same KV key`
	return v
}
