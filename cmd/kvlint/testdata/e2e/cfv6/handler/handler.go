// Package handler uses the cfv6 Store wrappers from another package: the wrapper facts
// travel with the package (kvlint) and through vet's fact files (go vet -vettool).
package handler

import (
	"context"

	"example.com/kvapp/cfv6"
)

func Rename(ctx context.Context, s *cfv6.Store, id, name string) (string, error) {
	if err := s.Save(ctx, "user:"+id, name); err != nil {
		return "", err
	}
	return s.Load(ctx, "user:"+id) // kvwriteread
}

// Show only reads: silent.
func Show(ctx context.Context, s *cfv6.Store, id string) (string, error) {
	return s.Load(ctx, "user:"+id)
}
