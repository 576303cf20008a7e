package typesonly // want package:`kv`

// typesonly imports a client but calls no KV operation: it is marked (importers may
// call KV through its types) but builds no SSA.

import wkv "github.com/syumai/workers/cloudflare/kv"

type Env struct{ NS *wkv.Namespace }

func Open() (*wkv.Namespace, error) { return wkv.NewNamespace("KV") }
