package viaimport // want package:`kv`

// viaimport imports no client itself, only a package that does: it calls KV through
// the imported type, so it builds SSA.

import "bailout/typesonly"

func Get(e typesonly.Env) string { // want Get:`kv get key="k" ns=\$0.NS result=0`
	v, _ := e.NS.GetString("k", nil)
	return v
}
