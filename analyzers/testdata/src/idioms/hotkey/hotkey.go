// Package hotkey holds the shapes real code gives kvhotkey: retries of a failed write
// and goroutines or closures elsewhere in the function.
package hotkey

import (
	"log"
	"strconv"
	"time"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

type Store struct{ ns *wkv.Namespace }

func (s *Store) put(k, v string) error { return s.ns.PutString(k, v, nil) }

// Silent: a retry that goes round only after a failed write, with backoff.
func (s *Store) saveConfig(v string) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = s.put("config:current", v); err == nil {
			break
		}
		time.Sleep(time.Duration(i+1) * 100 * time.Millisecond)
	}
	return err
}

// Silent: the same retry written with return on success and a doubling backoff.
func saveState(ns *wkv.Namespace, v string) error {
	backoff := 50 * time.Millisecond
	var err error
	for attempt := 0; attempt < 5; attempt++ {
		err = ns.PutString("state", v, nil)
		if err == nil {
			return nil
		}
		log.Printf("put state: %v, retrying in %v", err, backoff)
		time.Sleep(backoff)
		backoff *= 2
	}
	return err
}

// Silent: continue on failure, break after the first write that succeeds.
func saveMarker(ns *wkv.Namespace) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = ns.PutString("marker", "1", nil); err != nil {
			time.Sleep(time.Second)
			continue
		}
		break
	}
	return err
}

// Reported: a goroutine elsewhere in the function does not hide the fixed key written
// in every iteration.
func importAll(ns *wkv.Namespace, items []string) {
	go func() { log.Println("import started", len(items)) }()
	for i := range items {
		ns.PutString("import:progress", strconv.Itoa(i), nil) // want `hot KV key: KV key "import:progress" is written by Namespace.PutString in every iteration of this loop`
	}
}

// Reported: a closure logging each item, called in the loop, does not pace it.
func importLogged(ns *wkv.Namespace, items []string) {
	logf := func(format string, args ...any) { log.Printf(format, args...) }
	for i, it := range items {
		logf("item %s", it)
		ns.PutString("import:progress", strconv.Itoa(i), nil) // want `hot KV key: KV key "import:progress" is written by Namespace.PutString in every iteration of this loop`
	}
	go func() { logf("done") }()
}

// Silent: the closure called in the loop waits.
func importPaced(ns *wkv.Namespace, items []string) {
	pause := func() { time.Sleep(time.Second) }
	for i := range items {
		ns.PutString("import:progress", strconv.Itoa(i), nil)
		pause()
	}
}

// Reported: the second write runs when the step succeeded: two writes in every request
// that works (the neighbour of a rollback, which writes only when the step failed).
func publish(ns *wkv.Namespace, id string, step func() error) error {
	if err := ns.PutString("job:"+id, "running", nil); err != nil {
		return err
	}
	if err := step(); err == nil {
		ns.PutString("job:"+id, "done", nil) // want `hot KV key: the same KV key is written again by Namespace.PutString after the Namespace.PutString above on the same path`
	}
	return nil
}
