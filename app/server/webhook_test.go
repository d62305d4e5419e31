package server_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha1"
	"encoding/hex"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/delivery"
	"github.com/pipewright/pipewright/app/sandbox"
	"github.com/pipewright/pipewright/app/server"
	"github.com/pipewright/pipewright/app/store/storetest"
)

// hook is a sandbox whose webhook route a test posts raw requests to.
type hook struct {
	*sandbox.Sandbox
	ctx    context.Context
	thread *sandbox.Thread
	seq    int
}

func startHook(t *testing.T, dsn string) *hook {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 45*time.Second)
	t.Cleanup(cancel)
	sb, err := sandbox.Start(ctx, sandbox.Options{Dir: t.TempDir(), DSN: dsn, Service: fastService()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := sb.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	sb.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
	return &hook{Sandbox: sb, ctx: ctx, thread: sb.Issue("acme", "shop", 1, "Step 4")}
}

// payload is a valid issue_comment delivery body.
func (h *hook) payload(t *testing.T, body string) []byte {
	t.Helper()
	c := h.thread.Comment("dana", body)
	c.Installation = h.Installation
	p, err := c.Payload()
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// post sends a raw request; headers are set after the defaults, and a
// header set to "" is removed.
func (h *hook) post(t *testing.T, body io.Reader, length int64, headers map[string]string) int {
	t.Helper()
	req, err := http.NewRequestWithContext(h.ctx, http.MethodPost, h.HookURL, body)
	if err != nil {
		t.Fatal(err)
	}
	req.ContentLength = length
	h.seq++
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-GitHub-Event", "issue_comment")
	req.Header.Set("X-GitHub-Delivery", "raw-"+strings.Repeat("x", h.seq))
	for k, v := range headers {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header.Set(k, v)
		}
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("post: %v", err)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, resp.Body)
	return resp.StatusCode
}

// signed posts body with a valid SHA-256 signature.
func (h *hook) signed(t *testing.T, body []byte, headers map[string]string) int {
	t.Helper()
	hs := map[string]string{"X-Hub-Signature-256": delivery.Sign(h.Secret, body)}
	for k, v := range headers {
		hs[k] = v
	}
	return h.post(t, bytes.NewReader(body), int64(len(body)), hs)
}

// inboxRows counts the deliveries the store holds.
func (h *hook) inboxRows(t *testing.T) int {
	t.Helper()
	const q = "SELECT count(*) FROM pw_inbox"
	var n int
	var err error
	if pool := h.Service.Store().PGXPool(); pool != nil {
		err = pool.QueryRow(h.ctx, q).Scan(&n)
	} else {
		err = h.Service.Store().SQLDB().QueryRowContext(h.ctx, q).Scan(&n)
	}
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (h *hook) idle(t *testing.T) {
	t.Helper()
	if err := h.WaitIdle(h.ctx); err != nil {
		t.Fatal(err)
	}
}

func sha1Sign(secret string, body []byte) string {
	m := hmac.New(sha1.New, []byte(secret))
	m.Write(body)
	return "sha1=" + hex.EncodeToString(m.Sum(nil))
}

func TestWebhookRefusesUnsignedAndOversized(t *testing.T) {
	t.Parallel()
	storetest.Each(t, testRefusals)
}

func testRefusals(t *testing.T, dsn string) {
	h := startHook(t, dsn)
	body := h.payload(t, "/start")
	huge := bytes.Repeat([]byte(" "), server.MaxBodyBytes+1)
	tests := []struct {
		name string
		send func() int
		want int
	}{
		{"bad signature", func() int {
			return h.post(t, bytes.NewReader(body), int64(len(body)), map[string]string{"X-Hub-Signature-256": delivery.Sign("wrong secret", body)})
		}, http.StatusUnauthorized},
		{"signature of other bytes", func() int {
			return h.post(t, bytes.NewReader(body), int64(len(body)), map[string]string{"X-Hub-Signature-256": delivery.Sign(h.Secret, append(body, ' '))})
		}, http.StatusUnauthorized},
		{"garbled signature", func() int {
			return h.post(t, bytes.NewReader(body), int64(len(body)), map[string]string{"X-Hub-Signature-256": "sha256=zz"})
		}, http.StatusUnauthorized},
		{"only the legacy SHA-1 signature", func() int {
			return h.post(t, bytes.NewReader(body), int64(len(body)), map[string]string{"X-Hub-Signature": sha1Sign(h.Secret, body)})
		}, http.StatusUnauthorized},
		{"no signature", func() int { return h.post(t, bytes.NewReader(body), int64(len(body)), nil) }, http.StatusUnauthorized},
		{"over 25 MiB, announced", func() int {
			return h.post(t, bytes.NewReader(huge), int64(len(huge)), map[string]string{"X-Hub-Signature-256": delivery.Sign(h.Secret, huge)})
		}, http.StatusRequestEntityTooLarge},
		{"over 25 MiB, chunked", func() int {
			return h.post(t, io.MultiReader(bytes.NewReader(huge)), -1, map[string]string{"X-Hub-Signature-256": delivery.Sign(h.Secret, huge)})
		}, http.StatusRequestEntityTooLarge},
		{"GET", func() int {
			req, _ := http.NewRequestWithContext(h.ctx, http.MethodGet, h.HookURL, nil)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			return resp.StatusCode
		}, http.StatusMethodNotAllowed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.send(); got != tt.want {
				t.Errorf("status %d, want %d", got, tt.want)
			}
		})
	}
	h.idle(t)
	if n := h.inboxRows(t); n != 0 {
		t.Errorf("%d deliveries stored from refused requests", n)
	}
	if recs := h.GitHub.Requests(); len(recs) != 0 {
		t.Errorf("GitHub was called %d times for refused requests", len(recs))
	}
	// A proper delivery still works.
	if got := h.signed(t, body, nil); got/100 != 2 {
		t.Fatalf("signed delivery: %d", got)
	}
	h.idle(t)
	if n := len(h.thread.Replies()); n != 1 {
		t.Errorf("%d replies to the signed delivery, want 1", n)
	}
}
