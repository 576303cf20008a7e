// Package cloudflare is a stub of github.com/cloudflare/cloudflare-go/v4 (the field
// constructors only).
package cloudflare

import "github.com/cloudflare/cloudflare-go/v4/internal/param"

func F[T any](value T) param.Field[T] { return param.Field[T]{Value: value, Present: true} }

func Float(value float64) param.Field[float64] { return F(value) }
