package queue_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/store/storetest"
)

// blockingHook signals entered once Process starts and then waits for release
// (or for its context to be cancelled).
func blockingHook(entered chan<- struct{}, release <-chan struct{}) func(context.Context, store.InboxItem) error {
	return func(ctx context.Context, _ store.InboxItem) error {
		entered <- struct{}{}
		select {
		case <-release:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

func TestStopLetsRunningJobFinish(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		rec := newRecorder()
		entered, release := make(chan struct{}, 1), make(chan struct{})
		q := newQueue(t, st, &engine{st: st, rec: rec, hook: blockingHook(entered, release)})
		enqueue(t, q, delivery("slow", "o/r#6"))
		if err := q.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		<-entered
		stopped := make(chan error, 1)
		go func() {
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			stopped <- q.Stop(ctx)
		}()
		close(release)
		if err := <-stopped; err != nil {
			t.Fatalf("graceful stop: %v", err)
		}
		rec.mu.Lock()
		defer rec.mu.Unlock()
		if rec.total() != 1 {
			t.Fatalf("running job did not finish before Stop returned: %v", rec.log)
		}
	})
}

func TestStopHandsBackUnfinishedJob(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		rec := newRecorder()
		entered := make(chan struct{}, 1)
		q := newQueue(t, st, &engine{st: st, rec: rec, hook: blockingHook(entered, nil)})
		enqueue(t, q, delivery("stuck", "o/r#7"))
		if err := q.Start(context.Background()); err != nil {
			t.Fatal(err)
		}
		<-entered
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // no grace left: hand the job back at once
		if err := q.Stop(ctx); !errors.Is(err, context.Canceled) {
			t.Fatalf("stop with ended context = %v, want context.Canceled", err)
		}
		if rec.total() != 0 {
			t.Fatal("cancelled item was committed")
		}

		// The next process (a restart) picks the item up again.
		again := newQueue(t, st, &engine{st: st, rec: rec})
		start(t, again)
		rec.waitFor(t, "handed-back delivery", func() bool { return rec.total() == 1 })
	})
}
