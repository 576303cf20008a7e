package wgexists

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/syumai/workers-go/cloudflare/kv"
	okv "github.com/syumai/workers/cloudflare/kv"
)

type session struct{ User string }

// Reported (kvexists): code written for syumai/workers up to v0.33 still tests
// "<null>"; on workers-go a missing key is an error, so the function fails for it
// instead of answering "no session".
func loadSession(ns *kv.Namespace, id string) (*session, error) {
	raw, err := ns.GetString("sess:"+id, nil)
	if err != nil {
		return nil, fmt.Errorf("read session: %w", err)
	}
	if raw == "<null>" { // want `Namespace.GetString returns kv.ErrNotFound for a missing key, never "<null>": this test never sees one; test errors.Is\(err, kv.ErrNotFound\)$`
		return nil, nil
	}
	var s session
	return &s, json.Unmarshal([]byte(raw), &s)
}

// Reported (kvexists): the same through the old import path, now aliases of workers-go,
// and with "" beside it (what a missing key's value is, with the error).
func loadSessionOld(ns *okv.Namespace, id string) ([]byte, error) {
	raw, err := ns.GetString("sess:"+id, nil)
	if err != nil {
		return nil, err
	}
	if raw == "" || raw == "<null>" { // want `Namespace.GetString returns kv.ErrNotFound for a missing key, never "<null>"`
		return nil, nil
	}
	return []byte(raw), nil
}

// Silent: migrated code testing the sentinel, with the old "<null>" test left beside
// it; the missing key is seen.
func loadSessionMigrated(ns *kv.Namespace, id string) (string, error) {
	raw, err := ns.GetString("sess:"+id, nil)
	if errors.Is(err, kv.ErrNotFound) || raw == "<null>" {
		return "", nil
	}
	return raw, err
}

// Silent: "" alone is what a missing key's value is on workers-go.
func loadName(ns *kv.Namespace, id string) string {
	v, _ := ns.GetString("name:"+id, nil)
	if v == "" {
		return "anonymous"
	}
	return v
}
