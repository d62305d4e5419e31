package metrics

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/pipewright/pipewright/app/store"
)

// QueueSource reports what waits in the store (store.Store implements it).
type QueueSource interface {
	QueueStats(ctx context.Context) (store.QueueStats, error)
}

var (
	depthDesc = prometheus.NewDesc("pipewright_queue_depth",
		"Accepted webhook deliveries not yet processed.", nil, nil)
	oldestDesc = prometheus.NewDesc("pipewright_queue_oldest_unprocessed_age_seconds",
		"Age of the oldest unprocessed delivery (0 when the queue is empty).", nil, nil)
	effectsDesc = prometheus.NewDesc("pipewright_queue_pending_effects",
		"Replies and saves committed but not yet carried out on GitHub.", nil, nil)
)

// queueCollector asks the store at scrape time, so every replica reports
// the shared queue as it is (the store is the source of truth, not a
// counter kept in one process).
type queueCollector struct {
	src atomic.Pointer[QueueSource]
	now func() time.Time
}

// WatchQueue makes the queue gauges read src (the service's store).
func (m *Metrics) WatchQueue(src QueueSource) {
	if m != nil {
		m.queue.src.Store(&src)
	}
}

func (c *queueCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- depthDesc
	ch <- oldestDesc
	ch <- effectsDesc
}

func (c *queueCollector) Collect(ch chan<- prometheus.Metric) {
	p := c.src.Load()
	if p == nil {
		return // setup mode: no store yet
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	st, err := (*p).QueueStats(ctx)
	if err != nil {
		ch <- prometheus.NewInvalidMetric(depthDesc, err)
		return
	}
	now := time.Now
	if c.now != nil {
		now = c.now
	}
	age := 0.0
	if !st.OldestReceived.IsZero() {
		age = max(now().Sub(st.OldestReceived).Seconds(), 0)
	}
	ch <- prometheus.MustNewConstMetric(depthDesc, prometheus.GaugeValue, float64(st.Unprocessed))
	ch <- prometheus.MustNewConstMetric(oldestDesc, prometheus.GaugeValue, age)
	ch <- prometheus.MustNewConstMetric(effectsDesc, prometheus.GaugeValue, float64(st.PendingEffects))
}
