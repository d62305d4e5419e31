package queue

import (
	"context"
	"errors"
	"fmt"
	"time"

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
	log := q.cfg.log.With().Str("session", key).Int64("job", job.ID).Logger()
	ctx = log.WithContext(ctx)
	log.Debug().Msg("session lock taken")
	defer log.Debug().Msg("session lock released")
	// From here on ctx ends the moment the lock is lost: another replica
	// may hold the session then, and this drain must not act any more.
	ctx, stop := lock.Context(ctx)
	defer stop()

	// Bump the generation before reading the inbox: anything accepted from
	// now on schedules a new job instead of joining this one.
	if _, err := q.st.BeginDrain(ctx, key); err != nil {
		q.memo.forget(key)
		return fmt.Errorf("drain session %q: %w", key, err)
	}
	// Effects first: a crash may have left a committed command's effects
	// undone, and they happened before anything that follows.
	if err := q.proc.RunEffects(ctx, key); err != nil {
		return q.drainFailed(ctx, key, fmt.Errorf("run pending effects: %w", err))
	}
	var last int64
	for {
		if err := ctx.Err(); err != nil {
			return q.drainFailed(ctx, key, err) // stopping or lock lost: hand the rest back
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
			return q.drainFailed(ctx, key, fmt.Errorf("process item %d (delivery %s): %w", item.Seq, item.ID, err))
		}
	}
}

// retryAt is implemented by errors that know when trying again makes sense,
// such as an effect whose last request's outcome cannot be read before then.
type retryAt interface{ RetryAt() time.Time }

// drainFailed turns a drain's failure into River's answer: a snooze when the
// work must wait for a known moment (no attempt counted), else a retry with
// backoff. A lost lock is logged as what it is.
func (q *Queue) drainFailed(ctx context.Context, key string, err error) error {
	if cause := context.Cause(ctx); errors.Is(cause, store.ErrLockLost) {
		q.cfg.log.Warn().Str("session", key).Err(cause).Msg("session lock lost: drain stopped, another worker resumes it")
		return fmt.Errorf("drain session %q: %w", key, cause)
	}
	var w retryAt
	if errors.As(err, &w) {
		return river.JobSnooze(max(time.Until(w.RetryAt()), 0))
	}
	return fmt.Errorf("drain session %q: %w", key, err)
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
