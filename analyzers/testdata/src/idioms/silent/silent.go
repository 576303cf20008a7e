// Package silent holds shapes real code uses that no pass reports: retries of a failed
// write and rollback writes on a failure path.
package silent

import (
	"errors"
	"time"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

// A retry of a failed write with backoff.
func saveConfig(ns *wkv.Namespace, v string) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = ns.PutString("config:current", v, nil); err == nil {
			break
		}
		time.Sleep(time.Duration(i+1) * 100 * time.Millisecond)
	}
	return err
}

// A rollback: the plan is upgraded, and the old value written back only when the charge
// fails.
func upgrade(ns *wkv.Namespace, id string, charge func() error) error {
	old, err := ns.GetString("plan:"+id, nil)
	if err != nil {
		return err
	}
	if err := ns.PutString("plan:"+id, "pro", nil); err != nil {
		return err
	}
	if err := charge(); err != nil {
		if rerr := ns.PutString("plan:"+id, old, nil); rerr != nil {
			return errors.Join(err, rerr)
		}
		return err
	}
	return nil
}

// A rollback to a value the caller knows: write A, and on failure of the second step
// write the previous value back.
func rename(ns *wkv.Namespace, id, prev, next string, notify func(string) error) error {
	if err := ns.PutString("name:"+id, next, nil); err != nil {
		return err
	}
	if err := notify(next); err != nil {
		ns.PutString("name:"+id, prev, nil)
		return err
	}
	return nil
}

// A rollback by deleting what the first step wrote.
func register(ns *wkv.Namespace, id string, index func(string) error) error {
	if err := ns.PutString("user:"+id, "pending", nil); err != nil {
		return err
	}
	if err := index(id); err != nil {
		ns.Delete("user:" + id)
		return err
	}
	return nil
}
