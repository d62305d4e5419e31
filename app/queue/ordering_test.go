package queue_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/store/storetest"
)

const burst = 50

// enqueueBurst sends n deliveries for one session from n goroutines at once,
// spread over the given queues (replicas).
func enqueueBurst(t *testing.T, key string, n int, qs ...interface {
	Enqueue(context.Context, store.Delivery) (bool, error)
}) {
	t.Helper()
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if _, err := qs[i%len(qs)].Enqueue(context.Background(), delivery(fmt.Sprintf("d%02d", i), key)); err != nil {
				t.Errorf("enqueue %d: %v", i, err)
			}
		})
	}
	wg.Wait()
}

// checkSessionOrder asserts every delivery was applied exactly once, in
// strictly increasing Seq order, never two at a time, and that the session's
// own history agrees with that order.
func checkSessionOrder(t *testing.T, st *store.Store, rec *recorder, key string, n int) {
	t.Helper()
	rec.mu.Lock()
	defer rec.mu.Unlock()
	seqs := rec.seqs[key]
	if len(seqs) != n || !slices.IsSorted(seqs) || len(slices.Compact(slices.Clone(seqs))) != n {
		t.Fatalf("session %s processed seqs %v, want %d strictly increasing", key, seqs, n)
	}
	for id, c := range rec.applied {
		if c != 1 {
			t.Fatalf("delivery %s applied %d times", id, c)
		}
	}
	if o := rec.overlap.Load(); o != 0 {
		t.Fatalf("%d overlapping Process calls for one session", o)
	}
	data, _, err := st.LoadSession(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	if err := json.Unmarshal(data, &ids); err != nil {
		t.Fatal(err)
	}
	var processed []string
	for _, line := range rec.log {
		if id, ok := cutPrefix(line, "process "); ok {
			processed = append(processed, id)
		}
	}
	if !slices.Equal(ids, processed) {
		t.Fatalf("session history %v differs from processing order %v", ids, processed)
	}
}

func cutPrefix(s, p string) (string, bool) {
	if len(s) >= len(p) && s[:len(p)] == p {
		return s[len(p):], true
	}
	return "", false
}

func TestOneSessionIsProcessedInOrderWithoutOverlap(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		rec := newRecorder()
		q := newQueue(t, st, &engine{st: st, rec: rec})
		start(t, q) // workers run while the burst arrives
		enqueueBurst(t, "o/r#1", burst, q)
		rec.waitFor(t, "all deliveries", func() bool { return rec.total() == burst })
		checkSessionOrder(t, st, rec, "o/r#1", burst)
	})
}

func TestTwoReplicasShareOneSession(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		rec := newRecorder()
		a, b := openStore(t, dsn), openStore(t, dsn)
		qa := newQueue(t, a, &engine{st: a, rec: rec})
		qb := newQueue(t, b, &engine{st: b, rec: rec})
		start(t, qa)
		start(t, qb)
		enqueueBurst(t, "o/r#2", burst, qa, qb)
		rec.waitFor(t, "all deliveries", func() bool { return rec.total() == burst })
		checkSessionOrder(t, a, rec, "o/r#2", burst)
	})
}

func TestSessionsRunInParallel(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		const sessions = 4
		st := openStore(t, dsn)
		rec := newRecorder()
		inside := make(chan struct{}, sessions)
		all := make(chan struct{})
		var once sync.Once
		var mu sync.Mutex
		entered := 0
		hook := func(ctx context.Context, _ store.InboxItem) error {
			mu.Lock()
			entered++
			if entered == sessions {
				once.Do(func() { close(all) })
			}
			mu.Unlock()
			inside <- struct{}{}
			select { // every session must be inside Process at the same time
			case <-all:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		}
		q := newQueue(t, st, &engine{st: st, rec: rec, hook: hook})
		for i := range sessions {
			enqueue(t, q, delivery(fmt.Sprintf("p%d", i), fmt.Sprintf("o/r#%d", 100+i)))
		}
		start(t, q)
		rec.waitFor(t, "all sessions", func() bool { return rec.total() == sessions })
	})
}
