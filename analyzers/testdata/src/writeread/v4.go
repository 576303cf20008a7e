package writeread

import (
	"context"

	"github.com/cloudflare/cloudflare-go/v4/kv"
)

// Reported: the v4 kv service is matched by the same rule as v6.
func v4(ctx context.Context, values *kv.NamespaceValueService, nsID string) {
	values.Update(ctx, nsID, "k", kv.NamespaceValueUpdateParams{})
	values.Get(ctx, nsID, "k", kv.NamespaceValueGetParams{}) // want `read after write`
}
