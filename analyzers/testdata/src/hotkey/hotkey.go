package hotkey

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"maps"
	"slices"
	"strconv"
	"time"

	cfv0 "github.com/cloudflare/cloudflare-go"
	cf "github.com/cloudflare/cloudflare-go/v6"
	"github.com/cloudflare/cloudflare-go/v6/kv"
	wkv "github.com/syumai/workers/cloudflare/kv"
	"golang.org/x/time/rate"
)

// --- in a loop ---

// Reported: a progress counter written per item.
func progress(ns *wkv.Namespace, items []string) {
	for i, it := range items {
		_ = it
		ns.PutString("import:progress", strconv.Itoa(i), nil) // want `hot KV key: KV key "import:progress" is written by Namespace.PutString in every iteration of this loop, beyond KV's one write per second per key; write the final value once after the loop, or use a key per item$`
	}
}

// Reported: the key is built from a parameter, the same in every iteration.
func statusUpdates(ns *wkv.Namespace, job string, steps []func() string) {
	for _, step := range steps {
		ns.PutString("job:"+job+":status", step(), nil) // want `hot KV key: the same KV key is written by Namespace.PutString in every iteration`
	}
}

// Silent: a loop paced by a channel, a ticker or a sleep writes at a rate kvlint
// cannot see (a heartbeat a minute is fine).
func perMessage(ns *wkv.Namespace, msgs <-chan string) { // want perMessage:"waits"
	for m := range msgs {
		if err := ns.PutString("last-message", m, nil); err != nil {
			fmt.Println("write failed:", err)
		}
	}
}

func heartbeat(ns *wkv.Namespace, t *time.Ticker, done <-chan struct{}) { // want heartbeat:"waits"
	for {
		select {
		case now := <-t.C:
			ns.PutString("heartbeat", now.String(), nil)
		case <-done:
			return
		}
	}
}

func poll(ns *wkv.Namespace, status func() string) { // want poll:"waits"
	for {
		ns.PutString("status", status(), nil)
		time.Sleep(time.Minute)
	}
}

// Reported: an error that is logged does not stop the loop: every iteration writes.
func logged(ns *wkv.Namespace, items []string) {
	for _, it := range items {
		if err := ns.PutString("last-item", it, nil); err != nil { // want `hot KV key: KV key "last-item"`
			fmt.Println("write failed:", err)
		}
	}
}

// Reported: a loop that returns on failure but writes on every successful iteration.
func returnsOnError(ns *wkv.Namespace, n int) error {
	for i := 0; i < n; i++ {
		if err := ns.PutString("counter", strconv.Itoa(i), nil); err != nil { // want `hot KV key`
			return err
		}
	}
	return nil
}

// Reported: cloudflare-go v0 and v6 in loops.
func v0Loop(ctx context.Context, api *cfv0.API, rc *cfv0.ResourceContainer, nsID string, vals [][]byte) {
	for _, v := range vals {
		api.WriteWorkersKVEntry(ctx, rc, cfv0.WriteWorkersKVEntryParams{NamespaceID: nsID, Key: "latest", Value: v}) // want `hot KV key: KV key "latest"`
	}
}

func v6Loop(ctx context.Context, client *cf.Client, nsID string, vals []string) {
	for _, v := range vals {
		client.KV.Namespaces.Values.Update(ctx, nsID, "latest", kv.NamespaceValueUpdateParams{Value: cf.F(v)}) // want `hot KV key: KV key "latest"`
	}
}

// Reported: through a wrapper.
type store struct{ ns *wkv.Namespace }

func (s *store) save(key, v string) error { return s.ns.PutString("s:"+key, v, nil) }

func wrapperLoop(s *store, vals []string) {
	for _, v := range vals {
		s.save("progress", v) // want `hot KV key: the same KV key is written by store.save`
	}
}

// Silent: a different key per iteration.
func perItem(ns *wkv.Namespace, items map[string]string) {
	for k, v := range items {
		ns.PutString("item:"+k, v, nil)
	}
	for i := 0; i < 10; i++ {
		ns.PutString(fmt.Sprintf("shard:%d", i), "x", nil)
	}
}

