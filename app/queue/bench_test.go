package queue_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/store/storetest"
)

// BenchmarkEnqueue measures webhook intake: many concurrent handlers each
// storing a delivery durably (workers are not started, so only the ingest
// path is timed). It reports throughput and per-call latency percentiles.
func BenchmarkEnqueue(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { benchEnqueue(b, storetest.SQLite(b)) })
	b.Run("postgres", func(b *testing.B) { benchEnqueue(b, storetest.Postgres(b)) })
}

type nopProcessor struct{}

func (nopProcessor) Process(context.Context, store.InboxItem) error { return nil }
func (nopProcessor) RunEffects(context.Context, string) error       { return nil }

func benchEnqueue(b *testing.B, dsn string) {
	st := openStore(b, dsn)
	q := newQueue(b, st, nopProcessor{})
	var (
		next      atomic.Int64
		mu        sync.Mutex
		latencies []time.Duration
	)
	payload := []byte(`{"action":"created","comment":{"body":"/decide canary"}}`)
	b.SetParallelism(32) // 32 × GOMAXPROCS concurrent webhook handlers
	b.ResetTimer()
	began := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		var mine []time.Duration
		for pb.Next() {
			n := next.Add(1)
			d := store.Delivery{
				ID: fmt.Sprintf("bench-%d", n), Event: "issue_comment",
				SessionKey: fmt.Sprintf("o/r#%d", n%100), Payload: payload,
			}
			t0 := time.Now()
			if _, err := q.Enqueue(context.Background(), d); err != nil {
				b.Error(err)
				return
			}
			mine = append(mine, time.Since(t0))
		}
		mu.Lock()
		latencies = append(latencies, mine...)
		mu.Unlock()
	})
	elapsed := time.Since(began)
	b.StopTimer()
	if len(latencies) == 0 {
		return
	}
	slices.Sort(latencies)
	pct := func(p float64) float64 {
		return float64(latencies[int(p*float64(len(latencies)-1))].Microseconds()) / 1000
	}
	b.ReportMetric(float64(len(latencies))/elapsed.Seconds(), "deliveries/s")
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}
