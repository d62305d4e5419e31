package queue

import (
	"context"
	"fmt"
	"time"

	"github.com/riverqueue/river"
)

// pruneArgs asks for store.Prune of history older than the retention.
type pruneArgs struct{}

func (pruneArgs) Kind() string { return "pipewright_prune" }

type pruneWorker struct {
	river.WorkerDefaults[pruneArgs]
	q *Queue
}

func (w *pruneWorker) Work(ctx context.Context, _ *river.Job[pruneArgs]) error {
	p, err := w.q.st.Prune(ctx, time.Now().Add(-w.q.cfg.retention))
	if err != nil {
		return fmt.Errorf("prune: %w", err)
	}
	w.q.cfg.log.Debug().Int64("effects", p.Effects).Int64("inbox", p.Inbox).
		Int64("deliveries", p.Deliveries).Msg("pruned finished history")
	return nil
}

// pruneJobs is River's hourly prune, run by whichever replica leads, and once
// at start so short-lived processes prune too.
func (q *Queue) pruneJobs() []*river.PeriodicJob {
	if q.cfg.retention <= 0 {
		return nil
	}
	return []*river.PeriodicJob{river.NewPeriodicJob(
		river.PeriodicInterval(time.Hour),
		func() (river.JobArgs, *river.InsertOpts) {
			return pruneArgs{}, &river.InsertOpts{Queue: q.cfg.queueName}
		},
		&river.PeriodicJobOpts{RunOnStart: true},
	)}
}
