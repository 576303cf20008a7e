package writeread

import (
	"testing"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

// Silent: a test reads back what the code under test wrote.
func TestSaveSettings(t *testing.T) {
	ns, _ := wkv.NewNamespace("TEST")
	ns.PutString("settings:u", "dark", nil)
	if v, _ := ns.GetString("settings:u", nil); v != "dark" {
		t.Fatal(v)
	}
}
