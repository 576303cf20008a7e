// Package cloudflare is a stub of the KV part of github.com/syumai/workers/cloudflare
// v0.18 – v0.27: the methods are on KVNamespace itself; before v0.19 the constructor
// took a context first.
package cloudflare

import (
	"context"
	"io"
)

type KVNamespace struct{ binding string }

func NewKVNamespace(ctx context.Context, varName string) (*KVNamespace, error) {
	return &KVNamespace{binding: varName}, nil
}

type KVNamespaceGetOptions struct{ CacheTTL int }

type KVNamespacePutOptions struct {
	Expiration    int
	ExpirationTTL int
}

type KVNamespaceListOptions struct{ Prefix string }

type KVNamespaceListResult struct{ ListComplete bool }

func (kv *KVNamespace) GetString(key string, opts *KVNamespaceGetOptions) (string, error) {
	return "", nil
}
func (kv *KVNamespace) GetReader(key string, opts *KVNamespaceGetOptions) (io.Reader, error) {
	return nil, nil
}
func (kv *KVNamespace) PutString(key string, value string, opts *KVNamespacePutOptions) error {
	return nil
}
func (kv *KVNamespace) PutReader(key string, value io.Reader, opts *KVNamespacePutOptions) error {
	return nil
}
func (kv *KVNamespace) Delete(key string) error { return nil }
func (kv *KVNamespace) List(opts *KVNamespaceListOptions) (*KVNamespaceListResult, error) {
	return nil, nil
}
