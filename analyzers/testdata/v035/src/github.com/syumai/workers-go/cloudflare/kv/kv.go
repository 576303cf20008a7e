// Package kv is a stub of github.com/syumai/workers-go/cloudflare/kv v0.35: the same
// exported signatures (read from its public source), no bodies that touch syscall/js.
package kv

import (
	"errors"
	"io"
)

// ErrNotFound is returned by GetString and GetReader when no value exists for the key.
var ErrNotFound = errors.New("kv: key not found")

type Namespace struct{ binding string }

func NewNamespace(varName string) (*Namespace, error) { return &Namespace{binding: varName}, nil }

type GetOptions struct{ CacheTTL int }

type PutOptions struct {
	Expiration    int
	ExpirationTTL int
}

type ListOptions struct {
	Limit  int
	Prefix string
	Cursor string
}

type ListKey struct{ Name string }

type ListResult struct {
	Keys         []*ListKey
	ListComplete bool
	Cursor       string
}

func (ns *Namespace) GetString(key string, opts *GetOptions) (string, error)        { return "", nil }
func (ns *Namespace) GetReader(key string, opts *GetOptions) (io.ReadCloser, error) { return nil, nil }
func (ns *Namespace) PutString(key string, value string, opts *PutOptions) error    { return nil }
func (ns *Namespace) PutReader(key string, value io.Reader, opts *PutOptions) error { return nil }
func (ns *Namespace) Delete(key string) error                                       { return nil }
func (ns *Namespace) List(opts *ListOptions) (*ListResult, error)                   { return nil, nil }
