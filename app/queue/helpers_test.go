package queue_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"
	"github.com/rs/zerolog"

	"github.com/pipewright/pipewright/app/queue"
	"github.com/pipewright/pipewright/app/store"
)

// recorder is shared by every engine of a test (one per replica) and sees
// all processing, so it can check ordering and exclusivity across replicas.
type recorder struct {
	mu      sync.Mutex
	log     []string           // "process <delivery>" / "effect <id>", in order
	seqs    map[string][]int64 // session -> seqs committed, in commit order
	applied map[string]int     // delivery id -> successful commits
	active  sync.Map           // session -> *atomic.Int32 (calls in Process now)
	overlap atomic.Int32       // times two Process calls for one session overlapped
	changed chan struct{}      // poked on every change
}

func newRecorder() *recorder {
	return &recorder{seqs: map[string][]int64{}, applied: map[string]int{}, changed: make(chan struct{}, 1)}
}

func (r *recorder) note(f func()) {
	r.mu.Lock()
	f()
	r.mu.Unlock()
	select {
	case r.changed <- struct{}{}:
	default:
	}
}

// waitFor blocks until cond (evaluated under the lock) holds, failing the
// test at the deadline. It wakes on each recorded change, no sleeping.
func (r *recorder) waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.NewTimer(60 * time.Second)
	defer deadline.Stop()
	for {
		r.mu.Lock()
		ok := cond()
		r.mu.Unlock()
		if ok {
			return
		}
		select {
		case <-r.changed:
		case <-deadline.C:
			r.mu.Lock()
			defer r.mu.Unlock()
			t.Fatalf("timed out waiting for %s; log so far: %v", what, r.log)
		}
	}
}

func (r *recorder) total() (n int) {
	for _, v := range r.applied {
		n += v
	}
	return n
}

// engine is a minimal Processor: the session is the JSON list of applied
// delivery ids, and each item leaves one "reply" effect.
type engine struct {
	st   *store.Store
	rec  *recorder
	hook func(ctx context.Context, item store.InboxItem) error // runs before commit
}

func (e *engine) Process(ctx context.Context, item store.InboxItem) error {
	c, _ := e.rec.active.LoadOrStore(item.SessionKey, new(atomic.Int32))
	if n := c.(*atomic.Int32).Add(1); n > 1 && item.SessionKey != "" {
		e.rec.overlap.Add(1)
	}
	defer c.(*atomic.Int32).Add(-1)
	if e.hook != nil {
		if err := e.hook(ctx, item); err != nil {
			return err
		}
	}
	var ids []string
	data, version, err := e.st.LoadSession(ctx, item.SessionKey)
	if item.SessionKey != "" && err == nil {
		if err := json.Unmarshal(data, &ids); err != nil {
			return err
		}
	} else if item.SessionKey != "" && !errors.Is(err, store.ErrNotFound) {
		return err
	}
	ids = append(ids, item.ID)
	data, _ = json.Marshal(ids)
	var effects []store.Effect
	if item.SessionKey != "" {
		effects = []store.Effect{{ID: item.ID + "/0", Kind: "reply", Payload: []byte(item.ID)}}
	}
	_, err = e.st.Commit(ctx, item.SessionKey, data, version, item.Seq, effects)
	if errors.Is(err, store.ErrAlreadyProcessed) {
		return nil
	}
	if err != nil {
		return err
	}
	e.rec.note(func() {
		e.rec.log = append(e.rec.log, "process "+item.ID)
		e.rec.seqs[item.SessionKey] = append(e.rec.seqs[item.SessionKey], item.Seq)
		e.rec.applied[item.ID]++
	})
	return e.RunEffects(ctx, item.SessionKey)
}

func (e *engine) RunEffects(ctx context.Context, key string) error {
	pending, err := e.st.PendingEffects(ctx, key)
	if err != nil {
		return err
	}
	for _, ef := range pending {
		e.rec.note(func() { e.rec.log = append(e.rec.log, "effect "+ef.ID) })
		if err := e.st.MarkEffectDone(ctx, ef.ID, "ok"); err != nil {
			return err
		}
	}
	return nil
}

type fastRetry struct{}

func (fastRetry) NextRetry(*rivertype.JobRow) time.Time { return time.Now().Add(20 * time.Millisecond) }

// fastOpts make tests quick without changing semantics.
var fastOpts = []queue.Option{
	queue.WithFetchIntervals(5*time.Millisecond, 50*time.Millisecond),
	queue.WithSnooze(10 * time.Millisecond),
	queue.WithRetryPolicy(fastRetry{}),
	queue.WithLogger(zerolog.Nop()),
}

func openStore(t testing.TB, dsn string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { _ = st.Close() })
	return st
}

func newQueue(t testing.TB, st *store.Store, p queue.Processor, opts ...queue.Option) *queue.Queue {
	t.Helper()
	q, err := queue.New(st, p, append(append([]queue.Option{}, fastOpts...), opts...)...)
	if err != nil {
		t.Fatalf("new queue: %v", err)
	}
	return q
}

// start runs q until the test ends.
func start(t *testing.T, q *queue.Queue) {
	t.Helper()
	if err := q.Start(context.Background()); err != nil {
		t.Fatalf("start queue: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		// A job still running at the deadline is handed back: not what
		// these tests check, and possible on a loaded machine.
		if err := q.Stop(ctx); err != nil && !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("stop queue: %v", err)
		}
	})
}

func delivery(id, key string) store.Delivery {
	return store.Delivery{ID: id, Event: "issue_comment", SessionKey: key, Payload: []byte(fmt.Sprintf(`{"n":%q}`, id))}
}

func enqueue(t *testing.T, q *queue.Queue, d store.Delivery) bool {
	t.Helper()
	dup, err := q.Enqueue(context.Background(), d)
	if err != nil {
		t.Fatalf("enqueue %s: %v", d.ID, err)
	}
	return dup
}