// Silent: the same key in a different namespace per iteration.
func perNamespace(bindings []string) {
	for _, b := range bindings {
		ns, _ := wkv.NewNamespace(b)
		ns.PutString("schema-version", "3", nil)
	}
}

// Silent: a loop that writes once and breaks or returns.
func firstMatch(ns *wkv.Namespace, items []string) error {
	for _, it := range items {
		if it != "" {
			ns.PutString("first", it, nil)
			break
		}
	}
	for _, it := range items {
		if it == "stop" {
			return ns.PutString("stopped", it, nil)
		}
	}
	return nil
}

// Silent: retries with backoff: the write runs again only after it failed.
func retry(ns *wkv.Namespace, v string) error {
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if err = ns.PutString("config", v, nil); err == nil {
			return nil
		}
		time.Sleep(time.Duration(attempt+1) * time.Second)
	}
	return err
}

// Silent: retries without a pause, written with err != nil and continue, or err == nil
// and return (the loop shape alone says "retry").
func retryContinue(ns *wkv.Namespace, v string) {
	for {
		if err := ns.PutString("config", v, nil); err != nil {
			continue
		}
		break
	}
}

func retryReturn(ns *wkv.Namespace, v string) error {
	var err error
	for i := 0; i < 3; i++ {
		if err = ns.PutString("config", v, nil); err == nil {
			return nil
		}
	}
	return err
}

// Silent: a retry whose result test kvhotkey cannot read (errors.Is): unsure, so quiet.
func retryUnknown(ns *wkv.Namespace, v string, errBusy error) {
	for i := 0; i < 3; i++ {
		err := ns.PutString("config", v, nil)
		if !errors.Is(err, errBusy) {
			break
		}
	}
}

// Silent: the write is after the loop.
func afterLoop(ns *wkv.Namespace, items []string) {
	total := 0
	for _, it := range items {
		total += len(it)
	}
	ns.PutString("total", strconv.Itoa(total), nil)
}

// Silent: a goroutine per item writes its own key; a closure is its own function.
func closures(ns *wkv.Namespace, items []string) {
	for _, it := range items {
		go func() { ns.PutString("item:"+it, "done", nil) }()
	}
}

// --- range-over-func loops ---

// Reported: the body of a range-over-func loop over a map's keys writes one key per
// element.
func lastKey(ns *wkv.Namespace, m map[string]string) {
	for k := range maps.Keys(m) {
		ns.PutString("last", k, nil) // want `hot KV key: KV key "last" is written by Namespace.PutString in every iteration of this loop`
	}
}

// Silent: a key per element (the iteration variable is a parameter of the body).
func copyAll(ns *wkv.Namespace, m map[string]string) {
	for k, v := range maps.All(m) {
		ns.PutString("copy:"+k, v, nil)
	}
}

// Silent: the body stops after the write, or writes only for some elements.
func firstValue(ns *wkv.Namespace, items []string) {
	for v := range slices.Values(items) {
		ns.PutString("first", v, nil)
		break
	}
	for v := range slices.Values(items) {
		if v == "" {
			continue
		}
		ns.PutString("last-nonempty", v, nil)
	}
}

// Silent: an iterator kvhotkey cannot see may wait between elements (a subscription).
func fromIterator(ns *wkv.Namespace, seq iter.Seq[string]) {
	for v := range seq {
		ns.PutString("latest", v, nil)
	}
}

// --- keys read from memory the loop changes ---

type event struct{ ID, Body string }

// Silent: the key is read from a variable declared before the loop that the loop
// fills again each time round (json.Unmarshal receives its address): e.ID differs per
// iteration although e is one variable.
func decodeReused(ns *wkv.Namespace, lines [][]byte) {
	var e event
	for _, line := range lines {
		if json.Unmarshal(line, &e) != nil {
			continue
		}
		ns.PutString("event:"+e.ID, e.Body, nil)
	}
}

