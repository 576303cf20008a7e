// Package cfv7 uses the kv service of github.com/cloudflare/cloudflare-go/v7: values,
// the metadata of a key, and key listings.
package cfv7

import (
	"context"
	"io"
	"strconv"

	"github.com/cloudflare/cloudflare-go/v7"
	"github.com/cloudflare/cloudflare-go/v7/kv"
	"github.com/cloudflare/cloudflare-go/v7/shared"
)

// Rollout keeps feature-flag rollouts in one namespace.
type Rollout struct {
	client  *cloudflare.Client
	account string
	ns      string
}

func (r *Rollout) read(ctx context.Context, key string) (string, error) {
	res, err := r.client.KV.Namespaces.Values.Get(ctx, r.ns, key, kv.NamespaceValueGetParams{AccountID: cloudflare.F(r.account)})
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return string(b), err
}

func (r *Rollout) write(ctx context.Context, key, value string) error {
	_, err := r.client.KV.Namespaces.Values.Update(ctx, r.ns, key, kv.NamespaceValueUpdateParams{
		AccountID: cloudflare.F(r.account),
		Value:     cloudflare.F[kv.NamespaceValueUpdateParamsValueUnion](shared.UnionString(value)),
	})
	return err
}

// Widen raises a flag's percentage by step: read, add, write back.
func (r *Rollout) Widen(ctx context.Context, flag string, step int) error {
	v, err := r.read(ctx, "pct:"+flag)
	if err != nil {
		return err
	}
	pct, _ := strconv.Atoi(v)
	return r.write(ctx, "pct:"+flag, strconv.Itoa(pct+step))
}

// Announce writes a flag and then reads the key's metadata back: Metadata.Get reads the
// entry just written.
func (r *Rollout) Announce(ctx context.Context, flag string) (*kv.NamespaceMetadataGetResponse, error) {
	if err := r.write(ctx, "pct:"+flag, "0"); err != nil {
		return nil, err
	}
	return r.client.KV.Namespaces.Metadata.Get(ctx, r.ns, "pct:"+flag, kv.NamespaceMetadataGetParams{AccountID: cloudflare.F(r.account)})
}

// Adopt creates a flag at 0 % only if the key has no metadata yet: whether Metadata.Get
// found the key decides the write.
func (r *Rollout) Adopt(ctx context.Context, flag string) error {
	if _, err := r.client.KV.Namespaces.Metadata.Get(ctx, r.ns, "pct:"+flag, kv.NamespaceMetadataGetParams{AccountID: cloudflare.F(r.account)}); err == nil {
		return nil
	}
	return r.write(ctx, "pct:"+flag, "0")
}

// Keys lists the flags after writing one: a listing is no read of the entry written.
func (r *Rollout) Keys(ctx context.Context, flag string) ([]string, error) {
	if err := r.write(ctx, "pct:"+flag, "0"); err != nil {
		return nil, err
	}
	page, err := r.client.KV.Namespaces.Keys.List(ctx, r.ns, kv.NamespaceKeyListParams{AccountID: cloudflare.F(r.account), Prefix: cloudflare.F("pct:")})
	if err != nil {
		return nil, err
	}
	var names []string
	for _, k := range page.Result {
		names = append(names, k.Name)
	}
	return names, nil
}

// Describe reads a flag's metadata only: silent.
func (r *Rollout) Describe(ctx context.Context, flag string) (*kv.NamespaceMetadataGetResponse, error) {
	return r.client.KV.Namespaces.Metadata.Get(ctx, r.ns, "pct:"+flag, kv.NamespaceMetadataGetParams{AccountID: cloudflare.F(r.account)})
}
