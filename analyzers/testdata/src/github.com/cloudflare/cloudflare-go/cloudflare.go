// Package cloudflare is a stub of github.com/cloudflare/cloudflare-go v0.116.0 (the KV
// part), plus the positional KV API of older v0 releases (ReadWorkersKV and friends),
// which v0.116.0 no longer has.
package cloudflare

import "context"

type API struct{ APIToken string }

func NewWithAPIToken(token string) (*API, error) { return &API{APIToken: token}, nil }

type RouteLevel string

const AccountRouteLevel RouteLevel = "accounts"

type ResourceContainer struct {
	Level      RouteLevel
	Identifier string
}

func AccountIdentifier(id string) *ResourceContainer {
	return &ResourceContainer{Level: AccountRouteLevel, Identifier: id}
}

type Response struct{ Success bool }

type ResultInfo struct{ Page, PerPage int }

type WorkersKVPair struct {
	Key           string      `json:"key"`
	Value         string      `json:"value"`
	Expiration    int         `json:"expiration,omitempty"`
	ExpirationTTL int         `json:"expiration_ttl,omitempty"`
	Metadata      interface{} `json:"metadata,omitempty"`
	Base64        bool        `json:"base64,omitempty"`
}

type StorageKey struct {
	Name       string
	Expiration int
	Metadata   interface{}
}

type ListStorageKeysResponse struct {
	Response
	Result []StorageKey
	ResultInfo
}

type WriteWorkersKVEntryParams struct {
	NamespaceID string
	Key         string
	Value       []byte
}

type WriteWorkersKVEntriesParams struct {
	NamespaceID string
	KVs         []*WorkersKVPair
}

type GetWorkersKVParams struct {
	NamespaceID string
	Key         string
}

type DeleteWorkersKVEntryParams struct {
	NamespaceID string
	Key         string
}

type DeleteWorkersKVEntriesParams struct {
	NamespaceID string
	Keys        []string
}

type ListWorkersKVsParams struct {
	NamespaceID string
	Limit       int
	Cursor      string
	Prefix      string
}

func (api *API) WriteWorkersKVEntry(ctx context.Context, rc *ResourceContainer, params WriteWorkersKVEntryParams) (Response, error) {
	return Response{}, nil
}
func (api *API) WriteWorkersKVEntries(ctx context.Context, rc *ResourceContainer, params WriteWorkersKVEntriesParams) (Response, error) {
	return Response{}, nil
}
func (api API) GetWorkersKV(ctx context.Context, rc *ResourceContainer, params GetWorkersKVParams) ([]byte, error) {
	return nil, nil
}
func (api API) DeleteWorkersKVEntry(ctx context.Context, rc *ResourceContainer, params DeleteWorkersKVEntryParams) (Response, error) {
	return Response{}, nil
}
func (api *API) DeleteWorkersKVEntries(ctx context.Context, rc *ResourceContainer, params DeleteWorkersKVEntriesParams) (Response, error) {
	return Response{}, nil
}
func (api API) ListWorkersKVKeys(ctx context.Context, rc *ResourceContainer, params ListWorkersKVsParams) (ListStorageKeysResponse, error) {
	return ListStorageKeysResponse{}, nil
}

// The positional API of older v0 releases.

type WorkersKVBulkWriteRequest []*WorkersKVPair

func (api API) ReadWorkersKV(ctx context.Context, namespaceID, key string) ([]byte, error) {
	return nil, nil
}
func (api *API) WriteWorkersKV(ctx context.Context, namespaceID, key string, value []byte) (Response, error) {
	return Response{}, nil
}
func (api API) DeleteWorkersKV(ctx context.Context, namespaceID, key string) (Response, error) {
	return Response{}, nil
}
func (api *API) WriteWorkersKVBulk(ctx context.Context, namespaceID string, kvs WorkersKVBulkWriteRequest) (Response, error) {
	return Response{}, nil
}
func (api API) ListWorkersKVs(ctx context.Context, namespaceID string) (ListStorageKeysResponse, error) {
	return ListStorageKeysResponse{}, nil
}

// NotFoundError is for HTTP 404 responses.
type NotFoundError struct{ msg string }

func (e NotFoundError) Error() string { return e.msg }
