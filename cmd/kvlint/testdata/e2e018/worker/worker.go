// Package worker is a Worker on github.com/syumai/workers v0.18.0, whose
// cloudflare.NewKVNamespace still takes a context first (GOOS=js GOARCH=wasm).
package worker

import (
	"context"
	"fmt"
	"net/http"
	"strconv"

	"github.com/syumai/workers/cloudflare"
)

// Hits counts page views in KV: a read-modify-write.
func Hits(w http.ResponseWriter, r *http.Request) {
	ns, err := cloudflare.NewKVNamespace(r.Context(), "HITS")
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	v, _ := ns.GetString("hits:"+r.URL.Path, nil)
	n, _ := strconv.Atoi(v)
	ns.PutString("hits:"+r.URL.Path, strconv.Itoa(n+1), nil)
	fmt.Fprintln(w, n+1)
}

// Reserve claims a user name, testing "" where the client returns "<null>".
func Reserve(ctx context.Context, name, owner string) error {
	ns, err := cloudflare.NewKVNamespace(ctx, "NAMES")
	if err != nil {
		return err
	}
	v, _ := ns.GetString("name:"+name, nil)
	if v == "" {
		return ns.PutString("name:"+name, owner, nil)
	}
	return fmt.Errorf("%s is taken", name)
}

// Touch writes one key in every iteration of a loop.
func Touch(ctx context.Context, ids []string) {
	ns, _ := cloudflare.NewKVNamespace(ctx, "STATE")
	for _, id := range ids {
		ns.PutString("last-seen", id, nil)
	}
}

// Settings reads configuration written elsewhere: silent.
func Settings(ctx context.Context) (string, error) {
	ns, err := cloudflare.NewKVNamespace(ctx, "CONFIG")
	if err != nil {
		return "", err
	}
	v, err := ns.GetString("settings", &cloudflare.KVNamespaceGetOptions{CacheTTL: 300})
	if err != nil || v == "<null>" {
		return "{}", err
	}
	return v, nil
}
