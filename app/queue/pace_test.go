package queue_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/pipewright/pipewright/app/ghclient"
	"github.com/pipewright/pipewright/app/queue"
	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/store/storetest"
)

// slowRetry would hold a failed job back for an hour: a paced job must not
// go through it.
type slowRetry struct{}

func (slowRetry) NextRetry(*rivertype.JobRow) time.Time { return time.Now().Add(time.Hour) }

// TestPacedJobSnoozesAndFreesItsWorker: with one worker, a session whose
// installation's GitHub budget is used up (the client hands its request
// back with a DeferredError) snoozes for the time named, instead of
// holding the worker or failing into the retry backoff: another
// installation's session is processed meanwhile, and the paced one goes
// on when its time comes, without an hour's retry.
func TestPacedJobSnoozesAndFreesItsWorker(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		rec := newRecorder()
		// The budget frees 3 s after the session's first try (long enough for
		// a loaded machine to pick the other job up first); every
		// try before then is handed back with the time left.
		var deferrals atomic.Int32
		var mu sync.Mutex
		var frees, quietAt time.Time
		hook := func(_ context.Context, item store.InboxItem) error {
			mu.Lock()
			defer mu.Unlock()
			if item.SessionKey != "busy/r#1" {
				if quietAt.IsZero() {
					quietAt = time.Now()
				}
				return nil
			}
			if frees.IsZero() {
				frees = time.Now().Add(3 * time.Second)
			}
			if left := time.Until(frees); left > 0 {
				deferrals.Add(1)
				go rec.note(func() {}) // wake waitFor
				return &ghclient.DeferredError{Installation: "installation:1", Until: frees, Wait: left}
			}
			return nil
		}
		q := newQueue(t, st, &engine{st: st, rec: rec, hook: hook}, queue.WithMaxWorkers(1), queue.WithRetryPolicy(slowRetry{}))
		enqueue(t, q, delivery("busy-1", "busy/r#1"))
		start(t, q)
		rec.waitFor(t, "the paced session to run once", func() bool { return deferrals.Load() >= 1 })
		enqueue(t, q, delivery("quiet-1", "quiet/r#1"))
		rec.waitFor(t, "both sessions processed", func() bool { return rec.applied["busy-1"] == 1 && rec.applied["quiet-1"] == 1 })
		mu.Lock()
		defer mu.Unlock()
		if !quietAt.Before(frees) {
			t.Errorf("the other installation's session started %s after the paced one's budget freed: it waited for it", quietAt.Sub(frees))
		}
		// Each try snoozes until the budget frees: no busy loop. (A drain
		// job per delivery generation may try once each.)
		if n := deferrals.Load(); n > 3 {
			t.Errorf("the paced session was tried %d times before its budget freed, want a snooze, not a loop", n)
		}
	})
}
