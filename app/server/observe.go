package server

import (
	"context"
	"net/http"

	"github.com/pipewright/pipewright/app/store"
)

// WebhookObserver hears what the webhook route does, for metrics
// (app/metrics implements it).
type WebhookObserver interface {
	Received(event string)
	Rejected(reason string) // signature, too_large, malformed, unavailable (store or body budget)
	Deduplicated()
}

// ObservedWebhookHandler is WebhookHandler with its outcomes reported to
// obs. It reads them off the answer's status, which WebhookHandler keeps in
// a one-to-one mapping with the reasons, so the route itself stays as it is.
func ObservedWebhookHandler(obs WebhookObserver, l Limits, secret string, q Enqueuer, key SessionKeyFunc, events ...string) http.Handler {
	next := LimitedWebhookHandler(l, secret, dedupObserver{q, obs}, key, events...)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		obs.Received(r.Header.Get(headerEvent))
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		if reason := rejectReason(sw.status); reason != "" {
			obs.Rejected(reason)
		}
	})
}

// rejectReason names a refusal by the status the route answered.
func rejectReason(status int) string {
	switch status {
	case http.StatusUnauthorized:
		return "signature"
	case http.StatusRequestEntityTooLarge:
		return "too_large"
	case http.StatusBadRequest, http.StatusMethodNotAllowed:
		return "malformed"
	case http.StatusServiceUnavailable:
		return "unavailable"
	}
	return ""
}

// dedupObserver reports the redeliveries the queue recognised.
type dedupObserver struct {
	q   Enqueuer
	obs WebhookObserver
}

func (d dedupObserver) Enqueue(ctx context.Context, del store.Delivery) (bool, error) {
	dup, err := d.q.Enqueue(ctx, del)
	if err == nil && dup {
		d.obs.Deduplicated()
	}
	return dup, err
}

// statusWriter remembers the status written.
type statusWriter struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
}

func (w *statusWriter) WriteHeader(code int) {
	if !w.wroteHeader {
		w.status, w.wroteHeader = code, true
	}
	w.ResponseWriter.WriteHeader(code)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
