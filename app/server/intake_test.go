package server_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"testing/iotest"

	"github.com/rs/zerolog"

	"github.com/pipewright/pipewright/app/delivery"
	"github.com/pipewright/pipewright/app/server"
	"github.com/pipewright/pipewright/app/store"
)

// memQueue is an Enqueuer that keeps what it is given, in memory, copying
// the payload as the Enqueuer contract requires.
type memQueue struct {
	mu   sync.Mutex
	got  []store.Delivery
	seen map[string]bool
	err  error // returned by every Enqueue when set
}

func (q *memQueue) Enqueue(_ context.Context, d store.Delivery) (bool, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.err != nil {
		return false, q.err
	}
	if q.seen == nil {
		q.seen = map[string]bool{}
	}
	if q.seen[d.ID] {
		return true, nil
	}
	q.seen[d.ID] = true
	d.Payload = bytes.Clone(d.Payload)
	q.got = append(q.got, d)
	return false, nil
}

func (q *memQueue) stored() []store.Delivery {
	q.mu.Lock()
	defer q.mu.Unlock()
	return append([]store.Delivery(nil), q.got...)
}

// keyOf is a SessionKeyFunc that shows what it was given.
func keyOf(event string, payload []byte) string {
	return event + ":" + string(payload[:min(len(payload), 8)])
}

// intakeRequest is a delivery the way GitHub sends it: POST, JSON, signed
// with benchSecret; set and del then change it.
type intakeRequest struct {
	body   io.Reader
	length int64
	set    map[string]string
	del    []string
	method string
}

func (ir intakeRequest) build(ctx context.Context, raw []byte) *http.Request {
	body := ir.body
	if body == nil {
		body = bytes.NewReader(raw)
	}
	r := httptest.NewRequestWithContext(ctx, http.MethodPost, server.WebhookPath, body)
	if ir.method != "" {
		r.Method = ir.method
	}
	r.ContentLength = int64(len(raw))
	if ir.length != 0 {
		r.ContentLength = ir.length
	}
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("X-GitHub-Event", "issue_comment")
	r.Header.Set("X-GitHub-Delivery", "d-1")
	r.Header.Set("X-Hub-Signature-256", delivery.Sign(benchSecret, raw))
	for k, v := range ir.set {
		r.Header.Set(k, v)
	}
	for _, k := range ir.del {
		r.Header.Del(k)
	}
	return r
}

// errRead is a body whose reading shows: the answer becomes a 400.
var errRead = iotest.ErrReader(errors.New("the body was read"))

func formBody(json []byte) []byte { return []byte("payload=" + url.QueryEscape(string(json))) }

