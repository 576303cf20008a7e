package idioms

import (
	"context"
	"errors"

	"github.com/cloudflare/cloudflare-go"
)

// coupons marks per device that a welcome coupon was redeemed (cloudflare-go v0).
type coupons struct {
	api     *cloudflare.API
	account string
	ns      string
}

func (c *coupons) redeemed(ctx context.Context, device string) bool {
	v, err := c.api.GetWorkersKV(ctx, cloudflare.AccountIdentifier(c.account), cloudflare.GetWorkersKVParams{NamespaceID: c.ns, Key: "coupon:" + device})
	return err == nil && string(v) == "yes"
}

func (c *coupons) credit(ctx context.Context, user string) error { return nil }

// Reported: the check and the marker each sit under the same device != "": a request
// skips the check only when it also skips the marker.
func (c *coupons) redeem(ctx context.Context, user, device string) error {
	if device != "" {
		v, err := c.api.GetWorkersKV(ctx, cloudflare.AccountIdentifier(c.account), cloudflare.GetWorkersKVParams{NamespaceID: c.ns, Key: "coupon:" + device})
		if err == nil && string(v) == "yes" {
			return errors.New("coupon already redeemed on this device")
		}
	}
	if err := c.credit(ctx, user); err != nil {
		return err
	}
	if device != "" {
		_, err := c.api.WriteWorkersKVEntry(ctx, cloudflare.AccountIdentifier(c.account), cloudflare.WriteWorkersKVEntryParams{NamespaceID: c.ns, Key: "coupon:" + device, Value: []byte("yes")}) // want `check-then-act on the same KV key: the value API.GetWorkersKV read decides this API.WriteWorkersKVEntry`
		return err
	}
	return nil
}

// Silent: the marker is written under another condition, so requests that never ran the
// check write it too.
func (c *coupons) redeemReferred(ctx context.Context, user, device, referrer string) error {
	if device != "" {
		v, err := c.api.GetWorkersKV(ctx, cloudflare.AccountIdentifier(c.account), cloudflare.GetWorkersKVParams{NamespaceID: c.ns, Key: "coupon:" + device})
		if err == nil && string(v) == "yes" {
			return errors.New("coupon already redeemed on this device")
		}
	}
	if referrer != "" {
		_, err := c.api.WriteWorkersKVEntry(ctx, cloudflare.AccountIdentifier(c.account), cloudflare.WriteWorkersKVEntryParams{NamespaceID: c.ns, Key: "coupon:" + device, Value: []byte("yes")})
		return err
	}
	return nil
}

// Silent: under device != "" the check runs only in strict mode; a lenient request
// reaches the marker without it.
func (c *coupons) redeemLenient(ctx context.Context, user, device string, strict bool) error {
	if device != "" {
		if strict {
			v, err := c.api.GetWorkersKV(ctx, cloudflare.AccountIdentifier(c.account), cloudflare.GetWorkersKVParams{NamespaceID: c.ns, Key: "coupon:" + device})
			if err == nil && string(v) == "yes" {
				return errors.New("coupon already redeemed on this device")
			}
		}
	}
	if device != "" {
		_, err := c.api.WriteWorkersKVEntry(ctx, cloudflare.AccountIdentifier(c.account), cloudflare.WriteWorkersKVEntryParams{NamespaceID: c.ns, Key: "coupon:" + device, Value: []byte("yes")})
		return err
	}
	return nil
}
