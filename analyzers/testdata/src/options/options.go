package options // want package:`kv`

// options holds one call per option field, for kvttl to read through the model.

import (
	"context"

	cfv0 "github.com/cloudflare/cloudflare-go"
	cf "github.com/cloudflare/cloudflare-go/v6"
	"github.com/cloudflare/cloudflare-go/v6/kv"
	"github.com/syumai/workers/cloudflare"
	wkv "github.com/syumai/workers/cloudflare/kv"
)

func syumai(ns *wkv.Namespace) { // want syumai:`kv get key="a" ns=\$0; put key="b" ns=\$0; put key="c" ns=\$0`
	ns.GetString("a", &wkv.GetOptions{CacheTTL: 30})
	ns.PutString("b", "v", &cloudflare.KVNamespacePutOptions{ExpirationTTL: 3600})
	ns.PutString("c", "v", &wkv.PutOptions{Expiration: 1700000000})
}

func v0(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer) { // want v0:`kv put key="d" ns="ns"`
	api.WriteWorkersKVEntries(ctx, rc, cfv0.WriteWorkersKVEntriesParams{NamespaceID: "ns", KVs: []*cfv0.WorkersKVPair{
		{Key: "d", Value: "v", ExpirationTTL: 120},
	}})
}

func v6(ctx context.Context, client *cf.Client) { // want v6:`kv put key="e" ns="ns"`
	client.KV.Namespaces.Values.Update(ctx, "ns", "e", kv.NamespaceValueUpdateParams{ExpirationTTL: cf.F(90.0)})
}