func decodeStream(ns *wkv.Namespace, r io.Reader) error {
	dec := json.NewDecoder(r)
	var e event
	for dec.More() {
		if err := dec.Decode(&e); err != nil {
			return err
		}
		ns.PutString("event:"+e.ID, e.Body, nil)
	}
	return nil
}

// Silent: the fields are handed to rows.Scan through its variadic arguments.
func scanReused(ns *wkv.Namespace, rows *sql.Rows) error {
	var e event
	for rows.Next() {
		if err := rows.Scan(&e.ID, &e.Body); err != nil {
			return err
		}
		ns.PutString("event:"+e.ID, e.Body, nil)
	}
	return rows.Err()
}

// Silent: the variable's address is kept in a struct before the loop, and a method
// called in the loop fills it through that pointer.
type importer struct {
	cur   *event
	lines [][]byte
	pos   int
}

func (im *importer) advance() bool {
	if im.pos >= len(im.lines) {
		return false
	}
	json.Unmarshal(im.lines[im.pos], im.cur)
	im.pos++
	return true
}

func keptPointer(ns *wkv.Namespace, im *importer) {
	var e event
	im.cur = &e
	for im.advance() {
		ns.PutString("event:"+e.ID, e.Body, nil)
	}
}

// Reported: the variable is filled once, before the loop; the loop does not change it.
func decodedOnce(ns *wkv.Namespace, line []byte, items []string) {
	var e event
	json.Unmarshal(line, &e)
	for _, it := range items {
		ns.PutString("event:"+e.ID, it, nil) // want `hot KV key: the same KV key is written by Namespace.PutString in every iteration`
	}
}

type request struct{ Key, Value string }

// Silent: the loop stores a new key into the struct before each write.
func reusedRequest(ns *wkv.Namespace, req *request, keys []string) {
	for _, k := range keys {
		req.Key = k
		ns.PutString(req.Key, req.Value, nil)
	}
}

func reusedLocalRequest(ns *wkv.Namespace, keys []string) {
	var req request
	for _, k := range keys {
		req.Key = "item:" + k
		ns.PutString(req.Key, "1", nil)
	}
}

// Reported: the loop stores into another field, or only logs the request; the key
// field is the same each time.
func requestValueOnly(ns *wkv.Namespace, req *request, vals []string) {
	for _, v := range vals {
		req.Value = v
		ns.PutString(req.Key, req.Value, nil) // want `hot KV key: the same KV key is written by Namespace.PutString in every iteration`
	}
}

func requestLogged(ns *wkv.Namespace, req *request, vals []string) {
	for _, v := range vals {
		fmt.Printf("writing %v\n", req)
		ns.PutString(req.Key, v, nil) // want `hot KV key: the same KV key is written by Namespace.PutString in every iteration`
	}
}

type cursor struct {
	rows []string
	pos  int
	id   string
}

// Next advances the cursor: it writes c.id through its pointer receiver.
func (c *cursor) Next() bool {
	if c.pos >= len(c.rows) {
		return false
	}
	c.id = c.rows[c.pos]
	c.pos++
	return true
}

// Name only reads the cursor.
func (c *cursor) Name() string { return "cursor:" + c.id }

// Silent: the key field is advanced by a method called in the loop.
func advancedCursor(ns *wkv.Namespace, c *cursor) {
	for c.Next() {
		ns.PutString("row:"+c.id, "seen", nil)
	}
}

// Reported: a method that only reads the cursor does not change the key.
func readOnlyCursor(ns *wkv.Namespace, c *cursor, vals []string) {
	for _, v := range vals {
		_ = c.Name()
		ns.PutString("row:"+c.id, v, nil) // want `hot KV key: the same KV key is written by Namespace.PutString in every iteration`
	}
}

type job struct {
	ns *wkv.Namespace
	id string
}

func (j *job) setStatus(s string) error { return j.ns.PutString("job:"+j.id+":status", s, nil) }

// Reported: a wrapper method handed its struct reads the key from it but changes
// nothing in it (the KV call it makes writes nothing of the caller's).
func jobSteps(j *job, steps []string) {
	for _, s := range steps {
		j.setStatus(s) // want `hot KV key: the same KV key is written by job.setStatus in every iteration`
	}
}

