// Package flagwrap uses a store behind an interface: only the -kvlint.wrappers flag
// tells kvlint that Get and Set are KV operations.
package flagwrap

type Store interface {
	Get(key string) (string, error)
	Set(key, value string) error
}

func update(s Store, id string) string {
	s.Set("user:"+id, "x")
	v, _ := s.Get("user:" + id) // want `read after write of the same KV key: Store.Get`
	return v
}

// Silent: two stores are two namespaces (the receiver is the namespace).
func twoStores(a, b Store) string {
	a.Set("k", "x")
	v, _ := b.Get("k")
	return v
}

// Touch returns nothing: a get SPEC naming it is refused.
func Touch(key string) {}
