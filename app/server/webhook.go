package server

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/google/go-github/v62/github"
	"github.com/palantir/go-githubapp/githubapp"
	"github.com/rs/zerolog"
	"golang.org/x/sync/semaphore"

	"github.com/pipewright/pipewright/app/store"
)

// WebhookPath is where GitHub posts deliveries.
const WebhookPath = "/api/github/hook"

// Enqueuer stores a delivery durably (package queue implements it). It must
// keep no reference to d.Payload, nor to any part of it, once Enqueue
// returns, whatever it returns: the route reads the next request's body into
// the same buffer. Copy what you keep.
type Enqueuer interface {
	Enqueue(ctx context.Context, d store.Delivery) (dup bool, err error)
}

// SessionKeyFunc names the session a delivery belongs to.
type SessionKeyFunc func(event string, payload []byte) string

// The headers GitHub sends, spelled canonically so that Header.Get finds
// them without building the canonical key on every request.
const (
	headerEvent       = "X-Github-Event"
	headerDelivery    = "X-Github-Delivery"
	headerSignature   = "X-Hub-Signature-256"
	headerContentType = "Content-Type"
	signaturePrefix   = "sha256="
	mediaJSON         = "application/json"
	mediaForm         = "application/x-www-form-urlencoded"
)

// WebhookHandler returns the webhook route (ADR 0007): method and size
// limits, X-Hub-Signature-256 checked over the exact body with go-github's
// constant-time HMAC, then durable storage of the routed events before the
// 2xx (ADR 0002). Other events are acknowledged with 202 and dropped.
//
// Statuses, which ObservedWebhookHandler maps to reasons: 405 not a POST,
// 413 too large, 401 missing or wrong signature, 400 malformed (missing
// headers, unsupported Content-Type, body shorter or longer than announced),
// 503 when the store cannot take it, or when the bodies in flight would
// go over the budget (GitHub's "redeliver" then works).
// Success is go-githubapp's default answer: 200 for a stored delivery (and
// ping), 202 for an event that is not routed.
func WebhookHandler(secret string, q Enqueuer, key SessionKeyFunc, events ...string) http.Handler {
	return LimitedWebhookHandler(DefaultLimits(), secret, q, key, events...)
}

// LimitedWebhookHandler is WebhookHandler with l's body limit and budget
// (503 "busy" when the bodies in flight would go over it).
func LimitedWebhookHandler(l Limits, secret string, q Enqueuer, key SessionKeyFunc, events ...string) http.Handler {
	l = l.WithDefaults()
	return &intake{secret: []byte(secret), queue: q, sessionKey: key, events: slices.Clone(events),
		maxBody: l.MaxBody, budget: semaphore.NewWeighted(l.BodyBudget)}
}

type intake struct {
	secret     []byte
	queue      Enqueuer
	sessionKey SessionKeyFunc
	events     []string // a handful: a scan beats a map
	maxBody    int64
	budget     *semaphore.Weighted // bytes of the bodies being read or stored
}

