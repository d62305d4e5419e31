// Package queue turns accepted webhook deliveries into ordered, exactly-once
// session updates. Enqueue stores a delivery durably (batched with concurrent
// callers into one transaction) before the webhook is acknowledged; River
// workers then drain each session's inbox one item at a time, in arrival
// order, holding the session exclusively across replicas.
package queue

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"github.com/pipewright/pipewright/app/store"
)

// Processor applies inbox items; the queue calls it, the engine implements it.
type Processor interface {
	// Process handles ONE inbox item of a session. It is called with the
	// session held exclusively (one call at a time per SessionKey, across
	// replicas too), in Seq order. It must itself call store.Commit for the
	// item (so the session update and "processed" are atomic; treat
	// store.ErrAlreadyProcessed as success) and then run and mark the
	// effects. Returning an error retries with backoff.
	//
	// Sessionless items (SessionKey "") are processed without a lock and in no
	// particular order; Process marks them with store.Commit(ctx, "", nil, 0,
	// item.Seq, nil) and must tolerate running twice for one item.
	Process(ctx context.Context, item store.InboxItem) error
	// RunEffects runs a session's pending effects. A drain calls it before
	// the first item, so effects left behind by a crash run first.
	RunEffects(ctx context.Context, sessionKey string) error
}

// Queue is safe for concurrent use.
type Queue struct {
	st    *store.Store
	proc  Processor
	cfg   config
	be    backend
	batch *batcher
	memo  drainMemo

	mu      sync.Mutex
	started bool
}

// New prepares a queue on st. Enqueue works right away; Start runs workers.
func New(st *store.Store, proc Processor, opts ...Option) (*Queue, error) {
	cfg := defaultConfig()
	for _, o := range opts {
		o(&cfg)
	}
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("new queue: %w", err)
	}
	if pool := st.PGXPool(); pool != nil {
		// Each running drain holds one connection for its advisory lock and
		// needs others to commit; River needs a few of its own.
		if need := int32(2*cfg.maxWorkers + 4); pool.Config().MaxConns < need {
			return nil, fmt.Errorf("new queue: postgres pool_max_conns is %d, %d workers need at least %d",
				pool.Config().MaxConns, cfg.maxWorkers, need)
		}
	}
	q := &Queue{st: st, proc: proc, cfg: cfg}
	workers := river.NewWorkers()
	river.AddWorker(workers, &drainWorker{q: q})
	river.AddWorker(workers, &itemWorker{q: q})
	river.AddWorker(workers, &pruneWorker{q: q})
	river.AddWorker(workers, &sweepWorker{q: q})
	be, err := newBackend(st, cfg, workers, append(q.pruneJobs(), q.sweepJobs()...))
	if err != nil {
		return nil, fmt.Errorf("new queue: %w", err)
	}
	q.be = be
	q.batch = newBatcher(cfg.maxBatch, cfg.linger, q.commitBatch)
	q.batch.observe = cfg.observe
	return q, nil
}

// Enqueue stores d durably and schedules its processing. It returns only
// after d's transaction committed (or failed); dup is true when d.ID was
// accepted before, in which case nothing new is stored or scheduled.
// Answer the webhook only after a nil error. If ctx ends first, Enqueue
// returns its error although the delivery may still be stored; answering
// 5xx then is right: a redelivery is recognised as a dup. It keeps no
// reference to d.Payload once it returns (see server.Enqueuer).
func (q *Queue) Enqueue(ctx context.Context, d store.Delivery) (dup bool, err error) {
	// Compress here, in the caller's goroutine: the batch's writer is the
	// one serial step of the webhook route. Detached, the batch keeps no
	// reference to the caller's buffer, even if the caller gives up first.
	acc, err := q.batch.submit(ctx, d.Detach())
	if err != nil {
		return false, fmt.Errorf("enqueue delivery %s (%s): %w", d.ID, d.Event, err)
	}
	return acc.Dup, nil
}

// commitBatch is the group-commit flush: one transaction for the batch's
// inbox rows (each also its delivery id's dedupe) and River jobs.
func (q *Queue) commitBatch(ctx context.Context, ds []store.Delivery) ([]store.Accepted, error) {
	var drains []drainArgs
	now := time.Now()
	acc, err := q.st.Accept(ctx, ds, func(ctx context.Context, tx store.Tx, acc []store.Accepted) error {
		var params []river.InsertManyParams
		params, drains = q.jobsFor(ds, acc, now)
		if len(params) > 0 {
			return q.be.insertTx(ctx, tx, params)
		}
		return nil
	})
	if err == nil {
		q.memo.add(drains, now)
	}
	return acc, err
}

// Start sweeps the backlog (see Recover) and runs River's workers until Stop.
// Cancelling ctx later stops the workers hard (as Stop with an ended ctx).
func (q *Queue) Start(ctx context.Context) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.started {
		return errors.New("start queue: already started")
	}
	if err := q.Recover(ctx); err != nil {
		return fmt.Errorf("start queue: %w", err)
	}
	if err := q.be.start(ctx); err != nil {
		return fmt.Errorf("start queue: %w", err)
	}
	q.started = true
	return nil
}

// Stop shuts down gracefully: no new jobs are fetched and running ones may
// finish until ctx ends. Jobs still running then are cancelled and handed
// back to the queue (River makes them available again without counting an
// attempt), so another worker or the next start resumes them. Stop returns
// ctx's error in that case.
func (q *Queue) Stop(ctx context.Context) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	if !q.started {
		return nil
	}
	err := q.be.stop(ctx)
	if err != nil && ctx.Err() != nil {
		handBack, cancel := context.WithTimeout(context.WithoutCancel(ctx), q.cfg.handBack)
		defer cancel()
		if herr := q.be.stopAndCancel(handBack); herr != nil {
			return fmt.Errorf("stop queue: hand back running jobs: %w", herr)
		}
	}
	q.started = false
	if err != nil {
		return fmt.Errorf("stop queue: %w", err)
	}
	return nil
}
