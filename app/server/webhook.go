package server

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/palantir/go-githubapp/githubapp"
	"github.com/rs/zerolog"

	"github.com/pipewright/pipewright/app/store"
)

// WebhookPath is where GitHub posts deliveries.
const WebhookPath = "/api/github/hook"

// MaxBodyBytes is GitHub's cap on a webhook payload; anything larger is not
// from GitHub and is refused before it is read whole.
const MaxBodyBytes = 25 << 20

// Enqueuer stores a delivery durably (package queue implements it).
type Enqueuer interface {
	Enqueue(ctx context.Context, d store.Delivery) (dup bool, err error)
}

// SessionKeyFunc names the session a delivery belongs to.
type SessionKeyFunc func(event string, payload []byte) string

// durableScheduler is go-githubapp's Scheduler seam: Schedule returns only
// once the delivery is on disk, so GitHub's 2xx means "safe", and a worker
// processes it later. The dispatch's handler is not called here.
type durableScheduler struct {
	queue      Enqueuer
	sessionKey SessionKeyFunc
}

func (s durableScheduler) Schedule(ctx context.Context, d githubapp.Dispatch) error {
	if d.DeliveryID == "" {
		return githubapp.ValidationError{EventType: d.EventType, Cause: errors.New("missing X-GitHub-Delivery header")}
	}
	dup, err := s.queue.Enqueue(ctx, store.Delivery{
		ID: d.DeliveryID, Event: d.EventType, SessionKey: s.sessionKey(d.EventType, d.Payload), Payload: d.Payload,
	})
	if err != nil {
		return fmt.Errorf("store delivery %s: %w", d.DeliveryID, err)
	}
	if dup {
		zerolog.Ctx(ctx).Info().Msg("duplicate delivery: already stored")
	}
	return nil
}

// routedEvents are the events whose deliveries are stored; the rest are
// acknowledged with 202 and dropped.
type routedEvents []string

func (r routedEvents) Handles() []string { return r }

func (routedEvents) Handle(context.Context, string, string, []byte) error { return nil }

// WebhookHandler returns the webhook route: body size limit, signature
// check (go-githubapp's dispatcher, with go-github's constant-time HMAC),
// then durable storage.
func WebhookHandler(secret string, q Enqueuer, key SessionKeyFunc, events ...string) http.Handler {
	d := githubapp.NewEventDispatcher([]githubapp.EventHandler{routedEvents(events)}, secret,
		githubapp.WithScheduler(durableScheduler{queue: q, sessionKey: key}),
		githubapp.WithErrorCallback(webhookError),
	)
	return limitBody(d)
}

// limitBody answers 413 for bodies over MaxBodyBytes without reading them.
func limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "webhooks are POSTed", http.StatusMethodNotAllowed)
			return
		}
		if r.ContentLength > MaxBodyBytes {
			http.Error(w, "payload too large", http.StatusRequestEntityTooLarge)
			return
		}
		// Only the SHA-256 signature counts: go-github would fall back to the
		// legacy SHA-1 header, which GitHub keeps only for old integrations.
		if !strings.HasPrefix(r.Header.Get("X-Hub-Signature-256"), "sha256=") {
			http.Error(w, "missing X-Hub-Signature-256", http.StatusUnauthorized)
			return
		}
		r.Header.Del("X-Hub-Signature")
		r.Body = http.MaxBytesReader(w, r.Body, MaxBodyBytes)
		next.ServeHTTP(w, r)
	})
}

// webhookError maps failures to statuses GitHub shows in its delivery log:
// 413 too large, 401 bad or missing signature, 400 malformed, 503 when the
// store cannot take it (GitHub's "redeliver" then works).
func webhookError(w http.ResponseWriter, r *http.Request, err error) {
	log := zerolog.Ctx(r.Context())
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		http.Error(w, "payload too large", http.StatusRequestEntityTooLarge)
		return
	}
	var ve githubapp.ValidationError
	if errors.As(err, &ve) {
		if errors.As(ve.Cause, &tooBig) {
			http.Error(w, "payload too large", http.StatusRequestEntityTooLarge)
			return
		}
		msg := strings.ToLower(ve.Cause.Error())
		if strings.Contains(msg, "signature") {
			log.Warn().Err(ve.Cause).Msg("rejected delivery: bad signature")
			http.Error(w, "invalid signature", http.StatusUnauthorized)
			return
		}
		log.Warn().Err(ve.Cause).Msg("rejected delivery: malformed")
		http.Error(w, "invalid webhook: "+ve.Cause.Error(), http.StatusBadRequest)
		return
	}
	log.Error().Err(err).Msg("could not store delivery")
	http.Error(w, "could not store the delivery; please redeliver", http.StatusServiceUnavailable)
}
