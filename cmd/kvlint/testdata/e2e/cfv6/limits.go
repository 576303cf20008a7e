package cfv6

import (
	"context"
	"time"

	"github.com/cloudflare/cloudflare-go/v6"
	"github.com/cloudflare/cloudflare-go/v6/kv"
)

// Publish writes a value that expires 10 s from now (kvttl) and then its status twice on
// one path (kvhotkey).
func (s *Store) Publish(ctx context.Context, v string) error {
	_, err := s.client.KV.Namespaces.Values.Update(ctx, s.ns, "release", kv.NamespaceValueUpdateParams{
		AccountID:  cloudflare.F(s.account),
		Value:      cloudflare.F(v),
		Expiration: cloudflare.F(float64(time.Now().Add(10 * time.Second).Unix())),
	})
	if err != nil {
		return err
	}
	s.client.KV.Namespaces.Values.Update(ctx, s.ns, "release:status", kv.NamespaceValueUpdateParams{AccountID: cloudflare.F(s.account), Value: cloudflare.F("publishing")})
	_, err = s.client.KV.Namespaces.Values.Update(ctx, s.ns, "release:status", kv.NamespaceValueUpdateParams{AccountID: cloudflare.F(s.account), Value: cloudflare.F("published")})
	return err
}

// Bulk writes entries with an expirationTtl of 45 s: kvttl.
func (s *Store) Bulk(ctx context.Context) error {
	_, err := s.client.KV.Namespaces.BulkUpdate(ctx, s.ns, kv.NamespaceBulkUpdateParams{
		AccountID: cloudflare.F(s.account),
		Body: []kv.NamespaceBulkUpdateParamsBody{
			{Key: cloudflare.F("a"), Value: cloudflare.F("1"), ExpirationTTL: cloudflare.F(45.0)},
			{Key: cloudflare.F("b"), Value: cloudflare.F("2"), ExpirationTTL: cloudflare.F(3600.0)},
		},
	})
	return err
}
