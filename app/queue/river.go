package queue

import (
	"context"
	"database/sql"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivertype"
	"github.com/rs/zerolog"

	"github.com/pipewright/pipewright/app/store"
)

// drainArgs asks a worker to process a session's inbox until it is empty.
// Gen is the session's drain generation when the delivery was accepted (see
// store.BeginDrain): unique by (SessionKey, Gen) means a burst of deliveries
// shares one waiting job, yet a delivery accepted after a drain began always
// gets a new job, so none is stranded behind a drain that already looked.
type drainArgs struct {
	SessionKey string `json:"session_key" river:"unique"`
	Gen        int64  `json:"gen" river:"unique"`
}

func (drainArgs) Kind() string { return "pipewright_session_drain" }

// itemArgs asks a worker to process one sessionless inbox item. Unique by
// Seq so that the start-up sweep cannot double one still waiting.
type itemArgs struct {
	Seq int64 `json:"seq" river:"unique"`
}

func (itemArgs) Kind() string { return "pipewright_delivery" }

// uniqueOpts dedupes jobs by args among those not yet finished.
var uniqueOpts = river.UniqueOpts{ByArgs: true, ByState: drainUniqueStates}

// drainUniqueStates are River's required states plus retryable: a drain that
// failed and waits to retry will drain newer items too. Completed, cancelled
// and discarded jobs never block a new drain.
var drainUniqueStates = []rivertype.JobState{
	rivertype.JobStateAvailable,
	rivertype.JobStatePending,
	rivertype.JobStateRetryable,
	rivertype.JobStateRunning,
	rivertype.JobStateScheduled,
}

// backend hides River's transaction type parameter (pgx.Tx or *sql.Tx).
type backend interface {
	insertTx(ctx context.Context, tx store.Tx, params []river.InsertManyParams) error
	insert(ctx context.Context, params []river.InsertManyParams) error
	start(ctx context.Context) error
	stop(ctx context.Context) error
	stopAndCancel(ctx context.Context) error
}

type riverBackend[TTx any] struct {
	client *river.Client[TTx]
	txOf   func(store.Tx) TTx
}

func (b *riverBackend[TTx]) insertTx(ctx context.Context, tx store.Tx, params []river.InsertManyParams) error {
	if _, err := b.client.InsertManyTx(ctx, b.txOf(tx), params); err != nil {
		return fmt.Errorf("insert %d river jobs: %w", len(params), err)
	}
	return nil
}

func (b *riverBackend[TTx]) insert(ctx context.Context, params []river.InsertManyParams) error {
	if _, err := b.client.InsertMany(ctx, params); err != nil {
		return fmt.Errorf("insert %d river jobs: %w", len(params), err)
	}
	return nil
}

func (b *riverBackend[TTx]) start(ctx context.Context) error { return b.client.Start(ctx) }
func (b *riverBackend[TTx]) stop(ctx context.Context) error  { return b.client.Stop(ctx) }
func (b *riverBackend[TTx]) stopAndCancel(ctx context.Context) error {
	return b.client.StopAndCancel(ctx)
}

func newBackend(st *store.Store, cfg config, workers *river.Workers, periodic []*river.PeriodicJob) (backend, error) {
	rc := &river.Config{
		PeriodicJobs:      periodic,
		Queues:            map[string]river.QueueConfig{cfg.queueName: {MaxWorkers: cfg.maxWorkers}},
		Workers:           workers,
		Logger:            slog.New(zerolog.NewSlogHandler(cfg.log)),
		MaxAttempts:       cfg.maxAttempts,
		JobTimeout:        cfg.jobTimeout,
		RetryPolicy:       cfg.retryPolicy,
		FetchCooldown:     cfg.fetchCool,
		FetchPollInterval: cfg.fetchPoll,
		// A job left "running" by a crashed replica is freed after this; the
		// default (1 h) would hold up a quiet session that long. Overlap is
		// impossible anyway: the session lock died with its connection.
		RescueStuckJobsAfter: cfg.jobTimeout + time.Minute,
	}
	switch st.Dialect() {
	case store.DialectPostgres:
		c, err := river.NewClient(riverpgxv5.New(st.PGXPool()), rc)
		if err != nil {
			return nil, fmt.Errorf("create river client on postgres: %w", err)
		}
		return &riverBackend[pgx.Tx]{client: c, txOf: store.Tx.Postgres}, nil
	default:
		c, err := river.NewClient(riversqlite.New(st.SQLDB()), rc)
		if err != nil {
			return nil, fmt.Errorf("create river client on sqlite: %w", err)
		}
		return &riverBackend[*sql.Tx]{client: c, txOf: store.Tx.SQLite}, nil
	}
}

// jobsFor builds the River jobs for one accepted batch: one drain job per
// session present (River would reject the same unique job twice in a batch)
// and one item job per sessionless delivery. Duplicates need no job: the
// first copy already has one; nor does a session whose drain job of the
// same generation this process committed moments ago (see drainMemo). It
// also returns the drain jobs, to remember once the batch commits.
func (q *Queue) jobsFor(ds []store.Delivery, acc []store.Accepted, now time.Time) ([]river.InsertManyParams, []drainArgs) {
	var (
		params []river.InsertManyParams
		drains []drainArgs
	)
	seen := map[string]bool{}
	for i, d := range ds {
		switch {
		case acc[i].Dup:
		case d.SessionKey == "":
			params = append(params, q.job(itemArgs{Seq: acc[i].Seq}))
		case !seen[d.SessionKey]:
			seen[d.SessionKey] = true
			if q.memo.has(d.SessionKey, acc[i].Gen, now) {
				continue
			}
			a := drainArgs{SessionKey: d.SessionKey, Gen: acc[i].Gen}
			drains = append(drains, a)
			params = append(params, q.job(a))
		}
	}
	return params, drains
}

func (q *Queue) job(args river.JobArgs) river.InsertManyParams {
	return river.InsertManyParams{Args: args, InsertOpts: &river.InsertOpts{Queue: q.cfg.queueName, UniqueOpts: uniqueOpts}}
}