// Silent: a function of the package called in the loop sets the package variable the
// key is read from.
var currentShard string

func advanceShard(i int) { currentShard = "shard:" + strconv.Itoa(i) }

func globalAdvanced(ns *wkv.Namespace, n int) {
	for i := 0; i < n; i++ {
		advanceShard(i)
		ns.PutString(currentShard, "open", nil)
	}
}

// Reported: a package variable that nothing in the loop changes.
var statusKey = "status"

func globalKey(ns *wkv.Namespace, items []string) {
	for _, it := range items {
		ns.PutString(statusKey, it, nil) // want `hot KV key: the same KV key is written by Namespace.PutString in every iteration`
	}
}

// --- loops kvlint cannot time, or that do not write every time round ---

// Silent: a rate limiter paces the loop (Wait blocks until the next token).
func limited(ctx context.Context, ns *wkv.Namespace, lim *rate.Limiter, status func() string) error { // want limited:"waits"
	for {
		if err := lim.Wait(ctx); err != nil {
			return err
		}
		ns.PutString("heartbeat", status(), nil)
	}
}

// Silent: a helper of the package waits (it sleeps, or receives from a channel), at any
// depth of calls; the helpers carry the fact "waits" for other packages of the module.
func pause() { time.Sleep(time.Minute) } // want pause:"waits"

func waitTurn() { pause() } // want waitTurn:"waits"

