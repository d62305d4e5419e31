package main

import (
	"bytes"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/pipewright/pipewright/app/ghfake"
)

// crashGitHub is the GitHub stand-in, in the test process, behind a thin
// proxy that can kill Pipewright at exact moments of a write: before GitHub
// sees it, or after GitHub applied it but before Pipewright hears back.
type crashGitHub struct {
	*ghfake.Server
	URL    string // API base, ends in "/"
	KeyPEM string // the App's private key, for GITHUB_PRIVATE_KEY

	mu      sync.Mutex
	onWrite func(r *http.Request, body []byte, after bool) (killed bool)
}

func newCrashGitHub(t *testing.T) *crashGitHub {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	g := &crashGitHub{
		Server: ghfake.New(ghfake.WithAppPublicKey(&key.PublicKey)),
		KeyPEM: string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})),
	}
	ts := httptest.NewServer(g)
	t.Cleanup(ts.Close)
	g.URL = ts.URL + "/"
	return g
}

// isWrite is a content-creating call on a repository (comments, contents,
// refs, pulls), the calls whose effects must happen exactly once.
func isWrite(r *http.Request) bool {
	return r.Method != http.MethodGet && r.Method != http.MethodHead && strings.HasPrefix(r.URL.Path, "/repos/")
}

// OnWrite sets the hook that may kill the server around each write.
func (g *crashGitHub) OnWrite(fn func(r *http.Request, body []byte, after bool) (killed bool)) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.onWrite = fn
}

func (g *crashGitHub) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	g.mu.Lock()
	hook := g.onWrite
	g.mu.Unlock()
	if hook == nil || !isWrite(r) {
		g.Server.ServeHTTP(w, r)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return // the caller died while sending
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if hook(r, body, false) {
		return // the caller died before GitHub saw its request
	}
	rec := httptest.NewRecorder()
	g.Server.ServeHTTP(rec, r)
	if hook(r, body, true) {
		return // GitHub applied it; the caller died before hearing so
	}
	for k, v := range rec.Header() {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes())
}
