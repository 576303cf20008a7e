// Package wrapped reaches KV only through an interface: kvlint sees the operations only
// when the wrappers setting names Store.Get and Store.Set.
package wrapped

type Store interface {
	Get(key string) (string, error)
	Set(key, value string) error
}

func Rename(s Store, id, name string) string {
	s.Set("user:"+id, name)
	v, _ := s.Get("user:" + id) // kvwriteread, with the wrappers setting
	return v
}