func nextTick(ctx context.Context, t *time.Ticker) bool { // want nextTick:"waits"
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

func sleepHelper(ns *wkv.Namespace, status func() string) { // want sleepHelper:"waits"
	for {
		ns.PutString("status", status(), nil)
		waitTurn()
	}
}

func selectHelper(ctx context.Context, ns *wkv.Namespace, t *time.Ticker, status func() string) { // want selectHelper:"waits"
	for nextTick(ctx, t) {
		ns.PutString("status", status(), nil)
	}
}

// Reported: a helper that does not wait does not pace the loop.
func note(s string) string { return "processed " + s }

func notPaced(ns *wkv.Namespace, items []string) {
	for _, it := range items {
		ns.PutString("last-note", note(it), nil) // want `hot KV key: KV key "last-note"`
	}
}

// Silent: the write runs only when a condition holds, and kvhotkey cannot tell how
// often that is: a checkpoint every five seconds, every hundredth item, or only for
// some items.
func checkpointByTime(ns *wkv.Namespace, items []string, process func(string)) {
	last := time.Now()
	for i, it := range items {
		process(it)
		if time.Since(last) >= 5*time.Second {
			ns.PutString("backfill:checkpoint", strconv.Itoa(i), nil)
			last = time.Now()
		}
	}
}

func checkpointByCount(ns *wkv.Namespace, items []string) {
	for i := range items {
		if i%100 == 0 {
			ns.PutString("backfill:checkpoint", strconv.Itoa(i), nil)
		}
	}
}

func filtered(ns *wkv.Namespace, items []string) {
	for _, it := range items {
		if it != "urgent" {
			continue
		}
		ns.PutString("last-urgent", it, nil)
	}
}

// Reported: a condition beside the write does not guard it; the write still runs in
// every iteration.
func besideCondition(ns *wkv.Namespace, items []string) {
	for i, it := range items {
		if it == "" {
			fmt.Println("empty item", i)
		}
		ns.PutString("import:progress", strconv.Itoa(i), nil) // want `hot KV key: KV key "import:progress" is written by Namespace.PutString in every iteration of this loop, beyond KV`
	}
}

// Reported: iterations that fail skip the write, every other one writes: failures are
// the exception, so the key is still written about once per item.
func skipsFailures(ns *wkv.Namespace, items []string, process func(string) (string, error)) {
	for _, it := range items {
		v, err := process(it)
		if err != nil {
			continue
		}
		ns.PutString("last-result", v, nil) // want `hot KV key: KV key "last-result" is written by Namespace.PutString in every iteration of this loop that does not fail before it, beyond KV`
	}
}

// Silent: the loop does not go round again after the write: the way back to its test
// sets done, and the test then leaves.
func runOnce(ns *wkv.Namespace, v string) {
	done := false
	for !done {
		ns.PutString("once", v, nil)
		done = true
	}
}

func pollUntilReady(ns *wkv.Namespace, check func() (string, bool)) {
	done := false
	for !done {
		v, ok := check()
		if !ok {
			fmt.Println("not ready")
			continue
		}
		ns.PutString("ready", v, nil)
		done = true
	}
}

// Reported: the loop goes round again while check says so.
func runWhile(ns *wkv.Namespace, v string, check func() bool) {
	done := false
	for !done {
		ns.PutString("while", v, nil) // want `hot KV key: KV key "while"`
		done = check()
	}
}

// --- twice on one path ---

// Reported: a status written twice in one request.
func startedDone(ns *wkv.Namespace, job string, work func()) {
	ns.PutString("job:"+job, "started", nil)
	work()
	ns.PutString("job:"+job, "done", nil) // want `hot KV key: the same KV key is written again by Namespace.PutString after the Namespace.PutString above on the same path, beyond KV's one write per second per key; write the final value once$`
}

// Reported: the second write after the first succeeded.
func afterSuccess(ns *wkv.Namespace) error {
	if err := ns.PutString("k", "1", nil); err != nil {
		return err
	}
	return ns.PutString("k", "2", nil) // want `hot KV key: KV key "k" is written again`
}

// Reported: cloudflare-go v6, twice.
func v6Twice(ctx context.Context, client *cf.Client, nsID string) {
	client.KV.Namespaces.Values.Update(ctx, nsID, "k", kv.NamespaceValueUpdateParams{Value: cf.F("a")})
	client.KV.Namespaces.Values.Update(ctx, nsID, "k", kv.NamespaceValueUpdateParams{Value: cf.F("b")}) // want `hot KV key`
}

// Silent: one write per path.
func onePerPath(ns *wkv.Namespace, ok bool) {
	if ok {
		ns.PutString("state", "ok", nil)
	} else {
		ns.PutString("state", "failed", nil)
	}
}

// Silent: one write per path, as two ifs on a condition and its negation.
func onePerPathTwoIfs(ns *wkv.Namespace, ok bool) {
	if ok {
		ns.PutString("state", "ok", nil)
	}
	if !ok {
		ns.PutString("state", "failed", nil)
	}
}

func onePerPathNegated(ns *wkv.Namespace, ok bool) {
	failed := !ok
	if ok {
		ns.PutString("state", "ok", nil)
	}
	if failed {
		ns.PutString("state", "failed", nil)
	}
}

// Reported: two ifs on the same condition both write when it holds.
func sameCondition(ns *wkv.Namespace, ok bool) {
	if ok {
		ns.PutString("state", "checked", nil)
	}
	if ok {
		ns.PutString("state", "ok", nil) // want `hot KV key: KV key "state" is written again`
	}
}

// Silent: a retry after a failed write.
func retryOnce(ns *wkv.Namespace, v string) error {
	if err := ns.PutString("k", v, nil); err != nil {
		return ns.PutString("k", v, nil)
	}
	return nil
}

// Silent: two keys, two namespaces, unknown keys.
func different(a, b *wkv.Namespace, k1, k2 string) {
	a.PutString("k", "1", nil)
	b.PutString("k", "1", nil)
	a.PutString(k1, "1", nil)
	a.PutString(k2, "1", nil)
}

// Silent: a put and a delete are left alone (a delete after a put is a cleanup).
func putDelete(ns *wkv.Namespace) {
	ns.PutString("tmp", "1", nil)
	ns.Delete("tmp")
}

// Silent: a directive with a reason.
func suppressed(ns *wkv.Namespace) {
	ns.PutString("k", "1", nil)
	//kvlint:ignore kvhotkey -- written once a day by the cron trigger; the second write is the commit marker
	ns.PutString("k", "2", nil)
}
