// Package closures: a goroutine or a closure somewhere in a function does not hide the
// read-modify-write before it.
package closures

import (
	"log"
	"strconv"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

type Req struct{ ID string }

// Reported: the counter, then a goroutine logging the request.
func count(ns *wkv.Namespace, req *Req) {
	v, _ := ns.GetString("count:"+req.ID, nil)
	n, _ := strconv.Atoi(v)
	ns.PutString("count:"+req.ID, strconv.Itoa(n+1), nil) // want `read-modify-write of the same KV key`
	go func() { log.Println(req.ID) }()
}

// Reported: a deferred closure capturing the request.
func countDefer(ns *wkv.Namespace, req *Req) {
	defer func() { log.Println(req.ID) }()
	v, _ := ns.GetString("count:"+req.ID, nil)
	n, _ := strconv.Atoi(v)
	ns.PutString("count:"+req.ID, strconv.Itoa(n+1), nil) // want `read-modify-write of the same KV key`
}

// Silent (a limit, docs/checks.md): a closure that changes the key's memory, built before
// the read, hides it even when it is only called after the write.
func countCallback(ns *wkv.Namespace, req *Req, run func(func())) {
	done := func() { req.ID = "" }
	v, _ := ns.GetString("count:"+req.ID, nil)
	n, _ := strconv.Atoi(v)
	ns.PutString("count:"+req.ID, strconv.Itoa(n+1), nil)
	run(done)
}

// Silent: the closure that changes the key is called in between.
func countChanged(ns *wkv.Namespace, req *Req) {
	next := func() { req.ID = req.ID + "x" }
	v, _ := ns.GetString("count:"+req.ID, nil)
	n, _ := strconv.Atoi(v)
	next()
	ns.PutString("count:"+req.ID, strconv.Itoa(n+1), nil)
}

// Reported: no closure at all.
func countPlain(ns *wkv.Namespace, req *Req) {
	v, _ := ns.GetString("count:"+req.ID, nil)
	n, _ := strconv.Atoi(v)
	ns.PutString("count:"+req.ID, strconv.Itoa(n+1), nil) // want `read-modify-write of the same KV key`
}
