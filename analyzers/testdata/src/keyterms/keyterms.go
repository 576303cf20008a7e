package keyterms // want package:`kv`

// keyterms holds functions whose two operations name different keys although
// the keys are spelled alike: kvapi's TestStatefulMethodsBuildNoKey checks that their
// terms differ.

import (
	"strings"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

// A strings.Reader's ReadByte returns the next byte each time: two calls are two keys.
func readerBytes(ns *wkv.Namespace, data string) {
	r := strings.NewReader(data)
	b1, _ := r.ReadByte()
	ns.PutString("k:"+string(b1), "x", nil)
	b2, _ := r.ReadByte()
	ns.PutString("k:"+string(b2), "x", nil)
}

// A strings.Builder's String returns what was written so far.
func builder(ns *wkv.Namespace) {
	var sb strings.Builder
	sb.WriteString("a")
	ns.PutString(sb.String(), "x", nil)
	sb.WriteString("b")
	ns.PutString(sb.String(), "x", nil)
}
