package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/google/go-github/v62/github"
	"github.com/palantir/go-githubapp/githubapp"
	"github.com/rs/zerolog"

	"github.com/pipewright/pipewright/app/store"
)

// WebhookPath is where GitHub posts deliveries.
const WebhookPath = "/api/github/hook"

// MaxBodyBytes is GitHub's cap on a webhook payload; anything larger is not
// from GitHub and is refused before it is read whole.
const MaxBodyBytes = 25 << 20

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
// 503 when the store cannot take it (GitHub's "redeliver" then works).
// Success is go-githubapp's default answer: 200 for a stored delivery (and
// ping), 202 for an event that is not routed.
func WebhookHandler(secret string, q Enqueuer, key SessionKeyFunc, events ...string) http.Handler {
	return &intake{secret: []byte(secret), queue: q, sessionKey: key, events: slices.Clone(events)}
}

type intake struct {
	secret     []byte
	queue      Enqueuer
	sessionKey SessionKeyFunc
	events     []string // a handful: a scan beats a map
}

func (h *intake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "webhooks are POSTed", http.StatusMethodNotAllowed)
		return
	}
	event, id := r.Header.Get(headerEvent), r.Header.Get(headerDelivery)
	if r.ContentLength > MaxBodyBytes {
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
	body, err := readBody(w, r)
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			reject(w, r, event, id, err, "payload too large", http.StatusRequestEntityTooLarge)
			return
		}
		reject(w, r, event, id, err, "invalid webhook: "+err.Error(), http.StatusBadRequest)
		return
	}
	defer putBody(body) // Enqueue keeps no reference to it
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

// errBodyLength is a body that does not match its Content-Length.
var errBodyLength = errors.New("body length does not match Content-Length")

// readBody reads the whole body, at most MaxBodyBytes. With a known
// Content-Length (already at most MaxBodyBytes) it reads into one buffer of
// exactly that size; a shorter or longer body is errBodyLength. Otherwise
// (chunked) it reads through http.MaxBytesReader, whose error means 413.
//
// Bodies up to pooledBody bytes (nearly every delivery) are read into a
// pooled buffer, which the caller hands back with putBody once Enqueue has
// returned (see Enqueuer): a fresh 16 KB buffer per request was most of the
// route's garbage, and collecting it kept the CPUs from the requests
// (pwbench: +6-8 %).
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	rb := r.Body
	if rb == nil {
		rb = http.NoBody
	}
	n := r.ContentLength
	if n < 0 {
		return io.ReadAll(http.MaxBytesReader(w, rb, MaxBodyBytes))
	}
	if n == 0 {
		if extra, _ := rb.Read(make([]byte, 1)); extra > 0 {
			return nil, errBodyLength
		}
		return []byte{}, nil
	}
	body := getBody(n)
	if _, err := io.ReadFull(rb, body); err != nil {
		putBody(body)
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil, errBodyLength
		}
		return nil, err
	}
	// Nothing may follow. net/http's server never hands over more than
	// Content-Length, but a handler can be called with any io.Reader. The
	// probe borrows body[0] (a Reader may scribble on its whole buffer even
	// when it returns nothing) so that the check costs no allocation.
	first := body[0]
	extra, _ := rb.Read(body[:1])
	body[0] = first
	if extra > 0 {
		putBody(body)
		return nil, errBodyLength
	}
	return body, nil
}

// pooledBody is the largest body read into a pooled buffer; GitHub's
// deliveries are mostly 5 to 30 KB.
const pooledBody = 64 << 10

var bodyPool = sync.Pool{New: func() any { return new([pooledBody]byte) }}

// getBody returns a buffer of length n, pooled when n is small enough.
func getBody(n int64) []byte {
	if n > pooledBody {
		return make([]byte, n)
	}
	return bodyPool.Get().(*[pooledBody]byte)[:n]
}

// putBody hands a getBody buffer back; nothing may use it afterwards.
func putBody(body []byte) {
	if cap(body) == pooledBody {
		bodyPool.Put((*[pooledBody]byte)(body[:pooledBody]))
	}
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
