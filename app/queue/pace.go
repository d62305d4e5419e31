package queue

import (
	"context"
	"errors"
	"time"

	"github.com/riverqueue/river"
)

// deferred is an error that says when its work may go on: the GitHub
// client's DeferredError, a content-creating request not sent because its
// installation's budget is used up until then. The queue does not import
// the client; the method is the contract.
type deferred interface {
	error
	RetryIn() time.Duration
}

// minPaceSnooze keeps a deferral from coming back in a busy loop.
const minPaceSnooze = 100 * time.Millisecond

// snoozeIfPaced turns a paced error into River's snooze: the job gives its
// worker back (to sessions of other installations, whose budgets are their
// own) and runs again when the budget frees, without using up an attempt
// or growing a retry backoff. Any other error is returned as it is.
func snoozeIfPaced(q *Queue, err error) error {
	var d deferred
	if err == nil || !errors.As(err, &d) {
		return err
	}
	wait := max(d.RetryIn(), minPaceSnooze)
	q.cfg.log.Debug().Err(err).Dur("snooze", wait).Msg("GitHub budget used up for now: job snoozes")
	return river.JobSnooze(wait)
}

// Work drains the session, snoozing when GitHub's budget says so.
func (w *drainWorker) Work(ctx context.Context, job *river.Job[drainArgs]) error {
	return snoozeIfPaced(w.q, w.drain(ctx, job))
}

// Work processes the item, snoozing when GitHub's budget says so.
func (w *itemWorker) Work(ctx context.Context, job *river.Job[itemArgs]) error {
	return snoozeIfPaced(w.q, w.process(ctx, job))
}
