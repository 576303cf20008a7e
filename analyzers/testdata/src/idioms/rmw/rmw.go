// Package rmw holds the shapes real code gives kvrmw: retry loops around a
// read-modify-write, counters parsed with strconv.Atoi, and keys built by helpers reading
// package configuration.
package rmw

import (
	"errors"
	"strconv"
	"time"

	wkv "github.com/syumai/workers/cloudflare/kv"
)

// Reported: the retry re-reads and re-writes on failure, but each attempt is still a
// read-modify-write of one key.
func incrRetry(ns *wkv.Namespace) error {
	for i := 0; i < 3; i++ {
		v, err := ns.GetString("visits", nil)
		if err != nil {
			time.Sleep(100 * time.Millisecond)
			continue
		}
		n, _ := strconv.Atoi(v)
		if err := ns.PutString("visits", strconv.Itoa(n+1), nil); err == nil { // want `read-modify-write of KV key "visits"`
			return nil
		}
		time.Sleep(time.Duration(i+1) * 100 * time.Millisecond)
	}
	return errors.New("visits: gave up after 3 attempts")
}

// Reported: strconv.Atoi turns "<null>" into 0, and n+1 is written back.
func bump(ns *wkv.Namespace, id string) error {
	v, err := ns.GetString("hits:"+id, nil)
	if err != nil {
		return err
	}
	n, _ := strconv.Atoi(v)
	return ns.PutString("hits:"+id, strconv.Itoa(n+1), nil) // want `read-modify-write of the same KV key`
}

var prefix = "prod"

var env struct{ Prefix string }

func poolKey() string { return prefix + ":pool" }

func quotaKey() string { return env.Prefix + ":quota" }

// Reported: poolKey reads only package configuration, the same at both calls.
func take(ns *wkv.Namespace) error {
	v, err := ns.GetString(poolKey(), nil)
	if err != nil {
		return err
	}
	n, _ := strconv.Atoi(v)
	return ns.PutString(poolKey(), strconv.Itoa(n-1), nil) // want `read-modify-write of the same KV key`
}

// Reported: the same through a field of a package variable.
func spend(ns *wkv.Namespace) error {
	v, _ := ns.GetString(quotaKey(), nil)
	n, _ := strconv.Atoi(v)
	return ns.PutString(quotaKey(), strconv.Itoa(n-1), nil) // want `read-modify-write of the same KV key`
}

// Silent: the function sets the configuration between the two calls: two keys.
func migrate(ns *wkv.Namespace) error {
	v, _ := ns.GetString(poolKey(), nil)
	prefix = "next"
	return ns.PutString(poolKey(), v, nil)
}

// Silent: the same through the field.
func migrateQuota(ns *wkv.Namespace) error {
	v, _ := ns.GetString(quotaKey(), nil)
	env.Prefix = "next"
	return ns.PutString(quotaKey(), v, nil)
}

func setPrefix(p string) { prefix = p }

// Silent: a function of the package called in between sets it.
func migrateCall(ns *wkv.Namespace) error {
	v, _ := ns.GetString(poolKey(), nil)
	setPrefix("next")
	return ns.PutString(poolKey(), v, nil)
}

var counter int

func nextKey() string {
	counter++
	return "slot:" + strconv.Itoa(counter)
}

// Silent: the helper changes package state itself: each call is another key.
func rotate(ns *wkv.Namespace) error {
	v, _ := ns.GetString(nextKey(), nil)
	return ns.PutString(nextKey(), v+"x", nil)
}

// Reported: the value read is written back when the step succeeded, not as a rollback.
func touch(ns *wkv.Namespace, id string, step func() error) error {
	old, _ := ns.GetString("plan:"+id, nil)
	ns.PutString("plan:"+id, "pending", nil)
	if err := step(); err != nil {
		return err
	}
	return ns.PutString("plan:"+id, old+":touched", nil) // want `read-modify-write of the same KV key`
}
