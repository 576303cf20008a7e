// Package oldworkers uses github.com/syumai/workers up to v0.27: KV methods on
// cloudflare.KVNamespace, opened with a context before v0.19.
package oldworkers

import (
	"context"
	"strconv"

	"github.com/syumai/workers/cloudflare"
)

// Reported (kvrmw): a counter on a namespace opened with the old constructor.
func visits(ctx context.Context) error {
	ns, err := cloudflare.NewKVNamespace(ctx, "COUNTER")
	if err != nil {
		return err
	}
	v, _ := ns.GetString("visits", nil)
	n, _ := strconv.Atoi(v)
	return ns.PutString("visits", strconv.Itoa(n+1), nil) // want `read-modify-write of KV key "visits"`
}

// Silent: two namespaces opened by different bindings are different entries.
func copyOver(ctx context.Context) {
	a, _ := cloudflare.NewKVNamespace(ctx, "A")
	b, _ := cloudflare.NewKVNamespace(ctx, "B")
	v, _ := a.GetString("k", nil)
	n, _ := strconv.Atoi(v)
	b.PutString("k", strconv.Itoa(n+1), nil)
}
