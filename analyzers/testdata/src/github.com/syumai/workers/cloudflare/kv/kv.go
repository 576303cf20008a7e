// Package kv is a stub of github.com/syumai/workers/cloudflare/kv v0.32.0: the same
// exported signatures, no bodies that touch syscall/js.
package kv

import "io"

type Namespace struct{ binding string }

func NewNamespace(varName string) (*Namespace, error) { return &Namespace{binding: varName}, nil }

type GetOptions struct {
	CacheTTL int
}

type PutOptions struct {
	Expiration    int
	ExpirationTTL int
}

type ListOptions struct {
	Limit  int
	Prefix string
	Cursor string
}

type ListKey struct {
	Name       string
	Expiration int
}

type ListResult struct {
	Keys         []*ListKey
	ListComplete bool
	Cursor       string
}

func (ns *Namespace) GetString(key string, opts *GetOptions) (string, error)        { return "", nil }
func (ns *Namespace) GetReader(key string, opts *GetOptions) (io.Reader, error)     { return nil, nil }
func (ns *Namespace) PutString(key string, value string, opts *PutOptions) error    { return nil }
func (ns *Namespace) PutReader(key string, value io.Reader, opts *PutOptions) error { return nil }
func (ns *Namespace) Delete(key string) error                                       { return nil }
func (ns *Namespace) List(opts *ListOptions) (*ListResult, error)                   { return nil, nil }
