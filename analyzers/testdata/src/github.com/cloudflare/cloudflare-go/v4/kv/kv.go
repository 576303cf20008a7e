// Package kv is a stub of the kv service of github.com/cloudflare/cloudflare-go/v4: the
// value methods have the same shape as in v6 (namespace and key positional).
package kv

import (
	"context"
	"net/http"

	"github.com/cloudflare/cloudflare-go/v4/internal/param"
)

type NamespaceValueService struct{}

type NamespaceValueUpdateParams struct {
	AccountID     param.Field[string]
	Value         param.Field[string]
	ExpirationTTL param.Field[float64]
}

type NamespaceValueGetParams struct {
	AccountID param.Field[string]
}

type NamespaceValueDeleteParams struct {
	AccountID param.Field[string]
}

type NamespaceValueUpdateResponse struct{}
type NamespaceValueDeleteResponse struct{}

func (r *NamespaceValueService) Update(ctx context.Context, namespaceID string, keyName string, params NamespaceValueUpdateParams) (res *NamespaceValueUpdateResponse, err error) {
	return nil, nil
}

func (r *NamespaceValueService) Delete(ctx context.Context, namespaceID string, keyName string, body NamespaceValueDeleteParams) (res *NamespaceValueDeleteResponse, err error) {
	return nil, nil
}

func (r *NamespaceValueService) Get(ctx context.Context, namespaceID string, keyName string, query NamespaceValueGetParams) (res *http.Response, err error) {
	return nil, nil
}
