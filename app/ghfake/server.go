package ghfake

import (
	"context"
	"crypto/rsa"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"
)

// Server is the in-memory GitHub. All state sits behind one mutex: handlers
// are short and never block while holding it, so one lock keeps every knob
// goroutine-safe without lock-ordering puzzles.
type Server struct {
	prefix string
	webURL string
	clock  func() time.Time
	app    App
	appKey *rsa.PublicKey
	routes []*route

	mu            sync.Mutex
	repos         map[string]*Repo // key: lower-case "owner/name"
	installations map[int64]*installation
	tokens        map[string]*token
	buckets       map[string]*bucket
	rateLimit     int
	users         map[string]int64
	comments      map[int64]*comment
	nextID        int64
	manifests     map[string]ManifestApp
	faults        []*activeFault
	latency       time.Duration
	beforeWrite   func(method, path string)
	records       []RequestRecord
	reqSeq        uint64
}

// Option configures a Server at construction.
type Option func(*Server)

// WithPathPrefix serves the API under p, e.g. "/api/v3" as GitHub Enterprise
// Server does; "" (the default) is the api.github.com layout.
func WithPathPrefix(p string) Option {
	return func(s *Server) {
		s.prefix = ""
		if p = strings.Trim(p, "/"); p != "" {
			s.prefix = "/" + p
		}
	}
}

// WithWebURL sets the base of html_url fields (default "https://github.com",
// or the server's own root when a path prefix is set, as on GHES).
func WithWebURL(u string) Option { return func(s *Server) { s.webURL = strings.TrimSuffix(u, "/") } }

// WithApp sets the GitHub App the server authenticates (default DefaultApp).
func WithApp(a App) Option { return func(s *Server) { s.app = a } }

// WithAppPublicKey makes app JWTs be verified as RS256 against k. Without it
// a JWT only needs the right shape, issuer and lifetime.
func WithAppPublicKey(k *rsa.PublicKey) Option { return func(s *Server) { s.appKey = k } }

// WithClock replaces time.Now for timestamps and commit hashes.
func WithClock(now func() time.Time) Option { return func(s *Server) { s.clock = now } }

// WithRateLimit sets the primary rate limit per credential (default 5000).
func WithRateLimit(n int) Option { return func(s *Server) { s.rateLimit = n } }

// New builds a Server; it serves nothing until Start or use as a Handler.
func New(opts ...Option) *Server {
	s := &Server{
		clock:         time.Now,
		app:           DefaultApp,
		repos:         map[string]*Repo{},
		installations: map[int64]*installation{},
		tokens:        map[string]*token{},
		buckets:       map[string]*bucket{},
		rateLimit:     5000,
		users:         map[string]int64{},
		comments:      map[int64]*comment{},
		nextID:        1000000,
		manifests:     map[string]ManifestApp{},
	}
	for _, o := range opts {
		o(s)
	}
	s.routes = s.buildRoutes()
	return s
}

// Start listens on 127.0.0.1:0. baseURL ends in "/" and includes the path
// prefix, ready for go-github's BaseURL; close stops the listener.
func (s *Server) Start() (baseURL string, close func()) {
	ts := httptest.NewServer(s)
	return ts.URL + s.prefix + "/", ts.Close
}

// now is the server clock truncated to seconds, as GitHub's timestamps are.
func (s *Server) now() time.Time { return s.clock().UTC().Truncate(time.Second) }

// SetLatency adds d before every answer. The wait ends early when the client
// gives up, so tests with deadlines do not hang.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.latency = d
}

// BeforeWrite registers fn to run, outside the lock, just before each
// authenticated content-creating request (see RequestRecord) is applied. A test uses it to play a human
// who pushes between the app's GET and PUT, so the PUT meets a real 409.
func (s *Server) BeforeWrite(fn func(method, path string)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.beforeWrite = fn
}

// wait sleeps for d unless ctx ends first; it reports whether it slept fully.
func wait(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// ServeHTTP runs one request through latency, faults, routing, auth, rate
// limiting and the handler, then records it.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	out := newReply()
	rec := s.serve(out, r)
	if rec.Canceled {
		rec.Status = 0
	} else {
		out.flush(w)
		rec.Status = out.status
	}
	rec.Duration = time.Since(start)
	s.mu.Lock()
	s.records = append(s.records, rec)
	s.mu.Unlock()
}
