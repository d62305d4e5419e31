package queue

import (
	"context"
	"errors"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/pipewright/pipewright/app/store"
)

// drainWorker processes one session's inbox in order while holding the
// session's lock.
type drainWorker struct {
	river.WorkerDefaults[drainArgs]
	q *Queue
}

func (w *drainWorker) drain(ctx context.Context, job *river.Job[drainArgs]) error {
	key := job.Args.SessionKey
	q := w.q
	lock, ok, err := q.st.TryLockSession(ctx, key)
	if err != nil {
		q.memo.forget(key) // this job may end without looking (see drainMemo)
		return fmt.Errorf("drain session %q: %w", key, err)
	}
	if !ok {
		// Another worker (maybe another replica) is draining this session.
		// It may already have looked past our item, so come back rather than
		// complete: the snooze keeps this job unique-blocking meanwhile.
		return river.JobSnooze(q.cfg.snooze)
	}
	defer lock.Release()

	// Bump the generation before reading the inbox: anything accepted from
	// now on schedules a new job instead of joining this one.
	if _, err := q.st.BeginDrain(ctx, key); err != nil {
		q.memo.forget(key)
		return fmt.Errorf("drain session %q: %w", key, err)
	}
	// Effects first: a crash may have left a committed command's effects
	// undone, and they happened before anything that follows.
	if err := q.proc.RunEffects(ctx, key); err != nil {
		return fmt.Errorf("drain session %q: run pending effects: %w", key, err)
	}
	var last int64
	for {
		if err := ctx.Err(); err != nil {
			return err // stopping: hand the rest back
		}
		if err := lock.Alive(ctx); err != nil {
			return fmt.Errorf("drain session %q: %w", key, err)
		}
		item, ok, err := q.st.NextInbox(ctx, key)
		if err != nil {
			return fmt.Errorf("drain session %q: %w", key, err)
		}
		if !ok {
			return nil
		}
		if item.Seq == last {
			// Without this guard a Processor that forgets to Commit would
			// spin on the same item forever.
			return fmt.Errorf("drain session %q: processor returned without committing inbox item %d", key, item.Seq)
		}
		last = item.Seq
		if err := q.proc.Process(ctx, item); err != nil {
			return fmt.Errorf("drain session %q: process item %d (delivery %s): %w", key, item.Seq, item.ID, err)
		}
	}
}

// itemWorker processes one sessionless item; no lock, no order.
type itemWorker struct {
	river.WorkerDefaults[itemArgs]
	q *Queue
}

func (w *itemWorker) process(ctx context.Context, job *river.Job[itemArgs]) error {
	item, processed, err := w.q.st.InboxBySeq(ctx, job.Args.Seq)
	switch {
	case errors.Is(err, store.ErrNotFound):
		return river.JobCancel(fmt.Errorf("sessionless item %d: %w", job.Args.Seq, err))
	case err != nil:
		return fmt.Errorf("sessionless item %d: %w", job.Args.Seq, err)
	case processed:
		return nil
	}
	if err := w.q.proc.Process(ctx, item); err != nil {
		return fmt.Errorf("process sessionless item %d (delivery %s): %w", item.Seq, item.ID, err)
	}
	return nil
}
