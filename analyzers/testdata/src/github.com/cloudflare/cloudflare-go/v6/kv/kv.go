// Package kv is a stub of github.com/cloudflare/cloudflare-go/v6/kv v6.6.0: the same
// service structure and method signatures.
package kv

import (
	"context"
	"net/http"

	"github.com/cloudflare/cloudflare-go/v6/internal/param"
	"github.com/cloudflare/cloudflare-go/v6/option"
)

type KVService struct {
	Options    []option.RequestOption
	Namespaces *NamespaceService
}

func NewKVService(opts ...option.RequestOption) (r *KVService) {
	return &KVService{Options: opts, Namespaces: &NamespaceService{Keys: &NamespaceKeyService{}, Values: &NamespaceValueService{}}}
}

type NamespaceService struct {
	Options []option.RequestOption
	Keys    *NamespaceKeyService
	Values  *NamespaceValueService
}

type NamespaceBulkUpdateParams struct {
	AccountID param.Field[string]
	Body      []NamespaceBulkUpdateParamsBody
}

type NamespaceBulkUpdateParamsBody struct {
	Key           param.Field[string]
	Value         param.Field[string]
	Base64        param.Field[bool]
	Expiration    param.Field[float64]
	ExpirationTTL param.Field[float64]
	Metadata      param.Field[interface{}]
}

type NamespaceBulkUpdateResponse struct{}

func (r *NamespaceService) BulkUpdate(ctx context.Context, namespaceID string, params NamespaceBulkUpdateParams, opts ...option.RequestOption) (res *NamespaceBulkUpdateResponse, err error) {
	return nil, nil
}

type NamespaceKeyService struct {
	Options []option.RequestOption
}

type NamespaceKeyListParams struct {
	AccountID param.Field[string]
	Prefix    param.Field[string]
}

type Key struct{ Name string }

type CursorPaginationAfter[T any] struct{ Result []T }

type NamespaceKeyBulkUpdateParams struct {
	AccountID param.Field[string]
	Body      []NamespaceKeyBulkUpdateParamsBody
}

type NamespaceKeyBulkUpdateParamsBody struct {
	Key           param.Field[string]
	Value         param.Field[string]
	Base64        param.Field[bool]
	Expiration    param.Field[float64]
	ExpirationTTL param.Field[float64]
	Metadata      param.Field[interface{}]
}

type NamespaceKeyBulkUpdateResponse struct{}

func (r *NamespaceKeyService) BulkUpdate(ctx context.Context, namespaceID string, params NamespaceKeyBulkUpdateParams, opts ...option.RequestOption) (res *NamespaceKeyBulkUpdateResponse, err error) {
	return nil, nil
}

func (r *NamespaceKeyService) List(ctx context.Context, namespaceID string, params NamespaceKeyListParams, opts ...option.RequestOption) (res *CursorPaginationAfter[Key], err error) {
	return nil, nil
}

type NamespaceValueService struct {
	Options []option.RequestOption
}

type NamespaceValueUpdateParams struct {
	AccountID     param.Field[string]
	Value         param.Field[string]
	Expiration    param.Field[float64]
	ExpirationTTL param.Field[float64]
	Metadata      param.Field[interface{}]
}

type NamespaceValueUpdateResponse struct{}

type NamespaceValueDeleteParams struct {
	AccountID param.Field[string]
}

type NamespaceValueDeleteResponse struct{}

type NamespaceValueGetParams struct {
	AccountID param.Field[string]
}

func (r *NamespaceValueService) Update(ctx context.Context, namespaceID string, keyName string, params NamespaceValueUpdateParams, opts ...option.RequestOption) (res *NamespaceValueUpdateResponse, err error) {
	return nil, nil
}

func (r *NamespaceValueService) Delete(ctx context.Context, namespaceID string, keyName string, body NamespaceValueDeleteParams, opts ...option.RequestOption) (res *NamespaceValueDeleteResponse, err error) {
	return nil, nil
}

func (r *NamespaceValueService) Get(ctx context.Context, namespaceID string, keyName string, query NamespaceValueGetParams, opts ...option.RequestOption) (res *http.Response, err error) {
	return nil, nil
}
