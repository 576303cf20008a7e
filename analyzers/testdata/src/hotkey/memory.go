package hotkey

import (
	"encoding/json"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

// --- twice on one path, with a key read from memory ---

type record struct{ ID, Body string }

// Silent: r is decoded again between the two writes: two records, two keys.
func twoRecords(ns *wkv.Namespace, first, next []byte) {
	var r record
	json.Unmarshal(first, &r)
	ns.PutString("record:"+r.ID, r.Body, nil)
	json.Unmarshal(next, &r)
	ns.PutString("record:"+r.ID, r.Body, nil)
}

// Reported: only the body changes between the two writes; the key is the same.
func recordRewritten(ns *wkv.Namespace, first []byte, body string) {
	var r record
	json.Unmarshal(first, &r)
	ns.PutString("record:"+r.ID, r.Body, nil)
	r.Body = body
	ns.PutString("record:"+r.ID, r.Body, nil) // want `hot KV key: the same KV key is written again`
}
