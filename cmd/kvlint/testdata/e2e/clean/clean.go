// Package clean uses KV only in ways kvlint accepts.
package clean

import (
	"context"

	"github.com/cloudflare/cloudflare-go"
)

// Publish is a blind write of a new configuration, then returns what it wrote.
func Publish(ctx context.Context, api *cloudflare.API, account, nsID string, cfg []byte) []byte {
	rc := cloudflare.AccountIdentifier(account)
	api.WriteWorkersKVEntry(ctx, rc, cloudflare.WriteWorkersKVEntryParams{NamespaceID: nsID, Key: "config", Value: cfg})
	return cfg
}

// Copy reads one namespace and writes another.
func Copy(ctx context.Context, api *cloudflare.API, account, from, to, key string) error {
	rc := cloudflare.AccountIdentifier(account)
	v, err := api.GetWorkersKV(ctx, rc, cloudflare.GetWorkersKVParams{NamespaceID: from, Key: key})
	if err != nil {
		return err
	}
	_, err = api.WriteWorkersKVEntry(ctx, rc, cloudflare.WriteWorkersKVEntryParams{NamespaceID: to, Key: key, Value: v})
	return err
}
