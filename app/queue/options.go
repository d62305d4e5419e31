package queue

import (
	"fmt"
	"os"
	"time"

	"github.com/riverqueue/river"
	"github.com/rs/zerolog"
)

// Option tunes a Queue.
type Option func(*config)

type config struct {
	queueName    string
	maxWorkers   int
	maxBatch     int
	linger       time.Duration
	snooze       time.Duration
	jobTimeout   time.Duration
	maxAttempts  int
	handBack     time.Duration
	fetchCool    time.Duration
	fetchPoll    time.Duration
	retryPolicy  river.ClientRetryPolicy
	retention    time.Duration
	recoverEvery time.Duration
	log          zerolog.Logger
	observe      CommitObserver
}

func defaultConfig() config {
	return config{
		queueName:    "pipewright",
		maxWorkers:   8,
		maxBatch:     256,
		linger:       0,
		snooze:       250 * time.Millisecond,
		jobTimeout:   5 * time.Minute,
		maxAttempts:  25,
		handBack:     10 * time.Second,
		retention:    30 * 24 * time.Hour,
		recoverEvery: 30 * time.Second,
		log:          zerolog.New(os.Stderr).Level(zerolog.WarnLevel).With().Timestamp().Str("component", "queue").Logger(),
	}
}

func (c config) validate() error {
	switch {
	case c.maxWorkers < 1:
		return fmt.Errorf("max workers %d: need at least 1", c.maxWorkers)
	case c.maxBatch < 1:
		return fmt.Errorf("group commit batch %d: need at least 1", c.maxBatch)
	case c.linger < 0 || c.snooze <= 0 || c.handBack <= 0:
		return fmt.Errorf("linger %s, snooze %s, hand-back %s: durations must be positive", c.linger, c.snooze, c.handBack)
	}
	return nil
}

// WithMaxWorkers sets how many sessions one Queue processes at once (default 8).
func WithMaxWorkers(n int) Option { return func(c *config) { c.maxWorkers = n } }

// WithQueueName sets River's queue name (default "pipewright").
func WithQueueName(name string) Option { return func(c *config) { c.queueName = name } }

// WithGroupCommit sets the most deliveries one enqueue transaction carries
// (default 256) and how long the writer, woken from idle by a first
// delivery, waits for more (default 0: it takes only what is already
// waiting, as PostgreSQL's commit_delay does by default). Under load it never
// waits: what arrives during one commit forms the next batch. pwbench with
// 32 connections measured a 1 ms linger 4-5 % slower: the writer woke from
// idle before one commit in eight and then sat out the linger while the
// requests it was waiting for were already queued behind it.
func WithGroupCommit(maxBatch int, linger time.Duration) Option {
	return func(c *config) { c.maxBatch, c.linger = maxBatch, linger }
}

// WithSnooze sets how long a drain job waits when another worker holds its
// session (default 250 ms).
func WithSnooze(d time.Duration) Option { return func(c *config) { c.snooze = d } }

// WithJobTimeout bounds one drain job (default 5 min); a timed-out drain is
// retried and resumes at the first unprocessed item.
func WithJobTimeout(d time.Duration) Option { return func(c *config) { c.jobTimeout = d } }

// WithMaxAttempts sets how often a failing job is tried before River discards
// it (default 25, about three weeks with River's backoff). The inbox item
// stays unprocessed; the next delivery for the session tries it again.
func WithMaxAttempts(n int) Option { return func(c *config) { c.maxAttempts = n } }

// WithRetryPolicy replaces River's default exponential backoff.
func WithRetryPolicy(p river.ClientRetryPolicy) Option { return func(c *config) { c.retryPolicy = p } }

// WithHandBackTimeout bounds how long Stop waits for cancelled jobs to hand
// their work back once its own context has ended (default 10 s).
func WithHandBackTimeout(d time.Duration) Option { return func(c *config) { c.handBack = d } }

// WithFetchIntervals sets River's fetch cooldown and poll interval (defaults
// 100 ms and 1 s); tests shorten them.
func WithFetchIntervals(cooldown, poll time.Duration) Option {
	return func(c *config) { c.fetchCool, c.fetchPoll = cooldown, poll }
}

// WithLogger routes the queue's and River's logs to l.
func WithLogger(l zerolog.Logger) Option { return func(c *config) { c.log = l } }

// CommitObserver is told of every group commit: how many deliveries it
// carried, how long the transaction took and whether it failed. It runs
// on the writer, between commits, so it must return quickly.
type CommitObserver func(deliveries int, took time.Duration, err error)

// WithCommitObserver reports each group commit to observe (the service's
// metrics: batch sizes and commit times say how busy the writer is and how
// fast the disk syncs).
func WithCommitObserver(observe CommitObserver) Option {
	return func(c *config) { c.observe = observe }
}

// WithRetention sets how long finished history (processed inbox items, done
// effects, dedupe ids) is kept before the hourly prune deletes it (default
// 30 days; 0 disables pruning). A redelivery older than this is applied again.
func WithRetention(d time.Duration) Option { return func(c *config) { c.retention = d } }

// WithRecoverEvery sets how often the leading replica sweeps the backlog
// (see Recover) so that sessions a killed replica was draining resume
// without waiting for River's rescuer (default 30 s; 0 disables).
func WithRecoverEvery(d time.Duration) Option { return func(c *config) { c.recoverEvery = d } }
