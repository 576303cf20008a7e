// Package oldexists uses github.com/syumai/workers up to v0.27.
package oldexists

import "github.com/syumai/workers/cloudflare"

// Reported (kvexists): the error of GetString taken for "missing".
func reserve(ns *cloudflare.KVNamespace, slug string) {
	if _, err := ns.GetString(slug, nil); err != nil {
		ns.PutString(slug, "reserved", nil) // want `with the wrong signal`
	}
}
