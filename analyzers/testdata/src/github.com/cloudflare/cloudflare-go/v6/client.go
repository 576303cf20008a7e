// Package cloudflare is a stub of github.com/cloudflare/cloudflare-go/v6 v6.6.0 (the KV
// service only).
package cloudflare

import (
	"github.com/cloudflare/cloudflare-go/v6/internal/apierror"
	"github.com/cloudflare/cloudflare-go/v6/internal/param"
	"github.com/cloudflare/cloudflare-go/v6/kv"
	"github.com/cloudflare/cloudflare-go/v6/option"
)

type Client struct {
	Options []option.RequestOption
	KV      *kv.KVService
}

func NewClient(opts ...option.RequestOption) (r *Client) {
	return &Client{Options: opts, KV: kv.NewKVService(opts...)}
}

type Error = apierror.Error

func F[T any](value T) param.Field[T] { return param.Field[T]{Value: value, Present: true} }

func String(value string) param.Field[string] { return F(value) }

func Float(value float64) param.Field[float64] { return F(value) }

func Int(value int64) param.Field[int64] { return F(value) }
