package queue

import (
	"context"
	"sync"
	"time"

	"github.com/pipewright/pipewright/app/store"
)

// batcher is group commit for Enqueue. A durable commit costs an fsync (or a
// network round trip and a WAL flush on PostgreSQL) whatever its size, so
// concurrent callers share one: a single writer goroutine takes the first
// waiting request, lingers briefly or until the batch is full, commits all of
// them in one transaction and then answers each caller. No caller is answered
// before its row is committed. The writer exits when idle and is restarted by
// the next request, so a Queue needs no Close.
type batcher struct {
	maxBatch int
	linger   time.Duration
	commit   func(ctx context.Context, ds []store.Delivery) ([]store.Accepted, error)
	observe  CommitObserver // nil: not observed

	mu      sync.Mutex
	pending []*request
	running bool
	full    chan struct{} // signalled when pending reaches maxBatch
}

type request struct {
	d    store.Delivery
	done chan struct{} // closed once acc/err are set
	acc  store.Accepted
	err  error
}

// commitTimeout bounds one flush; callers may give up sooner, the flush still
// completes (a redelivery of an abandoned request is then a harmless dup).
const commitTimeout = 30 * time.Second

func newBatcher(maxBatch int, linger time.Duration, commit func(context.Context, []store.Delivery) ([]store.Accepted, error)) *batcher {
	return &batcher{maxBatch: maxBatch, linger: linger, commit: commit, full: make(chan struct{}, 1)}
}

func (b *batcher) submit(ctx context.Context, d store.Delivery) (store.Accepted, error) {
	r := &request{d: d, done: make(chan struct{})}
	b.mu.Lock()
	b.pending = append(b.pending, r)
	if len(b.pending) >= b.maxBatch {
		select {
		case b.full <- struct{}{}:
		default:
		}
	}
	if !b.running {
		b.running = true
		go b.loop()
	}
	b.mu.Unlock()
	select {
	case <-r.done:
		return r.acc, r.err
	case <-ctx.Done():
		return store.Accepted{}, context.Cause(ctx)
	}
}

// loop is the single writer. It lingers only when it wakes from idle, to
// gather the first request's concurrent neighbours; under load the next
// batch gathers while the previous one commits, so waiting longer would
// only add latency (and, with a bounded number of callers, lose throughput).
func (b *batcher) loop() {
	timer := time.NewTimer(b.linger)
	defer timer.Stop()
	for idle := true; ; idle = false {
		b.mu.Lock()
		waiting := len(b.pending)
		b.mu.Unlock()
		if idle && waiting < b.maxBatch && b.linger > 0 {
			timer.Reset(b.linger)
			select {
			case <-timer.C:
			case <-b.full:
			}
		}
		b.mu.Lock()
		n := min(len(b.pending), b.maxBatch)
		if n == 0 {
			b.running = false
			b.mu.Unlock()
			return
		}
		batch := b.pending[:n:n]
		b.pending = append([]*request(nil), b.pending[n:]...)
		b.mu.Unlock()
		b.flush(batch)
	}
}

func (b *batcher) flush(batch []*request) {
	ctx, cancel := context.WithTimeout(context.Background(), commitTimeout)
	defer cancel()
	ds := make([]store.Delivery, len(batch))
	for i, r := range batch {
		ds[i] = r.d
	}
	acc, err := b.timedCommit(ctx, ds)
	if err == nil {
		for i, r := range batch {
			r.acc = acc[i]
			close(r.done)
		}
		return
	}
	if len(batch) == 1 {
		batch[0].err = err
		close(batch[0].done)
		return
	}
	// One bad delivery must not fail its neighbours: retry them one by one
	// so each caller gets its own answer.
	for _, r := range batch {
		one, err := b.timedCommit(ctx, []store.Delivery{r.d})
		if err == nil {
			r.acc = one[0]
		}
		r.err = err
		close(r.done)
	}
}

// timedCommit is commit, reported to the observer.
func (b *batcher) timedCommit(ctx context.Context, ds []store.Delivery) ([]store.Accepted, error) {
	if b.observe == nil {
		return b.commit(ctx, ds)
	}
	began := time.Now()
	acc, err := b.commit(ctx, ds)
	b.observe(len(ds), time.Since(began), err)
	return acc, err
}