func TestWebhookIntakeStatuses(t *testing.T) {
	t.Parallel()
	payload := commentFixture(t)
	small := []byte(`{"action":"created","comment":{"body":"/start"}}`)
	form := formBody(small)
	tests := []struct {
		name  string
		raw   []byte // the body sent (and signed, unless set overrides)
		req   intakeRequest
		fail  error // the store's error
		want  int
		store []byte // the payload stored, when one should be
	}{
		{name: "JSON", raw: payload, want: http.StatusOK, store: payload},
		{name: "JSON with a charset", raw: small, req: intakeRequest{set: map[string]string{"Content-Type": "application/json; charset=utf-8"}}, want: http.StatusOK, store: small},
		{name: "JSON in capitals", raw: small, req: intakeRequest{set: map[string]string{"Content-Type": "Application/JSON"}}, want: http.StatusOK, store: small},
		{name: "form-encoded", raw: form, req: intakeRequest{set: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}}, want: http.StatusOK, store: small},
		{name: "form-encoded with a charset", raw: form, req: intakeRequest{set: map[string]string{"Content-Type": "application/x-www-form-urlencoded; charset=UTF-8"}}, want: http.StatusOK, store: small},
		{name: "form-encoded, big", raw: formBody(payload), req: intakeRequest{set: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}}, want: http.StatusOK, store: payload},
		{name: "form-encoded signed over the JSON", raw: form, req: intakeRequest{set: map[string]string{"Content-Type": "application/x-www-form-urlencoded", "X-Hub-Signature-256": delivery.Sign(benchSecret, small)}}, want: http.StatusUnauthorized},
		{name: "form with a bad escape", raw: []byte("payload=%zz"), req: intakeRequest{set: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}}, want: http.StatusBadRequest},
		{name: "form without a payload field", raw: []byte("other=1"), req: intakeRequest{set: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}}, want: http.StatusOK, store: []byte{}},
		{name: "chunked", raw: payload, req: intakeRequest{length: -1}, want: http.StatusOK, store: payload},
		{name: "empty body", raw: []byte{}, want: http.StatusOK, store: []byte{}},
		{name: "signature in capital hex", raw: small, req: intakeRequest{set: map[string]string{"X-Hub-Signature-256": "sha256=" + strings.ToUpper(strings.TrimPrefix(delivery.Sign(benchSecret, small), "sha256="))}}, want: http.StatusOK, store: small},
		{name: "legacy SHA-1 header as well", raw: small, req: intakeRequest{set: map[string]string{"X-Hub-Signature": sha1Sign(benchSecret, small)}}, want: http.StatusOK, store: small},

		{name: "GET", raw: small, req: intakeRequest{method: http.MethodGet}, want: http.StatusMethodNotAllowed},
		{name: "over the limit, announced", raw: small, req: intakeRequest{body: errRead, length: server.MaxBodyBytes + 1}, want: http.StatusRequestEntityTooLarge},
		{name: "over the limit, chunked", raw: bytes.Repeat([]byte(" "), server.MaxBodyBytes+1), req: intakeRequest{length: -1}, want: http.StatusRequestEntityTooLarge},
		{name: "shorter than Content-Length", raw: small, req: intakeRequest{length: int64(len(small)) + 1}, want: http.StatusBadRequest},
		{name: "longer than Content-Length", raw: small, req: intakeRequest{length: int64(len(small)) - 1}, want: http.StatusBadRequest},
		{name: "body ends in an error", raw: small, req: intakeRequest{body: iotest.TimeoutReader(bytes.NewReader(small)), length: 100}, want: http.StatusBadRequest},

		{name: "no signature", raw: small, req: intakeRequest{del: []string{"X-Hub-Signature-256"}}, want: http.StatusUnauthorized},
		{name: "only the legacy SHA-1 signature", raw: small, req: intakeRequest{set: map[string]string{"X-Hub-Signature": sha1Sign(benchSecret, small)}, del: []string{"X-Hub-Signature-256"}}, want: http.StatusUnauthorized},
		{name: "SHA-1 in the SHA-256 header", raw: small, req: intakeRequest{set: map[string]string{"X-Hub-Signature-256": sha1Sign(benchSecret, small)}}, want: http.StatusUnauthorized},
		{name: "wrong secret", raw: small, req: intakeRequest{set: map[string]string{"X-Hub-Signature-256": delivery.Sign("wrong secret", small)}}, want: http.StatusUnauthorized},
		{name: "signature of other bytes", raw: small, req: intakeRequest{set: map[string]string{"X-Hub-Signature-256": delivery.Sign(benchSecret, append(small, ' '))}}, want: http.StatusUnauthorized},
		{name: "garbled signature", raw: small, req: intakeRequest{set: map[string]string{"X-Hub-Signature-256": "sha256=zz"}}, want: http.StatusUnauthorized},
		{name: "empty signature", raw: small, req: intakeRequest{set: map[string]string{"X-Hub-Signature-256": "sha256="}}, want: http.StatusUnauthorized},
		{name: "truncated signature", raw: small, req: intakeRequest{set: map[string]string{"X-Hub-Signature-256": delivery.Sign(benchSecret, small)[:40]}}, want: http.StatusUnauthorized},

		{name: "no event type", raw: small, req: intakeRequest{del: []string{"X-GitHub-Event"}}, want: http.StatusBadRequest},
		{name: "no delivery id", raw: small, req: intakeRequest{del: []string{"X-GitHub-Delivery"}}, want: http.StatusBadRequest},
		{name: "no Content-Type", raw: small, req: intakeRequest{del: []string{"Content-Type"}}, want: http.StatusBadRequest},
		{name: "unsupported Content-Type", raw: small, req: intakeRequest{set: map[string]string{"Content-Type": "text/plain"}}, want: http.StatusBadRequest},
		{name: "Content-Type with a broken parameter", raw: small, req: intakeRequest{set: map[string]string{"Content-Type": "application/json; charset"}}, want: http.StatusBadRequest},
		{name: "multipart", raw: small, req: intakeRequest{set: map[string]string{"Content-Type": "multipart/form-data; boundary=x"}}, want: http.StatusBadRequest},

		{name: "an event Pipewright does not route", raw: small, req: intakeRequest{set: map[string]string{"X-GitHub-Event": "issues"}}, want: http.StatusAccepted},
		{name: "ping", raw: small, req: intakeRequest{set: map[string]string{"X-GitHub-Event": "ping"}}, want: http.StatusOK},
		{name: "store failure", raw: small, fail: errors.New("disk full"), want: http.StatusServiceUnavailable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			q := &memQueue{err: tt.fail}
			h := server.WebhookHandler(benchSecret, q, keyOf, "issue_comment")
			w := httptest.NewRecorder()
			h.ServeHTTP(w, tt.req.build(context.Background(), tt.raw))
			if w.Code != tt.want {
				t.Fatalf("status %d (%q), want %d", w.Code, w.Body.String(), tt.want)
			}
			got := q.stored()
			if tt.store == nil {
				if len(got) != 0 {
					t.Errorf("%d deliveries stored, want none", len(got))
				}
			} else {
				if len(got) != 1 {
					t.Fatalf("%d deliveries stored, want 1", len(got))
				}
				d := got[0]
				if d.ID != "d-1" || d.Event != "issue_comment" || d.SessionKey != keyOf("issue_comment", tt.store) || !bytes.Equal(d.Payload, tt.store) {
					t.Errorf("stored {%q %q %q %d bytes}, want {d-1 issue_comment %q %d bytes}", d.ID, d.Event, d.SessionKey, len(d.Payload), keyOf("issue_comment", tt.store), len(tt.store))
				}
			}
			if tt.want/100 == 2 && w.Body.Len() != 0 {
				t.Errorf("success body %q, want empty", w.Body.String())
			}
		})
	}
}

