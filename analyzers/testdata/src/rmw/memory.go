package rmw

import (
	"log"
	"strconv"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

// Keys read from memory that changes between the read and the write.

type request struct{ Key, Other, Note string }

// Silent: req.Key is set between the read and the write: the value read from one key is
// written to another (a copy, not an update of one entry).
func moveCount(ns *wkv.Namespace, req *request) {
	v, _ := ns.GetString("k:"+req.Key, nil)
	n, _ := strconv.Atoi(v)
	req.Key = req.Other
	ns.PutString("k:"+req.Key, strconv.Itoa(n+1), nil)
}

// Reported: only another field of req is stored, and req is only read otherwise.
func bumpNoted(ns *wkv.Namespace, req *request) {
	v, _ := ns.GetString("k:"+req.Key, nil)
	n, _ := strconv.Atoi(v)
	req.Note = "bumped " + req.Key
	ns.PutString("k:"+req.Key, strconv.Itoa(n+1), nil) // want `read-modify-write of the same KV key`
}

type counterStore struct {
	ns     *wkv.Namespace
	prefix string
}

func (s *counterStore) key(id string) string { return s.prefix + id }

// Reported: the key method reads s.prefix, and nothing writes s in between.
func bumpStored(s *counterStore, id string) {
	v, _ := s.ns.GetString(s.key(id), nil)
	n, _ := strconv.Atoi(v)
	s.ns.PutString(s.key(id), strconv.Itoa(n+1), nil) // want `read-modify-write of the same KV key`
}

// rescope may change s.prefix.
func (s *counterStore) rescope(tenant string) { s.prefix = tenant + ":" }

// Silent: a method that writes s runs between the read and the write.
func bumpRescoped(s *counterStore, id, tenant string) {
	v, _ := s.ns.GetString(s.key(id), nil)
	n, _ := strconv.Atoi(v)
	s.rescope(tenant)
	s.ns.PutString(s.key(id), strconv.Itoa(n+1), nil)
}

// Reported: req is only logged between the read and the write; logging reads it.
func bumpLogged(ns *wkv.Namespace, req *request) {
	v, _ := ns.GetString("k:"+req.Key, nil)
	n, _ := strconv.Atoi(v)
	log.Printf("bumping %v", req)
	ns.PutString("k:"+req.Key, strconv.Itoa(n+1), nil) // want `read-modify-write of the same KV key`
}
