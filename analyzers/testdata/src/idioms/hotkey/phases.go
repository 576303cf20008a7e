package hotkey

import (
	"time"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

// Silent: a job's status written before and after a loop that writes each item (a round
// trip each): as far apart as the loop is long.
func settle(ns *wkv.Namespace, job string, items []string) {
	ns.PutString("job:"+job, "settling", nil)
	for _, it := range items {
		ns.PutString("item:"+it, "settled", nil)
	}
	ns.PutString("job:"+job, "settled", nil)
}

// Silent: the loop between the two writes waits in its body.
func drainSlowly(ns *wkv.Namespace, job string, batches [][]string) {
	ns.PutString("job:"+job, "draining", nil)
	for range batches {
		time.Sleep(time.Second)
	}
	ns.PutString("job:"+job, "drained", nil)
}

// Reported: the loop between the two writes only computes in memory.
func tally(ns *wkv.Namespace, job string, amounts []int) {
	ns.PutString("job:"+job, "counting", nil)
	total := 0
	for _, a := range amounts {
		total += a
	}
	if total > 0 {
		ns.PutString("job:"+job, "counted", nil) // want `hot KV key: the same KV key is written again by Namespace.PutString after the Namespace.PutString above on the same path`
	}
}