// The answers' texts are what GitHub shows in its delivery log.
func TestWebhookIntakeAnswers(t *testing.T) {
	t.Parallel()
	small := []byte(`{"action":"created"}`)
	tests := []struct {
		name   string
		req    intakeRequest
		fail   error
		status int
		body   string
	}{
		{"GET", intakeRequest{method: http.MethodGet}, nil, 405, "webhooks are POSTed\n"},
		{"too large", intakeRequest{length: server.MaxBodyBytes + 1}, nil, 413, "payload too large\n"},
		{"no signature", intakeRequest{del: []string{"X-Hub-Signature-256"}}, nil, 401, "missing X-Hub-Signature-256\n"},
		{"bad signature", intakeRequest{set: map[string]string{"X-Hub-Signature-256": "sha256=00"}}, nil, 401, "invalid signature\n"},
		{"no event", intakeRequest{del: []string{"X-GitHub-Event"}}, nil, 400, "invalid webhook: missing X-GitHub-Event header\n"},
		{"no delivery", intakeRequest{del: []string{"X-GitHub-Delivery"}}, nil, 400, "invalid webhook: missing X-GitHub-Delivery header\n"},
		{"text", intakeRequest{set: map[string]string{"Content-Type": "text/plain"}}, nil, 400, "invalid webhook: unsupported Content-Type \"text/plain\"\n"},
		{"store", intakeRequest{}, errors.New("disk full"), 503, "could not store the delivery; please redeliver\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := server.WebhookHandler(benchSecret, &memQueue{err: tt.fail}, keyOf, "issue_comment")
			w := httptest.NewRecorder()
			h.ServeHTTP(w, tt.req.build(context.Background(), small))
			if w.Code != tt.status || w.Body.String() != tt.body {
				t.Errorf("answer %d %q, want %d %q", w.Code, w.Body.String(), tt.status, tt.body)
			}
			if tt.status == 405 && w.Header().Get("Allow") != "POST" {
				t.Errorf("Allow: %q, want POST", w.Header().Get("Allow"))
			}
		})
	}
}

func TestWebhookIntakeDuplicate(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	ctx := zerolog.New(&logs).Level(zerolog.InfoLevel).WithContext(context.Background())
	q := &memQueue{}
	h := server.WebhookHandler(benchSecret, q, keyOf, "issue_comment")
	body := []byte(`{"action":"created"}`)
	for i := range 2 {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, intakeRequest{}.build(ctx, body))
		if w.Code != http.StatusOK {
			t.Fatalf("delivery %d: status %d", i+1, w.Code)
		}
	}
	if n := len(q.stored()); n != 1 {
		t.Errorf("%d stored, want 1", n)
	}
	out := logs.String()
	if strings.Count(out, "\n") != 1 || !strings.Contains(out, `"message":"duplicate delivery: already stored"`) ||
		!strings.Contains(out, `"github_delivery_id":"d-1"`) || !strings.Contains(out, `"github_event_type":"issue_comment"`) {
		t.Errorf("logs at Info, want just the duplicate line:\n%s", out)
	}
}

