package queue

import (
	"context"
	"fmt"

	"github.com/riverqueue/river"

	"github.com/pipewright/pipewright/app/store"
)

// Recover schedules every session that still has unprocessed items or
// pending effects, and every unprocessed sessionless item, with jobs that no
// existing job can absorb (see store.Reschedule). Start calls it, so after a
// crash (the process's jobs stuck in "running" until River's rescuer frees
// them) the backlog resumes at once. It is safe at any time, on any replica:
// at worst a drain runs, finds nothing and completes.
func (q *Queue) Recover(ctx context.Context) error {
	sessions, sessionless, err := q.st.Backlog(ctx)
	if err != nil {
		return fmt.Errorf("recover backlog: %w", err)
	}
	const chunk = 500 // keep each transaction short
	for len(sessions) > 0 {
		n := min(chunk, len(sessions))
		keys := sessions[:n]
		sessions = sessions[n:]
		err := q.st.Reschedule(ctx, keys, func(ctx context.Context, tx store.Tx, gens map[string]int64) error {
			params := make([]river.InsertManyParams, 0, len(keys))
			for _, k := range keys {
				params = append(params, q.job(drainArgs{SessionKey: k, Gen: gens[k]}))
			}
			return q.be.insertTx(ctx, tx, params)
		})
		if err != nil {
			return fmt.Errorf("recover backlog: %w", err)
		}
	}
	for len(sessionless) > 0 {
		n := min(chunk, len(sessionless))
		params := make([]river.InsertManyParams, 0, n)
		for _, seq := range sessionless[:n] {
			params = append(params, q.job(itemArgs{Seq: seq}))
		}
		sessionless = sessionless[n:]
		if err := q.be.insert(ctx, params); err != nil {
			return fmt.Errorf("recover backlog: %w", err)
		}
	}
	return nil
}

// sweepArgs asks for a Recover sweep. A replica killed mid-drain leaves its
// job "running" in River, where it blocks a new job for the same drain
// generation until River's rescuer frees it (after the job timeout and a
// minute); if that replica never comes back to sweep at its start, its
// sessions would wait that long. The leader sweeps every recoverEvery.
type sweepArgs struct{}

func (sweepArgs) Kind() string { return "pipewright_recover" }

type sweepWorker struct {
	river.WorkerDefaults[sweepArgs]
	q *Queue
}

func (w *sweepWorker) Work(ctx context.Context, _ *river.Job[sweepArgs]) error {
	return w.q.Recover(ctx)
}

func (q *Queue) sweepJobs() []*river.PeriodicJob {
	if q.cfg.recoverEvery <= 0 {
		return nil
	}
	return []*river.PeriodicJob{river.NewPeriodicJob(
		river.PeriodicInterval(q.cfg.recoverEvery),
		func() (river.JobArgs, *river.InsertOpts) {
			return sweepArgs{}, &river.InsertOpts{Queue: q.cfg.queueName, UniqueOpts: river.UniqueOpts{ByArgs: true}}
		},
		nil,
	)}
}