func (h *intake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "webhooks are POSTed", http.StatusMethodNotAllowed)
		return
	}
	event, id := r.Header.Get(headerEvent), r.Header.Get(headerDelivery)
	if r.ContentLength > h.maxBody {
		reject(w, r, event, id, nil, "payload too large", http.StatusRequestEntityTooLarge)
		return
	}
	// Only the SHA-256 signature counts: the legacy SHA-1 X-Hub-Signature,
	// which GitHub keeps for old integrations, is never looked at.
	sig := r.Header.Get(headerSignature)
	if !strings.HasPrefix(sig, signaturePrefix) {
		reject(w, r, event, id, nil, "missing X-Hub-Signature-256", http.StatusUnauthorized)
		return
	}
	if event == "" {
		reject(w, r, event, id, nil, "invalid webhook: missing X-GitHub-Event header", http.StatusBadRequest)
		return
	}
	if id == "" {
		reject(w, r, event, id, nil, "invalid webhook: missing X-GitHub-Delivery header", http.StatusBadRequest)
		return
	}
	form, err := formEncoded(r.Header.Get(headerContentType))
	if err != nil {
		reject(w, r, event, id, err, "invalid webhook: "+err.Error(), http.StatusBadRequest)
		return
	}
	b := &body{budget: h.budget}
	defer b.release() // Enqueue keeps no reference to it
	if err := b.read(r, h.maxBody); err != nil {
		switch {
		case errors.Is(err, errBodyTooLarge):
			reject(w, r, event, id, err, "payload too large", http.StatusRequestEntityTooLarge)
		case errors.Is(err, errBodyBudget):
			w.Header().Set("Retry-After", "10")
			reject(w, r, event, id, err, "busy: too many deliveries being received; please redeliver", http.StatusServiceUnavailable)
		default:
			reject(w, r, event, id, err, "invalid webhook: "+err.Error(), http.StatusBadRequest)
		}
		return
	}
	body := b.buf
	// The signature covers the raw body, form-encoded or not; it is checked
	// before anything in the body is parsed.
	if err := github.ValidateSignature(sig, body, h.secret); err != nil {
		reject(w, r, event, id, err, "invalid signature", http.StatusUnauthorized)
		return
	}
	payload := body
	if form {
		// As go-github does: the JSON is the "payload" form field.
		vals, err := url.ParseQuery(string(body))
		if err != nil {
			reject(w, r, event, id, err, "invalid webhook: form body: "+err.Error(), http.StatusBadRequest)
			return
		}
		payload = []byte(vals.Get("payload"))
	}
	log := zerolog.Ctx(r.Context())
	// Debug, not Info: at the default level the route formats no line per
	// delivery (ADR 0007); rejections and failures below are still logged.
	withDelivery(log.Debug(), event, id).Int("bytes", len(payload)).Msg("webhook received")

	if !slices.Contains(h.events, event) {
		// go-githubapp's DefaultResponseCallback: 202 for an event nobody
		// handles, except ping, which gets 200.
		if event == "ping" {
			w.WriteHeader(http.StatusOK)
		} else {
			w.WriteHeader(http.StatusAccepted)
		}
		return
	}
	// The 2xx means "on disk": Enqueue returns once the delivery is stored.
	dup, err := h.queue.Enqueue(r.Context(), store.Delivery{
		ID: id, Event: event, SessionKey: h.sessionKey(event, payload), Payload: payload,
	})
	if err != nil {
		withDelivery(log.Error(), event, id).Err(err).Msg("could not store delivery")
		http.Error(w, "could not store the delivery; please redeliver", http.StatusServiceUnavailable)
		return
	}
	if dup {
		withDelivery(log.Info(), event, id).Msg("duplicate delivery: already stored")
	}
	w.WriteHeader(http.StatusOK)
}

// formEncoded reports whether a delivery's Content-Type is form-encoded
// (true) or JSON (false), accepting what go-github's ValidatePayload does:
// the media type as mime.ParseMediaType reads it (any case, parameters such
// as "; charset=utf-8", which must parse). The two exact spellings GitHub
// sends skip the parser, which allocates its parameter map.
func formEncoded(contentType string) (bool, error) {
	switch contentType {
	case mediaJSON:
		return false, nil
	case mediaForm:
		return true, nil
	}
	mt, _, err := mime.ParseMediaType(contentType)
	if err != nil {
		return false, fmt.Errorf("Content-Type %q: %w", contentType, err)
	}
	switch mt {
	case mediaJSON:
		return false, nil
	case mediaForm:
		return true, nil
	}
	return false, fmt.Errorf("unsupported Content-Type %q", contentType)
}

// reject answers a refused delivery and logs why, at Warn, with the
// delivery's event type and id under go-githubapp's log keys.
func reject(w http.ResponseWriter, r *http.Request, event, id string, err error, msg string, status int) {
	e := withDelivery(zerolog.Ctx(r.Context()).Warn(), event, id).Err(err).Int("status", status)
	switch status {
	case http.StatusUnauthorized:
		e.Msg("rejected delivery: bad signature")
	case http.StatusRequestEntityTooLarge:
		e.Msg("rejected delivery: too large")
	case http.StatusServiceUnavailable:
		e.Msg("rejected delivery: body budget spent")
	default:
		e.Msg("rejected delivery: malformed")
	}
	http.Error(w, msg, status)
}

// withDelivery adds go-githubapp's log keys for the delivery; e may be nil
// (a disabled level), as with every zerolog event.
func withDelivery(e *zerolog.Event, event, id string) *zerolog.Event {
	return e.Str(githubapp.LogKeyEventType, event).Str(githubapp.LogKeyDeliveryID, id)
}
