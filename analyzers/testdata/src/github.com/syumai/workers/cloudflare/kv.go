// Package cloudflare is a stub of the deprecated KV aliases of
// github.com/syumai/workers/cloudflare v0.32.0.
package cloudflare

import "github.com/syumai/workers/cloudflare/kv"

type KVNamespace = kv.Namespace

func NewKVNamespace(varName string) (*kv.Namespace, error) { return kv.NewNamespace(varName) }

type KVNamespaceGetOptions = kv.GetOptions
type KVNamespaceListOptions = kv.ListOptions
type KVNamespaceListKey = kv.ListKey
type KVNamespaceListResult = kv.ListResult
type KVNamespacePutOptions = kv.PutOptions
