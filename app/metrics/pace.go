package metrics

import (
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

var bookedDesc = prometheus.NewDesc("pipewright_github_pace_booked_ahead_seconds",
	"How far ahead an installation's budget of content-creating requests (80 a minute, 500 an hour) is used up: "+
		"seconds until its next one may be sent. Only installations with a wait are listed.",
	[]string{"installation"}, nil)

// paceCollector exports, per installation, when its next content-creating
// request may go, as the pacer last heard it from the budget. An entry is
// dropped once that time has passed, so the series only lists
// installations that are waiting now: their number, not all installations
// ever seen, bounds the label's cardinality.
type paceCollector struct {
	mu       sync.Mutex
	next     map[string]time.Time
	now      func() time.Time
	deferred prometheus.Counter
}

func newPaceCollector() *paceCollector {
	return &paceCollector{next: map[string]time.Time{}, now: time.Now,
		deferred: prometheus.NewCounter(prometheus.CounterOpts{Namespace: "pipewright", Name: "github_pace_deferred_total",
			Help: "Content-creating requests not sent because their installation's budget was used up (or unreadable): their job snoozed until it frees."})}
}

func (c *paceCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- bookedDesc
	c.deferred.Describe(ch)
}

func (c *paceCollector) Collect(ch chan<- prometheus.Metric) {
	c.deferred.Collect(ch)
	now := c.now()
	c.mu.Lock()
	defer c.mu.Unlock()
	for label, next := range c.next {
		ahead := next.Sub(now)
		if ahead <= 0 {
			delete(c.next, label)
			continue
		}
		ch <- prometheus.MustNewConstMetric(bookedDesc, prometheus.GaugeValue, ahead.Seconds(), label)
	}
}

func (c *paceCollector) booked(key string, next time.Time) {
	label, ok := strings.CutPrefix(key, "installation:")
	if !ok {
		label = "unknown" // a request without an installation id: keyed by a hash
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if next.After(c.now()) {
		c.next[label] = next
	} else {
		delete(c.next, label)
	}
}

// PaceBooked notes when installation key's next content-creating request
// may go (the pacer's Booked hook).
func (m *Metrics) PaceBooked(key string, next time.Time) {
	if m != nil {
		m.pace.booked(key, next)
	}
}

// PaceDeferred counts a request handed back by the pacer (its Deferred hook).
func (m *Metrics) PaceDeferred(string, time.Duration) {
	if m != nil {
		m.pace.deferred.Inc()
	}
}
