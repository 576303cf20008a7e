package rmw

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/cloudflare/cloudflare-go"
)

// tickets keeps one JSON record per (queue, seq) over the REST API (cloudflare-go v0).
type tickets struct {
	api     *cloudflare.API
	account string
	ns      string
}

type ticket struct {
	Queue   string
	Seq     int64
	Tries   int
	Touched time.Time
}

func (t *tickets) load(ctx context.Context, queue string, seq int64) (*ticket, error) {
	b, err := t.api.GetWorkersKV(ctx, cloudflare.AccountIdentifier(t.account), cloudflare.GetWorkersKVParams{
		NamespaceID: t.ns, Key: fmt.Sprintf("t/%s/%d", queue, seq),
	})
	if err != nil {
		return nil, err
	}
	var tk ticket
	if err := json.Unmarshal(b, &tk); err != nil {
		return nil, err
	}
	return &tk, nil
}

// save stamps its key parameters into the record before writing it: the record, not
// queue or seq, is the value written.
func (t *tickets) save(ctx context.Context, queue string, seq int64, tk *ticket) error {
	tk.Queue, tk.Seq = queue, seq
	if tk.Touched.IsZero() {
		tk.Touched = time.Now()
	}
	b, err := json.Marshal(tk)
	if err != nil {
		return err
	}
	_, err = t.api.WriteWorkersKVEntry(ctx, cloudflare.AccountIdentifier(t.account), cloudflare.WriteWorkersKVEntryParams{
		NamespaceID: t.ns, Key: fmt.Sprintf("t/%s/%d", queue, seq), Value: b,
	})
	return err
}

// Reported: load, count one more try, save the same (queue, seq).
func (t *tickets) retry(ctx context.Context, queue string, seq int64) error {
	tk, err := t.load(ctx, queue, seq)
	if err != nil {
		return err
	}
	tk.Tries++
	return t.save(ctx, queue, seq, tk) // want `read-modify-write of the same KV key`
}

// Silent: the record read is saved under the next sequence number, another entry.
func (t *tickets) requeue(ctx context.Context, queue string, seq int64) error {
	tk, err := t.load(ctx, queue, seq)
	if err != nil {
		return err
	}
	return t.save(ctx, queue, seq+1, tk)
}

// Silent: a fresh record saved under the key is not built from a read.
func (t *tickets) open(ctx context.Context, queue string, seq int64) error {
	return t.save(ctx, queue, seq, &ticket{})
}
