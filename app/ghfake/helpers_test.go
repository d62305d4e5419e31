package ghfake_test

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha1"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"errors"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/google/go-github/v62/github"
	"github.com/pipewright/pipewright/app/ghfake"
)

// env is a started fake plus a go-github client holding an issued token.
type env struct {
	s    *ghfake.Server
	base string
	tok  string
	gh   *github.Client
}

func newEnv(t *testing.T, opts ...ghfake.Option) *env {
	t.Helper()
	s := ghfake.New(opts...)
	base, stop := s.Start()
	t.Cleanup(stop)
	tok := s.IssueToken(1)
	return &env{s: s, base: base, tok: tok, gh: clientFor(t, base, tok)}
}

func clientFor(t *testing.T, base, tok string) *github.Client {
	t.Helper()
	gh := github.NewClient(nil)
	if tok != "" {
		gh = gh.WithAuthToken(tok)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	gh.BaseURL = u
	return gh
}

// raw does a plain HTTP call with the env's token and decodes JSON, for
// checks of status, headers and shapes that go-github would hide.
func (e *env) raw(t *testing.T, method, path string, body io.Reader, hdr ...string) (*http.Response, any) {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), method, e.base+path, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", "token "+e.tok)
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	var v any
	if len(data) > 0 {
		_ = json.Unmarshal(data, &v)
	}
	return resp, v
}

// errStatus asserts err is a *github.ErrorResponse with the given status
// and returns it.
func errStatus(t *testing.T, err error, status int) *github.ErrorResponse {
	t.Helper()
	var er *github.ErrorResponse
	if !errors.As(err, &er) {
		t.Fatalf("want *github.ErrorResponse %d, got %T %v", status, err, err)
	}
	if er.Response.StatusCode != status {
		t.Fatalf("status = %d, want %d (%v)", er.Response.StatusCode, status, err)
	}
	return er
}

var (
	keyOnce sync.Once
	key     *rsa.PrivateKey
	keyPEM  []byte
)

// appKey is one RSA key per test binary; generating it is the slow part.
func appKey(t *testing.T) (*rsa.PrivateKey, []byte) {
	t.Helper()
	keyOnce.Do(func() {
		k, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			panic(err)
		}
		key = k
		keyPEM = pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)})
	})
	return key, keyPEM
}

// otherKey is a second, unrelated key (smaller: it only has to differ).
func otherKey(t *testing.T) (*rsa.PrivateKey, []byte) {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	return k, pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(k)})
}

// fixture reads shared/fixtures/rest/<name>, found by walking up from the
// package directory (the checkout and shared/ sit side by side).
func fixture(t *testing.T, name string) []byte {
	t.Helper()
	dir, _ := os.Getwd()
	for {
		p := filepath.Join(dir, "shared", "fixtures", "rest", name)
		if data, err := os.ReadFile(p); err == nil {
			return data
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skipf("fixture %s not found above the package directory", name)
		}
		dir = parent
	}
}

var ctx = context.Background()

// gitHashForTest is `git hash-object` computed independently of the fake.
func gitHashForTest(kind, s string) string {
	h := sha1.Sum([]byte(kind + " " + strconv.Itoa(len(s)) + "\x00" + s))
	return hex.EncodeToString(h[:])
}
