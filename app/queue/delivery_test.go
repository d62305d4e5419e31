package queue_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/store/storetest"
)

func TestDuplicateDeliveryIsStoredOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		rec := newRecorder()
		q := newQueue(t, st, &engine{st: st, rec: rec})
		if enqueue(t, q, delivery("same", "o/r#3")) {
			t.Fatal("first delivery reported as dup")
		}
		if !enqueue(t, q, delivery("same", "o/r#3")) {
			t.Fatal("redelivery not reported as dup")
		}
		// GitHub's double delivery arriving at once, through group commit.
		var fresh atomic.Int32
		var wg sync.WaitGroup
		for range 10 {
			wg.Go(func() {
				dup, err := q.Enqueue(context.Background(), delivery("twin", "o/r#3"))
				if err != nil {
					t.Errorf("enqueue twin: %v", err)
				}
				if !dup {
					fresh.Add(1)
				}
			})
		}
		wg.Wait()
		if n := fresh.Load(); n != 1 {
			t.Fatalf("%d concurrent copies accepted as new, want 1", n)
		}
		start(t, q)
		rec.waitFor(t, "both deliveries", func() bool { return rec.total() == 2 })
		checkSessionOrder(t, st, rec, "o/r#3", 2)
	})
}

func TestProcessorErrorIsRetried(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		rec := newRecorder()
		var calls atomic.Int32
		hook := func(_ context.Context, item store.InboxItem) error {
			if item.ID == "flaky" && calls.Add(1) <= 2 {
				return errors.New("github is down")
			}
			return nil
		}
		q := newQueue(t, st, &engine{st: st, rec: rec, hook: hook})
		enqueue(t, q, delivery("flaky", "o/r#4"))
		enqueue(t, q, delivery("after", "o/r#4"))
		start(t, q)
		rec.waitFor(t, "both deliveries", func() bool { return rec.total() == 2 })
		if n := calls.Load(); n != 3 {
			t.Fatalf("flaky item tried %d times, want 3", n)
		}
		checkSessionOrder(t, st, rec, "o/r#4", 2) // "after" waited for "flaky"
	})
}

func TestPendingEffectsRunBeforeNextItem(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		ctx := context.Background()
		rec := newRecorder()
		q := newQueue(t, st, &engine{st: st, rec: rec})
		enqueue(t, q, delivery("first", "o/r#5"))
		enqueue(t, q, delivery("second", "o/r#5"))

		// A worker that crashed after Commit, before running the effect.
		item, ok, err := st.NextInbox(ctx, "o/r#5")
		if err != nil || !ok {
			t.Fatalf("next inbox: %v %v", ok, err)
		}
		if _, err := st.Commit(ctx, "o/r#5", []byte(`["first"]`), 0, item.Seq,
			[]store.Effect{{ID: "first/0", Kind: "reply"}}); err != nil {
			t.Fatal(err)
		}

		start(t, q)
		want := []string{"effect first/0", "process second", "effect second/0"}
		rec.waitFor(t, "second delivery and its effect", func() bool { return len(rec.log) >= len(want) })
		rec.mu.Lock()
		defer rec.mu.Unlock()
		if fmt.Sprint(rec.log) != fmt.Sprint(want) {
			t.Fatalf("log = %v, want %v", rec.log, want)
		}
	})
}

func TestSessionlessDeliveries(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		rec := newRecorder()
		q := newQueue(t, st, &engine{st: st, rec: rec})
		start(t, q)
		for i := range 3 {
			enqueue(t, q, delivery(fmt.Sprintf("installation-%d", i), ""))
		}
		rec.waitFor(t, "sessionless deliveries", func() bool { return rec.total() == 3 })
	})
}
