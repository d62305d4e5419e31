package server

import (
	"context"
	"errors"
	"net"
	"net/http"
	"time"
)

// MetricsPath is where the Prometheus metrics are served.
const MetricsPath = "/metrics"

// ServeMetrics serves h at /metrics, and nothing else, on ln until ctx
// ends: PIPEWRIGHT_METRICS_ADDR puts it on an address the public ingress
// does not route to, and then the main listener does not serve it.
func ServeMetrics(ctx context.Context, ln net.Listener, h http.Handler, l Limits) error {
	mux := http.NewServeMux()
	mux.Handle(MetricsPath, h)
	srv := l.Server(mux)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l.Listener(ln)) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	stop, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(stop); err != nil && !errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return nil
}