func TestWebhookIntakeLogs(t *testing.T) {
	t.Parallel()
	body := []byte(`{"action":"created"}`)
	serve := func(level zerolog.Level, req intakeRequest, q server.Enqueuer) string {
		var logs bytes.Buffer
		ctx := zerolog.New(&logs).Level(level).WithContext(context.Background())
		server.WebhookHandler(benchSecret, q, keyOf, "issue_comment").ServeHTTP(httptest.NewRecorder(), req.build(ctx, body))
		return logs.String()
	}
	if out := serve(zerolog.InfoLevel, intakeRequest{}, &memQueue{}); out != "" {
		t.Errorf("a stored delivery logged at Info:\n%s", out)
	}
	if out := serve(zerolog.DebugLevel, intakeRequest{}, &memQueue{}); !strings.Contains(out, `"level":"debug"`) || !strings.Contains(out, `"message":"webhook received"`) || !strings.Contains(out, `"github_delivery_id":"d-1"`) {
		t.Errorf("at Debug, want the received line:\n%s", out)
	}
	for _, tt := range []struct {
		name string
		req  intakeRequest
		q    server.Enqueuer
		want string
	}{
		{"bad signature", intakeRequest{set: map[string]string{"X-Hub-Signature-256": "sha256=00"}}, &memQueue{}, `"level":"warn"`},
		{"malformed", intakeRequest{set: map[string]string{"Content-Type": "text/plain"}}, &memQueue{}, `"message":"rejected delivery: malformed"`},
		{"store", intakeRequest{}, &memQueue{err: errors.New("disk full")}, `"error":"disk full"`},
	} {
		out := serve(zerolog.InfoLevel, tt.req, tt.q)
		if !strings.Contains(out, tt.want) || !strings.Contains(out, `"github_event_type":"issue_comment"`) || !strings.Contains(out, `"github_delivery_id":"d-1"`) {
			t.Errorf("%s: logs want %s with the event and delivery:\n%s", tt.name, tt.want, out)
		}
	}
}

// Each delivery is handed to the queue exactly as sent, although the
// route reads every body into a reused buffer.
func TestWebhookIntakeStoresEachPayloadAsSent(t *testing.T) {
	t.Parallel()
	q := &memQueue{}
	h := server.WebhookHandler(benchSecret, q, keyOf, "issue_comment")
	var sent [][]byte
	for i := range 50 {
		body := []byte(`{"n":` + strings.Repeat("7", i+1) + `}`)
		sent = append(sent, body)
		id := "d-" + strings.Repeat("x", i+1)
		for _, chunked := range []bool{false, true} {
			ir := intakeRequest{set: map[string]string{"X-GitHub-Delivery": id}}
			if chunked {
				ir.length = -1
			}
			w := httptest.NewRecorder()
			h.ServeHTTP(w, ir.build(context.Background(), body))
			if w.Code != http.StatusOK {
				t.Fatalf("delivery %d: status %d", i, w.Code)
			}
		}
	}
	got := q.stored()
	if len(got) != len(sent) {
		t.Fatalf("%d stored, want %d", len(got), len(sent))
	}
	for i, d := range got {
		if !bytes.Equal(d.Payload, sent[i]) {
			t.Errorf("payload %d is now %q, was %q", i, d.Payload, sent[i])
		}
	}
}

type reasons struct {
	mu       sync.Mutex
	rejected []string
	dups     int
}

func (r *reasons) Received(string) {}
func (r *reasons) Rejected(reason string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.rejected = append(r.rejected, reason)
}
func (r *reasons) Deduplicated() { r.mu.Lock(); r.dups++; r.mu.Unlock() }

func TestObservedWebhookIntakeReasons(t *testing.T) {
	t.Parallel()
	body := []byte(`{"action":"created"}`)
	tests := []struct {
		req  intakeRequest
		fail error
		want string
	}{
		{intakeRequest{}, nil, ""},
		{intakeRequest{set: map[string]string{"X-GitHub-Event": "issues"}}, nil, ""},
		{intakeRequest{method: http.MethodPut}, nil, "malformed"},
		{intakeRequest{length: server.MaxBodyBytes + 1}, nil, "too_large"},
		{intakeRequest{set: map[string]string{"X-Hub-Signature-256": "sha256=00"}}, nil, "signature"},
		{intakeRequest{del: []string{"X-GitHub-Delivery"}}, nil, "malformed"},
		{intakeRequest{}, errors.New("disk full"), "unavailable"},
	}
	for i, tt := range tests {
		obs := &reasons{}
		h := server.ObservedWebhookHandler(obs, server.DefaultLimits(), benchSecret, &memQueue{err: tt.fail}, keyOf, "issue_comment")
		h.ServeHTTP(httptest.NewRecorder(), tt.req.build(context.Background(), body))
		want := []string{tt.want}
		if tt.want == "" {
			want = nil
		}
		if strings.Join(obs.rejected, ",") != strings.Join(want, ",") {
			t.Errorf("case %d: rejected %q, want %q", i, obs.rejected, want)
		}
	}
	obs := &reasons{}
	h := server.ObservedWebhookHandler(obs, server.DefaultLimits(), benchSecret, &memQueue{}, keyOf, "issue_comment")
	for range 3 {
		h.ServeHTTP(httptest.NewRecorder(), intakeRequest{}.build(context.Background(), body))
	}
	if obs.dups != 2 || len(obs.rejected) != 0 {
		t.Errorf("three sends of one delivery: %d duplicates, %q rejected; want 2, none", obs.dups, obs.rejected)
	}
}
