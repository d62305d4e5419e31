package server_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-github/v62/github"
	"github.com/rs/zerolog"

	"github.com/pipewright/pipewright/app/delivery"
	"github.com/pipewright/pipewright/app/server"
	"github.com/pipewright/pipewright/app/store"
)

// benchSecret is GitHub's documented test secret (shared/fixtures/webhooks/SIGNATURE.md).
const benchSecret = "It's a Secret to Everybody"

// commentFixture is the captured 16,303-byte issue_comment delivery: the
// shared fixture when it is there, else app/delivery's byte-identical copy.
func commentFixture(tb testing.TB) []byte {
	tb.Helper()
	for _, p := range []string{
		"../../../shared/fixtures/webhooks/issue_comment.created.with-installation.json",
		"../delivery/payloads/issue_comment.created.json",
	} {
		if b, err := os.ReadFile(filepath.FromSlash(p)); err == nil {
			return b
		}
	}
	tb.Fatal("issue_comment fixture not found")
	return nil
}

type nopEnqueuer struct{}

func (nopEnqueuer) Enqueue(context.Context, store.Delivery) (bool, error) { return false, nil }

func constKey(string, []byte) string { return "acme/shop#1" }

// rewindBody is a request body the benchmark rewinds instead of rebuilding.
type rewindBody struct{ bytes.Reader }

func (*rewindBody) Close() error { return nil }

// benchWriter is a ResponseWriter that keeps only the status.
type benchWriter struct {
	h      http.Header
	status int
}

func (w *benchWriter) Header() http.Header         { return w.h }
func (w *benchWriter) Write(p []byte) (int, error) { return len(p), nil }
func (w *benchWriter) WriteHeader(code int)        { w.status = code }

// BenchmarkWebhookIntake measures the route's own work per delivery: one
// signed 16 KB issue_comment through WebhookHandler into a no-op Enqueuer,
// with an Info-level logger in the context as the service installs one.
// The request and writer are reused so that the figures are the handler's.
func BenchmarkWebhookIntake(b *testing.B) {
	payload := commentFixture(b)
	h := server.WebhookHandler(benchSecret, nopEnqueuer{}, constKey, "issue_comment")
	log := zerolog.New(io.Discard).Level(zerolog.InfoLevel).With().Timestamp().Logger()
	body := &rewindBody{}
	req, err := http.NewRequestWithContext(log.WithContext(context.Background()), http.MethodPost, "http://pipewright"+server.WebhookPath, body)
	if err != nil {
		b.Fatal(err)
	}
	req.ContentLength = int64(len(payload))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "GitHub-Hookshot/044aadd")
	req.Header.Set("X-GitHub-Event", "issue_comment")
	req.Header.Set("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
	req.Header.Set("X-GitHub-Hook-ID", "292430182")
	req.Header.Set("X-Hub-Signature-256", delivery.Sign(benchSecret, payload))
	w := &benchWriter{h: http.Header{}}
	b.SetBytes(int64(len(payload)))
	b.ReportAllocs()
	for b.Loop() {
		body.Reset(payload)
		req.Body = body
		clear(w.h)
		w.status = 0
		h.ServeHTTP(w, req)
		if w.status != http.StatusOK {
			b.Fatalf("status %d", w.status)
		}
	}
}

// pooledMAC is the alternative to go-github's ValidateSignature that ADR
// 0007 measured and did not take: pre-keyed HMACs kept in a sync.Pool.
type pooledMAC struct{ pool sync.Pool }

func newPooledMAC(secret string) *pooledMAC {
	key := []byte(secret)
	return &pooledMAC{pool: sync.Pool{New: func() any { return hmac.New(sha256.New, key) }}}
}

func (p *pooledMAC) valid(sig string, body []byte) bool {
	hexsig, ok := strings.CutPrefix(sig, "sha256=")
	if !ok || len(hexsig) != 2*sha256.Size {
		return false
	}
	var want, got [sha256.Size]byte
	if _, err := hex.Decode(want[:], []byte(hexsig)); err != nil {
		return false
	}
	m := p.pool.Get().(hash.Hash)
	m.Reset()
	m.Write(body)
	m.Sum(got[:0])
	p.pool.Put(m)
	return hmac.Equal(got[:], want[:])
}

// BenchmarkSignatureCheck compares the two ways of checking the 16 KB
// delivery's X-Hub-Signature-256 (ADR 0007 has the figures).
func BenchmarkSignatureCheck(b *testing.B) {
	payload := commentFixture(b)
	sig := delivery.Sign(benchSecret, payload)
	b.Run("go-github", func(b *testing.B) {
		secret := []byte(benchSecret)
		b.ReportAllocs()
		for b.Loop() {
			if err := github.ValidateSignature(sig, payload, secret); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("pooled-hmac", func(b *testing.B) {
		p := newPooledMAC(benchSecret)
		b.ReportAllocs()
		for b.Loop() {
			if !p.valid(sig, payload) {
				b.Fatal("invalid")
			}
		}
	})
}
