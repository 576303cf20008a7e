package hotkey

import (
	"errors"
	"time"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

// Silent: a two-step move retried as a unit. The loop goes round only after a write
// failed, and the undo of the first step runs only when the second failed.
func move(ns *wkv.Namespace, from, to, v string) error {
	wait := 20 * time.Millisecond
	for try := 0; try < 4; try++ {
		if err := ns.PutString("slot:"+from, "", nil); err != nil {
			time.Sleep(wait)
			wait *= 2
			continue
		}
		if err := ns.PutString("slot:"+to, v, nil); err != nil {
			if undo := ns.PutString("slot:"+from, v, nil); undo != nil {
				return errors.Join(err, undo)
			}
			time.Sleep(wait)
			wait *= 2
			continue
		}
		return nil
	}
	return errors.New("move: gave up")
}

// Reported: the same two steps, but the loop goes on after a successful move, so the
// first slot is cleared in every iteration.
func drain(ns *wkv.Namespace, from string, dests []string) {
	for _, to := range dests {
		if err := ns.PutString("slot:"+from, "", nil); err != nil { // want `hot KV key: the same KV key is written by Namespace.PutString in every iteration of this loop`
			continue
		}
		if err := ns.PutString("slot:"+to, "moved", nil); err != nil {
			ns.PutString("slot:"+from, "moved", nil)
		}
	}
}
