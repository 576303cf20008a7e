// Package cfv6 uses the kv service of github.com/cloudflare/cloudflare-go/v6.
package cfv6

import (
	"context"
	"errors"
	"io"
	"net/http"

	"github.com/cloudflare/cloudflare-go/v6"
	"github.com/cloudflare/cloudflare-go/v6/kv"
)

// Store wraps the namespace; Load and Save are wrappers.
type Store struct {
	client  *cloudflare.Client
	account string
	ns      string
}

func (s *Store) Load(ctx context.Context, key string) (string, error) {
	res, err := s.client.KV.Namespaces.Values.Get(ctx, s.ns, key, kv.NamespaceValueGetParams{AccountID: cloudflare.F(s.account)})
	if err != nil {
		return "", err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return string(b), err
}

func (s *Store) Save(ctx context.Context, key, value string) error {
	_, err := s.client.KV.Namespaces.Values.Update(ctx, s.ns, key, kv.NamespaceValueUpdateParams{
		AccountID: cloudflare.F(s.account),
		Value:     cloudflare.F(value),
	})
	return err
}

func (s *Store) Append(ctx context.Context, key, line string) error {
	old, err := s.Load(ctx, key)
	if err != nil {
		return err
	}
	return s.Save(ctx, key, old+line+"\n") // kvrmw
}

func (s *Store) SaveAndShow(ctx context.Context, key, value string) (string, error) {
	if err := s.Save(ctx, key, value); err != nil {
		return "", err
	}
	return s.Load(ctx, key) // kvwriteread
}

func TakeLock(ctx context.Context, client *cloudflare.Client, account, nsID string) (bool, error) {
	_, err := client.KV.Namespaces.Values.Get(ctx, nsID, "lock", kv.NamespaceValueGetParams{AccountID: cloudflare.F(account)})
	var apiErr *cloudflare.Error
	if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusNotFound {
		_, err := client.KV.Namespaces.Values.Update(ctx, nsID, "lock", kv.NamespaceValueUpdateParams{ // kvexists
			AccountID:     cloudflare.F(account),
			Value:         cloudflare.F("1"),
			ExpirationTTL: cloudflare.F(60.0),
		})
		return err == nil, err
	}
	return false, err
}

// Suppressed with a reason.
func Seed(ctx context.Context, s *Store) {
	v, _ := s.Load(ctx, "seed")
	s.Save(ctx, "seed", v+"x") //kvlint:ignore kvrmw -- runs once at deploy time, single writer
}
