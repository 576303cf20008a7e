// Package flags reads feature flags through a read-through cache: nothing to report.
package flags

import "github.com/syumai/workers/cloudflare/kv"

func Flag(name string, origin func(string) string) string {
	ns, _ := kv.NewNamespace("FLAGS")
	v, _ := ns.GetString("flag:"+name, &kv.GetOptions{CacheTTL: 60})
	if v != "<null>" {
		return v
	}
	fresh := origin(name)
	ns.PutString("flag:"+name, fresh, &kv.PutOptions{ExpirationTTL: 300})
	return fresh
}
