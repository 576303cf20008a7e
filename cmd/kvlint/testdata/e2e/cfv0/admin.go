// Package cfv0 manages KV over the REST API with github.com/cloudflare/cloudflare-go v0.
package cfv0

import (
	"context"
	"errors"
	"strconv"

	"github.com/cloudflare/cloudflare-go"
)

func Decrement(ctx context.Context, api *cloudflare.API, account, nsID, sku string) error {
	rc := cloudflare.AccountIdentifier(account)
	v, err := api.GetWorkersKV(ctx, rc, cloudflare.GetWorkersKVParams{NamespaceID: nsID, Key: "stock:" + sku})
	if err != nil {
		return err
	}
	n, _ := strconv.Atoi(string(v))
	_, err = api.WriteWorkersKVEntry(ctx, rc, cloudflare.WriteWorkersKVEntryParams{ // kvrmw
		NamespaceID: nsID, Key: "stock:" + sku, Value: []byte(strconv.Itoa(n - 1)),
	})
	return err
}

func Reserve(ctx context.Context, api *cloudflare.API, account, nsID, slug string) error {
	rc := cloudflare.AccountIdentifier(account)
	_, err := api.GetWorkersKV(ctx, rc, cloudflare.GetWorkersKVParams{NamespaceID: nsID, Key: slug})
	var nf *cloudflare.NotFoundError
	if !errors.As(err, &nf) {
		return errors.New("slug taken")
	}
	_, err = api.WriteWorkersKVEntry(ctx, rc, cloudflare.WriteWorkersKVEntryParams{NamespaceID: nsID, Key: slug, Value: []byte("reserved")}) // kvexists
	return err
}

// Rotate writes a new value and returns it: silent.
func Rotate(ctx context.Context, api *cloudflare.API, account, nsID, v string) string {
	rc := cloudflare.AccountIdentifier(account)
	api.WriteWorkersKVEntry(ctx, rc, cloudflare.WriteWorkersKVEntryParams{NamespaceID: nsID, Key: "secret", Value: []byte(v)})
	return v
}
