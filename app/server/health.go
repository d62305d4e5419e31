package server

import (
	"context"
	"net/http"
	"sync/atomic"
	"time"
)

// Health serves liveness (/healthz: the process answers) apart from
// readiness (/readyz: the store answers and the server is not draining), so
// Kubernetes restarts only a stuck process and stops routing to a draining one.
type Health struct {
	Ping     func(ctx context.Context) error
	draining atomic.Bool
}

// Drain turns readiness off first, before the server stops taking work.
func (h *Health) Drain() { h.draining.Store(true) }

func (h *Health) live(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	_, _ = w.Write([]byte("ok\n"))
}

func (h *Health) ready(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if h.draining.Load() {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("draining\n"))
		return
	}
	if h.Ping != nil {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := h.Ping(ctx); err != nil {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte("store unavailable\n"))
			return
		}
	}
	_, _ = w.Write([]byte("ready\n"))
}

// Mux returns the server's routes.
func Mux(webhook http.Handler, h *Health) *http.ServeMux {
	mux := http.NewServeMux()
	mux.Handle(WebhookPath, webhook)
	mux.HandleFunc("/healthz", h.live)
	mux.HandleFunc("/readyz", h.ready)
	return mux
}
