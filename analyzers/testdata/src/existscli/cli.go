// Package existscli is kvexists' test data for code that is not a Worker (it imports no
// syumai/workers package): there standard output is the program's output, not a log.
package existscli

import (
	"context"
	"fmt"
	"os"

	cfv0 "github.com/cloudflare/cloudflare-go"
)

// Silent: a command that prints the cached value serves it, like a response with status
// 200: cache-aside.
func showPage(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer, id string, render func(string) []byte) {
	v, err := api.GetWorkersKV(ctx, rc, cfv0.GetWorkersKVParams{NamespaceID: "ns", Key: "page:" + id})
	if err == nil {
		fmt.Println(string(v))
		return
	}
	fresh := render(id)
	api.WriteWorkersKVEntry(ctx, rc, cfv0.WriteWorkersKVEntryParams{NamespaceID: "ns", Key: "page:" + id, Value: fresh})
	fmt.Println(string(fresh))
}

// Reported: the holder only goes to standard error, a log: the lock stays reported.
func tryLock(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer, name, owner string) bool {
	holder, err := api.GetWorkersKV(ctx, rc, cfv0.GetWorkersKVParams{NamespaceID: "ns", Key: "lock:" + name})
	if err == nil {
		fmt.Fprintf(os.Stderr, "lock %s held by %s\n", name, holder)
		return false
	}
	api.WriteWorkersKVEntry(ctx, rc, cfv0.WriteWorkersKVEntryParams{NamespaceID: "ns", Key: "lock:" + name, Value: []byte(owner)}) // want `check-then-act on the same KV key: whether API.GetWorkersKV found the key`
	return true
}
