package idioms

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"github.com/cloudflare/cloudflare-go"
)

// members is a member registry over the REST API (cloudflare-go v0): loadMember and
// putMember are wrappers, putMember keyed on a field of the record it is given.
type members struct {
	api     *cloudflare.API
	account string
	ns      string
}

type member struct {
	Handle string
	Karma  int
}

func memberKey(handle string) string { return "m:" + strings.ToLower(handle) }

func (m *members) loadMember(ctx context.Context, handle string) (*member, error) {
	b, err := m.api.GetWorkersKV(ctx, cloudflare.AccountIdentifier(m.account), cloudflare.GetWorkersKVParams{NamespaceID: m.ns, Key: memberKey(handle)})
	if err != nil {
		return nil, err
	}
	var mb member
	if err := json.Unmarshal(b, &mb); err != nil {
		return nil, err
	}
	return &mb, nil
}

func (m *members) putMember(ctx context.Context, mb *member) error {
	b, err := json.Marshal(mb)
	if err != nil {
		return err
	}
	_, err = m.api.WriteWorkersKVEntry(ctx, cloudflare.AccountIdentifier(m.account), cloudflare.WriteWorkersKVEntryParams{NamespaceID: m.ns, Key: memberKey(mb.Handle), Value: b})
	return err
}

// Reported: a handle claimed if nobody has it, the new record a literal keyed on its field.
func (m *members) join(ctx context.Context, handle string) error {
	existing, err := m.loadMember(ctx, handle)
	if err == nil && existing != nil {
		return errors.New("handle taken")
	}
	return m.putMember(ctx, &member{Handle: handle}) // want `check-then-act on the same KV key: the value members.loadMember read decides this members.putMember`
}

// Silent: the literal is keyed on another handle.
func (m *members) invite(ctx context.Context, handle, guest string) error {
	if _, err := m.loadMember(ctx, handle); err != nil {
		return err
	}
	return m.putMember(ctx, &member{Handle: guest})
}

// Silent: the record's handle may be changed by normalise before the save, so which entry
// it writes is not known here.
func (m *members) joinNormalised(ctx context.Context, handle string) error {
	existing, err := m.loadMember(ctx, handle)
	if err == nil && existing != nil {
		return errors.New("handle taken")
	}
	mb := &member{Handle: handle}
	normalise(mb)
	return m.putMember(ctx, mb)
}

func normalise(mb *member) { mb.Handle = strings.TrimSpace(mb.Handle) }

// Reported at the first save only: after it the record has been handed to a call, which
// could have changed its handle, so the second save's entry is not known.
func (m *members) joinWithKarma(ctx context.Context, handle string) error {
	existing, err := m.loadMember(ctx, handle)
	if err == nil && existing != nil {
		return errors.New("handle taken")
	}
	mb := &member{Handle: handle}
	if err := m.putMember(ctx, mb); err != nil { // want `check-then-act on the same KV key: the value members.loadMember read decides this members.putMember`
		return err
	}
	mb.Karma = 1
	return m.putMember(ctx, mb)
}
