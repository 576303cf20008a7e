package ifaceuse

import (
	"time"

	"ifacestore"
)

type service struct{ storage ifacestore.Storage }

// Reported (kvexists): a webhook de-duplicated through an interface whose only
// implementation is a wrapper.
func (s *service) handle(id string) error {
	if status, err := s.storage.Get(id); err == nil && status == "processed" {
		return nil
	}
	return s.storage.PutWithExpiration(id, "processed", 24*time.Hour) // want `check-then-act on the same KV key: the value Storage.Get read decides`
}

// Silent: the write names another key.
func (s *service) other(id string) error {
	if status, err := s.storage.Get(id); err == nil && status == "processed" {
		return nil
	}
	return s.storage.PutWithExpiration("last", id, time.Hour)
}
