package ttl

import (
	"testing"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

// Silent: a test may use a short TTL on purpose, against a local fake that checks
// expiry; against real KV the test itself would fail.
func TestExpiry(t *testing.T) {
	ns, _ := wkv.NewNamespace("TEST")
	if err := ns.PutString("k", "v", &wkv.PutOptions{ExpirationTTL: 1}); err != nil {
		t.Fatal(err)
	}
}
