// Package kv is a stub of github.com/syumai/workers/cloudflare/kv at v0.35+: the old
// import path, now type aliases forwarding to github.com/syumai/workers-go.
package kv

import kv "github.com/syumai/workers-go/cloudflare/kv"

type Namespace = kv.Namespace
type GetOptions = kv.GetOptions
type PutOptions = kv.PutOptions

var ErrNotFound = kv.ErrNotFound

func NewNamespace(varName string) (*Namespace, error) { return kv.NewNamespace(varName) }
