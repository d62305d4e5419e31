package queue_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/queue"
	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/store/storetest"
)

// dropJobs loses every River job, as if the process that ran them crashed
// and its jobs were stuck until River's rescuer frees them.
func dropJobs(t *testing.T, st *store.Store) {
	t.Helper()
	var err error
	if db := st.SQLDB(); db != nil {
		_, err = db.Exec(`DELETE FROM river_job`)
	} else {
		_, err = st.PGXPool().Exec(context.Background(), `DELETE FROM river_job`)
	}
	if err != nil {
		t.Fatalf("drop river jobs: %v", err)
	}
}

func TestStartRecoversWorkWhoseJobsWereLost(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		ctx := context.Background()
		rec := newRecorder()
		q := newQueue(t, st, &engine{st: st, rec: rec})
		enqueue(t, q, delivery("waiting", "o/r#8"))
		enqueue(t, q, delivery("install", ""))
		enqueue(t, q, delivery("decided", "o/r#9"))
		item, _, err := st.NextInbox(ctx, "o/r#9") // committed, effect not run
		if err != nil {
			t.Fatal(err)
		}
		if _, err := st.Commit(ctx, "o/r#9", []byte(`["decided"]`), 0, item.Seq,
			[]store.Effect{{ID: "decided/0", Kind: "reply"}}); err != nil {
			t.Fatal(err)
		}
		dropJobs(t, st)

		start(t, q)
		rec.waitFor(t, "backlog", func() bool {
			effectRan := false
			for _, l := range rec.log {
				effectRan = effectRan || l == "effect decided/0"
			}
			return rec.applied["waiting"] == 1 && rec.applied["install"] == 1 && effectRan
		})
	})
}

func TestStartPrunesFinishedHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		rec := newRecorder()
		q := newQueue(t, st, &engine{st: st, rec: rec}, queue.WithRetention(0))
		enqueue(t, q, delivery("old", "o/r#10"))
		start(t, q)
		rec.waitFor(t, "old delivery and its effect", func() bool { return len(rec.log) == 2 })
		item, _, err := st.InboxBySeq(context.Background(), 1)
		if err != nil || item.ID != "old" {
			t.Fatalf("inbox item 1 = %+v, %v", item, err)
		}

		// A later process with a tiny retention prunes at start. (Periodic
		// jobs are the River leader's, so the first process goes away.)
		stopCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := q.Stop(stopCtx); err != nil {
			t.Fatal(err)
		}
		pruner := newQueue(t, st, &engine{st: st, rec: rec}, queue.WithRetention(time.Nanosecond))
		start(t, pruner)
		poll := time.NewTicker(10 * time.Millisecond)
		defer poll.Stop()
		deadline := time.After(30 * time.Second)
		for {
			if _, _, err := st.InboxBySeq(context.Background(), 1); errors.Is(err, store.ErrNotFound) {
				break
			}
			select {
			case <-poll.C:
			case <-deadline:
				t.Fatal("finished history not pruned at start")
			}
		}
		if enqueue(t, q, delivery("old", "o/r#10")) {
			t.Fatal("pruned delivery id still deduplicated")
		}
	})
}
