// Package metrics is Pipewright's Prometheus instrumentation: one registry
// per service, served at /metrics. Every recording method is safe on a nil
// *Metrics, so components record unconditionally and tests may pass nil.
package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	gometrics "github.com/rcrowley/go-metrics"
)

// Metrics holds the service's series.
type Metrics struct {
	reg          *prometheus.Registry
	received     *prometheus.CounterVec
	rejected     *prometheus.CounterVec
	deduplicated prometheus.Counter
	commands     *prometheus.CounterVec
	ghRequests   *prometheus.CounterVec
	ghCreating   prometheus.Counter
	ghWait       prometheus.Counter
	saveConflict prometheus.Counter
	internalErr  prometheus.Counter
	commitSize   prometheus.Histogram
	commitTime   prometheus.Histogram
	commitFailed prometheus.Counter
	queue        *queueCollector
	rateLimits   *rateLimitCollector
	pace         *paceCollector
}

// New builds the series on a registry of their own, with the Go runtime's
// and the process's collectors beside them.
func New() *Metrics {
	f := func(name, help string, labels ...string) *prometheus.CounterVec {
		return prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: "pipewright", Name: name, Help: help}, labels)
	}
	c := func(name, help string) prometheus.Counter {
		return prometheus.NewCounter(prometheus.CounterOpts{Namespace: "pipewright", Name: name, Help: help})
	}
	m := &Metrics{
		reg:          prometheus.NewRegistry(),
		received:     f("webhook_deliveries_received_total", "Webhook deliveries that reached the route, by X-GitHub-Event.", "event"),
		rejected:     f("webhook_deliveries_rejected_total", "Webhook deliveries refused, by reason: signature, too_large, malformed, unavailable.", "reason"),
		deduplicated: c("webhook_deliveries_deduplicated_total", "Deliveries whose X-GitHub-Delivery id was already stored (redeliveries)."),
		commands:     f("commands_total", "Slash commands handled, by kind (the verb, or unknown) and outcome (applied, denied, not-run: past the per-comment limit, silenced: no answer, reply budget spent).", "kind", "outcome"),
		ghRequests:   f("github_requests_total", "Requests to GitHub's REST API (each attempt), by method, templated endpoint and status (0: no answer).", "method", "endpoint", "status"),
		ghCreating:   c("github_content_creating_requests_total", "Requests GitHub counts against its secondary (content-creation) limits."),
		ghWait:       c("github_secondary_limit_wait_seconds_total", "Time content-creating requests waited to stay under GitHub's secondary limits."),
		saveConflict: c("save_conflicts_retried_total", "Saves that met a newer commit on the branch (409 or stale sha) and re-applied on it."),
		internalErr:  c("internal_errors_total", "Comments skipped because handling them panicked (a bug; the log has the stack)."),
		commitSize: prometheus.NewHistogram(prometheus.HistogramOpts{Namespace: "pipewright", Name: "enqueue_group_commit_deliveries",
			Help:    "Deliveries stored by one group commit of the webhook route (one transaction, one fsync on SQLite).",
			Buckets: []float64{1, 2, 4, 8, 16, 32, 64, 128, 256}}),
		commitTime: prometheus.NewHistogram(prometheus.HistogramOpts{Namespace: "pipewright", Name: "enqueue_group_commit_seconds",
			Help:    "How long one group commit's transaction took; deliveries wait for it before their 2xx.",
			Buckets: []float64{0.00025, 0.0005, 0.001, 0.002, 0.004, 0.008, 0.016, 0.05, 0.25, 1, 5}}),
		commitFailed: c("enqueue_group_commit_failures_total", "Group commits that failed (each delivery in them is then retried alone)."),
		queue:        &queueCollector{},
		rateLimits:   newRateLimitCollector(),
		pace:         newPaceCollector(),
	}
	m.reg.MustRegister(m.received, m.rejected, m.deduplicated, m.commands, m.ghRequests, m.ghCreating,
		m.ghWait, m.saveConflict, m.internalErr, m.commitSize, m.commitTime, m.commitFailed, m.queue, m.rateLimits, m.pace,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Registry is where the series live (for tests and extra collectors).
func (m *Metrics) Registry() *prometheus.Registry { return m.reg }

// Handler serves the registry in Prometheus's text format. A failing
// collector (the store is down) drops its own series, not the whole page.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError, Registry: m.reg})
}

// GitHubRegistry is the go-metrics registry for go-githubapp's
// ClientMetrics middleware, which knows each request's installation; its
// rate-limit gauges are exported as pipewright_github_rate_limit_remaining.
func (m *Metrics) GitHubRegistry() gometrics.Registry { return m.rateLimits.reg }

// knownEvents bound the event label: the header is counted before the
// signature is checked, so anyone could otherwise mint new series.
var knownEvents = map[string]bool{
	"issue_comment": true, "pull_request": true, "issues": true, "push": true, "ping": true,
	"installation": true, "installation_repositories": true, "github_app_authorization": true,
}

// Received counts a delivery that reached the webhook route.
func (m *Metrics) Received(event string) {
	if m == nil {
		return
	}
	if !knownEvents[event] {
		event = "other"
	}
	m.received.WithLabelValues(event).Inc()
}

// Rejected counts a refused delivery.
func (m *Metrics) Rejected(reason string) {
	if m != nil {
		m.rejected.WithLabelValues(reason).Inc()
	}
}

// Deduplicated counts a redelivery that was already stored.
func (m *Metrics) Deduplicated() {
	if m != nil {
		m.deduplicated.Inc()
	}
}

// Command counts one handled command.
func (m *Metrics) Command(kind, outcome string) {
	if m != nil {
		m.commands.WithLabelValues(kind, outcome).Inc()
	}
}

// GroupCommit records one group commit of the webhook route (a
// queue.CommitObserver).
func (m *Metrics) GroupCommit(deliveries int, took time.Duration, err error) {
	if m == nil {
		return
	}
	if err != nil {
		m.commitFailed.Inc()
		return
	}
	m.commitSize.Observe(float64(deliveries))
	m.commitTime.Observe(took.Seconds())
}

// SaveConflict counts a save that re-read the branch after a conflict.
func (m *Metrics) SaveConflict() {
	if m != nil {
		m.saveConflict.Inc()
	}
}

// InternalError counts a comment skipped because handling it panicked.
func (m *Metrics) InternalError() {
	if m != nil {
		m.internalErr.Inc()
	}
}

// GitHubRequest counts one attempt of a request to GitHub.
func (m *Metrics) GitHubRequest(r *http.Request, status int, contentCreating bool) {
	if m == nil {
		return
	}
	m.ghRequests.WithLabelValues(r.Method, Endpoint(r.URL.Path), strconv.Itoa(status)).Inc()
	if contentCreating {
		m.ghCreating.Inc()
	}
}

// SecondaryWait adds time a content-creating request was held back.
func (m *Metrics) SecondaryWait(d time.Duration) {
	if m != nil {
		m.ghWait.Add(d.Seconds())
	}
}
