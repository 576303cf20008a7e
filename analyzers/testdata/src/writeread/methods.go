package writeread

import (
	wkv "github.com/syumai/workers/cloudflare/kv"
)

type userStore struct{ ns *wkv.Namespace }

func (userStore) key(id string) string { return "user:" + id }

func (s userStore) Load(id string) (string, error) { return s.ns.GetString(s.key(id), nil) }

func (s userStore) Save(id, v string) error { return s.ns.PutString(s.key(id), v, nil) }

// Reported: Save and Load are wrappers whose key a method builds from the id.
func echo(s userStore, id, v string) string {
	s.Save(id, v)
	got, _ := s.Load(id) // want `read after write`
	return got
}

// Silent: another user.
func copyUser(s userStore, from, to, v string) string {
	s.Save(to, v)
	got, _ := s.Load(from)
	return got
}
