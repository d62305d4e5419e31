package metrics

import (
	"strconv"
	"strings"

	"github.com/palantir/go-githubapp/githubapp"
	"github.com/prometheus/client_golang/prometheus"
	gometrics "github.com/rcrowley/go-metrics"
)

var remainingDesc = prometheus.NewDesc("pipewright_github_rate_limit_remaining",
	"X-RateLimit-Remaining of the last GitHub answer, per installation (0: the App itself).",
	[]string{"installation"}, nil)

// rateLimitCollector exports the gauges go-githubapp's ClientMetrics
// middleware keeps per installation. That middleware is the one place that
// knows which installation a request belongs to (go-githubapp puts the id in
// the request context under a private key), so Pipewright reads its gauges
// rather than guessing from tokens.
type rateLimitCollector struct {
	reg gometrics.Registry
}

func newRateLimitCollector() *rateLimitCollector {
	return &rateLimitCollector{reg: gometrics.NewRegistry()}
}

func (c *rateLimitCollector) Describe(ch chan<- *prometheus.Desc) { ch <- remainingDesc }

func (c *rateLimitCollector) Collect(ch chan<- prometheus.Metric) {
	prefix := githubapp.MetricsKeyRateLimitRemaining + "[installation:"
	c.reg.Each(func(name string, v any) {
		id, ok := strings.CutPrefix(name, prefix)
		if !ok {
			return
		}
		id = strings.TrimSuffix(id, "]")
		if _, err := strconv.ParseInt(id, 10, 64); err != nil {
			return
		}
		if g, ok := v.(gometrics.Gauge); ok {
			ch <- prometheus.MustNewConstMetric(remainingDesc, prometheus.GaugeValue, float64(g.Value()), id)
		}
	})
}
