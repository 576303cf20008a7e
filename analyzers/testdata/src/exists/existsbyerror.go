package exists

import (
	"context"

	cfv0 "github.com/cloudflare/cloudflare-go"
	wkv "github.com/syumai/workers/cloudflare/kv"
)

type kvStore struct{ ns *wkv.Namespace }

// Reported: on syumai a missing key is "<null>" with a nil error, so this says true for
// every key.
func (s *kvStore) Exists(key string) bool {
	_, err := s.ns.GetString(key, nil)
	return err == nil // want `Exists answers with the error of Namespace.GetString, which is nil for a missing key: it says every key exists; compare the value with "<null>"$`
}

// Silent: the value is compared with "<null>".
func (s *kvStore) Has(key string) bool {
	v, err := s.ns.GetString(key, nil)
	return err == nil && v != "<null>"
}

// Silent: not named for existence (a health check asks "reachable").
func (s *kvStore) Ping() bool {
	_, err := s.ns.GetString("ping", nil)
	return err == nil
}

// Silent: cloudflare-go v0 says a missing key with an error.
func existsV0(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer, key string) bool {
	_, err := api.GetWorkersKV(ctx, rc, cfv0.GetWorkersKVParams{NamespaceID: "ns", Key: key})
	return err == nil
}
