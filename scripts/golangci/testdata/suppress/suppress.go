// Package suppress is copied into the end-to-end module by the test of scripts/golangci:
// each function holds one read-modify-write, and its comments show what the nolint
// comments of golangci-lint and the ignore directives of kvlint silence, and what they
// leave alone.
//
// No comment line here may begin with the word "nolint" unless it is meant as one:
// golangci-lint reads such a line in the package comment as a nolint for the whole file.
package suppress

import (
	"context"

	"github.com/cloudflare/cloudflare-go"
)

type (
	API    = cloudflare.API
	RC     = cloudflare.ResourceContainer
	Get    = cloudflare.GetWorkersKVParams
	Update = cloudflare.WriteWorkersKVEntryParams
)

// Silenced: golangci-lint's nolint names the linter.
func NolintKVLint(ctx context.Context, api *API, rc *RC, ns string) {
	v, _ := api.GetWorkersKV(ctx, rc, Get{NamespaceID: ns, Key: "a"})
	api.WriteWorkersKVEntry(ctx, rc, Update{NamespaceID: ns, Key: "a", Value: append(v, 'a')}) //nolint:kvlint // single writer
}

// Reported: the nolint names another linter.
func NolintOtherLinter(ctx context.Context, api *API, rc *RC, ns string) {
	v, _ := api.GetWorkersKV(ctx, rc, Get{NamespaceID: ns, Key: "b"})
	api.WriteWorkersKVEntry(ctx, rc, Update{NamespaceID: ns, Key: "b", Value: append(v, 'b')}) //nolint:errcheck // not kvlint's
}

// Reported on the second write only: an inline nolint covers its own line.
func NolintOneLine(ctx context.Context, api *API, rc *RC, ns string) {
	v, _ := api.GetWorkersKV(ctx, rc, Get{NamespaceID: ns, Key: "c"})
	api.WriteWorkersKVEntry(ctx, rc, Update{NamespaceID: ns, Key: "c", Value: append(v, 'c')}) //nolint:kvlint // single writer
	api.WriteWorkersKVEntry(ctx, rc, Update{NamespaceID: ns, Key: "c", Value: append(v, 'C')})
}

// Silenced: the directive names the analyzer that reports.
func IgnoreMatching(ctx context.Context, api *API, rc *RC, ns string) {
	v, _ := api.GetWorkersKV(ctx, rc, Get{NamespaceID: ns, Key: "d"})
	api.WriteWorkersKVEntry(ctx, rc, Update{NamespaceID: ns, Key: "d", Value: append(v, 'd')}) //kvlint:ignore kvrmw -- deploy-time migration, one writer
}

// Reported twice: the finding (the directive names another analyzer), and the directive,
// which silences nothing.
func IgnoreOtherAnalyzer(ctx context.Context, api *API, rc *RC, ns string) {
	v, _ := api.GetWorkersKV(ctx, rc, Get{NamespaceID: ns, Key: "e"})
	//kvlint:ignore kvwriteread -- the read is only logged
	api.WriteWorkersKVEntry(ctx, rc, Update{NamespaceID: ns, Key: "e", Value: append(v, 'e')})
}

// Reported on the last write only: a directive covers its line and the next.
func IgnoreTwoLines(ctx context.Context, api *API, rc *RC, ns string) {
	v, _ := api.GetWorkersKV(ctx, rc, Get{NamespaceID: ns, Key: "f"})
	//kvlint:ignore kvrmw -- one writer
	api.WriteWorkersKVEntry(ctx, rc, Update{NamespaceID: ns, Key: "f", Value: append(v, 'f')})
	api.WriteWorkersKVEntry(ctx, rc, Update{NamespaceID: ns, Key: "f", Value: append(v, 'F')})
}

// Reported twice: a directive without a reason is malformed and silences nothing.
func IgnoreWithoutReason(ctx context.Context, api *API, rc *RC, ns string) {
	v, _ := api.GetWorkersKV(ctx, rc, Get{NamespaceID: ns, Key: "g"})
	//kvlint:ignore kvrmw
	api.WriteWorkersKVEntry(ctx, rc, Update{NamespaceID: ns, Key: "g", Value: append(v, 'g')})
}
