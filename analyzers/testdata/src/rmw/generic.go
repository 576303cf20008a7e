package rmw

import (
	"strconv"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

type typedStore[T any] struct{ ns *wkv.Namespace }

func (s *typedStore[T]) Get(k string) string { v, _ := s.ns.GetString(k, nil); return v }

func (s *typedStore[T]) Put(k, v string) { s.ns.PutString(k, v, nil) }

// Reported: the methods of an instantiated generic type are the generic methods' wrappers.
func bumpGeneric(s *typedStore[int]) {
	n, _ := strconv.Atoi(s.Get("n"))
	s.Put("n", strconv.Itoa(n+1)) // want `read-modify-write of KV key "n"`
}

// Silent: another key.
func copyGeneric(s *typedStore[string]) {
	s.Put("b", s.Get("a"))
}
