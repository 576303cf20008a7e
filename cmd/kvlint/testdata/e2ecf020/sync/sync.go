// Package sync is a command-line tool's KV code on github.com/cloudflare/cloudflare-go
// v0.20.0, the positional API before the params structs: ReadWorkersKV, WriteWorkersKV,
// ListWorkersKVsWithOptions, ListWorkersKVNamespaces, DeleteWorkersKVBulk.
package sync

import (
	"context"
	"strconv"
	"strings"

	"github.com/cloudflare/cloudflare-go"
)

// Stamp writes the release into every namespace of the account: one write per namespace,
// each a different entry.
func Stamp(ctx context.Context, api *cloudflare.API, release string) error {
	spaces, err := api.ListWorkersKVNamespaces(ctx)
	if err != nil {
		return err
	}
	for _, s := range spaces {
		if _, err := api.WriteWorkersKV(ctx, s.ID, "release", []byte(release)); err != nil {
			return err
		}
	}
	return nil
}

// Lowercase rewrites every value under a prefix: each is read and written back changed.
func Lowercase(ctx context.Context, api *cloudflare.API, ns, prefix string) error {
	res, err := api.ListWorkersKVsWithOptions(ctx, ns, cloudflare.ListWorkersKVsOptions{Prefix: &prefix})
	if err != nil {
		return err
	}
	for _, k := range res.Result {
		v, err := api.ReadWorkersKV(ctx, ns, k.Name)
		if err != nil {
			return err
		}
		if _, err := api.WriteWorkersKV(ctx, ns, k.Name, []byte(strings.ToLower(string(v)))); err != nil {
			return err
		}
	}
	return nil
}

// Runs counts the tool's runs in one key.
func Runs(ctx context.Context, api *cloudflare.API, ns string) error {
	v, err := api.ReadWorkersKV(ctx, ns, "runs")
	if err != nil {
		return err
	}
	n, _ := strconv.Atoi(string(v))
	_, err = api.WriteWorkersKV(ctx, ns, "runs", []byte(strconv.Itoa(n+1)))
	return err
}

// Publish writes a key and lists the prefix: a listing is no read of the entry written.
func Publish(ctx context.Context, api *cloudflare.API, ns, name, v string) (int, error) {
	if _, err := api.WriteWorkersKV(ctx, ns, "pub:"+name, []byte(v)); err != nil {
		return 0, err
	}
	prefix := "pub:"
	res, err := api.ListWorkersKVsWithOptions(ctx, ns, cloudflare.ListWorkersKVsOptions{Prefix: &prefix})
	return len(res.Result), err
}

// Prune deletes what a prefix lists, in one bulk call.
func Prune(ctx context.Context, api *cloudflare.API, ns, prefix string) error {
	res, err := api.ListWorkersKVsWithOptions(ctx, ns, cloudflare.ListWorkersKVsOptions{Prefix: &prefix})
	if err != nil {
		return err
	}
	var keys []string
	for _, k := range res.Result {
		keys = append(keys, k.Name)
	}
	_, err = api.DeleteWorkersKVBulk(ctx, ns, keys)
	return err
}
