package queue

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/store"
)

// commitLog is a commit function that records each batch and can hold the
// first one until released, as a slow fsync would.
type commitLog struct {
	mu      sync.Mutex
	batches [][]string
	at      []time.Time
	entered chan struct{}
	release chan struct{}
}

func (c *commitLog) commit(_ context.Context, ds []store.Delivery) ([]store.Accepted, error) {
	c.mu.Lock()
	first := len(c.batches) == 0
	var ids []string
	for _, d := range ds {
		ids = append(ids, d.ID)
	}
	c.batches = append(c.batches, ids)
	c.at = append(c.at, time.Now())
	c.mu.Unlock()
	if first && c.release != nil {
		c.entered <- struct{}{}
		<-c.release
	}
	acc := make([]store.Accepted, len(ds))
	for i := range acc {
		acc[i].Seq = int64(i + 1)
	}
	return acc, nil
}

func TestBatcherLingersOnlyWhenIdle(t *testing.T) {
	tests := []struct {
		name    string
		linger  time.Duration
		max     int
		first   int // submitted together while the writer is idle
		during  int // submitted while the first batch commits
		batches []int
	}{
		// From idle the writer waits for the first request's neighbours.
		{"idle burst shares one commit", time.Second, 256, 5, 0, []int{5}},
		// A full batch goes at once (the hour-long linger never runs), and
		// what arrives during a commit is committed right after it, without
		// lingering again: under load that would only add latency. (Before,
		// the partial batch after a commit waited out the linger.)
		{"load does not linger", time.Hour, 4, 4, 3, []int{4, 3}},
		{"full, full, then the rest", time.Hour, 3, 3, 5, []int{3, 3, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			log := &commitLog{entered: make(chan struct{}, 1), release: make(chan struct{})}
			b := newBatcher(tt.max, tt.linger, log.commit)
			var wg sync.WaitGroup
			submit := func(n int, prefix string) {
				for i := range n {
					wg.Go(func() {
						ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
						defer cancel()
						if _, err := b.submit(ctx, store.Delivery{ID: fmt.Sprintf("%s%d", prefix, i)}); err != nil {
							t.Errorf("submit: %v", err)
						}
					})
				}
			}
			submit(tt.first, "a")
			<-log.entered // the first batch is committing
			submit(tt.during, "b")
			waitPending(t, b, tt.during)
			close(log.release)
			wg.Wait()
			log.mu.Lock()
			defer log.mu.Unlock()
			var sizes []int
			for _, ids := range log.batches {
				sizes = append(sizes, len(ids))
			}
			if fmt.Sprint(sizes) != fmt.Sprint(tt.batches) {
				t.Fatalf("batch sizes %v, want %v (%v)", sizes, tt.batches, log.batches)
			}
		})
	}
}

// waitPending waits until n requests queue behind the committing batch.
func waitPending(t *testing.T, b *batcher, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		b.mu.Lock()
		got := len(b.pending)
		b.mu.Unlock()
		if got >= n {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d requests pending, want %d", got, n)
		}
		time.Sleep(time.Millisecond)
	}
}

// The observer hears of every commit, with its size, and of a failed group
// commit before its deliveries are retried one by one.
func TestBatcherReportsEachCommit(t *testing.T) {
	type seen struct {
		n      int
		failed bool
	}
	var (
		mu   sync.Mutex
		got  []seen
		fail = fmt.Errorf("disk full")
	)
	commit := func(_ context.Context, ds []store.Delivery) ([]store.Accepted, error) {
		if len(ds) > 1 {
			return nil, fail // the group fails; each alone succeeds
		}
		return make([]store.Accepted, len(ds)), nil
	}
	b := newBatcher(256, time.Hour, commit)
	b.observe = func(n int, took time.Duration, err error) {
		if took < 0 {
			t.Errorf("commit took %s", took)
		}
		mu.Lock()
		got = append(got, seen{n, err != nil})
		mu.Unlock()
	}
	// Three requests submitted together while the writer is idle and
	// lingering: they form one group.
	b.mu.Lock()
	var wg sync.WaitGroup
	errs := make(chan error, 3)
	for i := range 3 {
		r := &request{d: store.Delivery{ID: fmt.Sprint(i)}, done: make(chan struct{})}
		b.pending = append(b.pending, r)
		wg.Go(func() {
			<-r.done
			errs <- r.err
		})
	}
	b.running = true
	b.mu.Unlock()
	b.full <- struct{}{} // end the linger now
	b.loop()
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("a delivery failed: %v", err)
		}
	}
	want := []seen{{3, true}, {1, false}, {1, false}, {1, false}}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("observed %v, want %v", got, want)
	}
}
