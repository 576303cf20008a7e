package writeread

import (
	"wrapstore"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

// Reported: Save then Load of the same id on the same store, across packages.
func update(s *wrapstore.Store, id, v string) string {
	s.Save(id, v)
	got, _ := s.Load(id) // want `read after write of the same KV key: Store.Load can return what was stored before the Store.Save above`
	return got
}

// Reported: a wrapper of a wrapper, and a direct write of the key it reads.
func profile(s *wrapstore.Store, id string) string {
	s.Save(id, "new")
	return wrapstore.LoadProfile(s, id) // want `read after write`
}

// Reported: the parameterless wrapper reads the entry written directly.
func config() string {
	ns, _ := wkv.NewNamespace("CONFIG")
	ns.PutString("config", "v2", nil)
	return wrapstore.Config() // want `read after write of KV key "config"`
}

// Silent: two stores.
func twoStores(a, b *wrapstore.Store, id string) string {
	a.Save(id, "x")
	got, _ := b.Load(id)
	return got
}

// Silent: another binding.
func otherBinding() string {
	ns, _ := wkv.NewNamespace("OTHER")
	ns.PutString("config", "v2", nil)
	return wrapstore.Config()
}

// Silent: a look-alike type from the other package.
func fake(f wrapstore.Fake) string {
	wrapstore.UseFake(f, "k")
	return wrapstore.UseFake(f, "k")
}
