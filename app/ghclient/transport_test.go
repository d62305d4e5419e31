package ghclient

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/pace"
)

// script answers each attempt in turn; the last answer repeats.
type answer struct {
	status  int
	headers map[string]string
	drop    bool // close the connection without answering
}

type recorder struct {
	mu     sync.Mutex
	bodies []string
}

func serve(t *testing.T, answers []answer) (*httptest.Server, *recorder) {
	t.Helper()
	rec := &recorder{}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		n := len(rec.bodies)
		rec.bodies = append(rec.bodies, string(b))
		rec.mu.Unlock()
		a := answers[min(n, len(answers)-1)]
		if a.drop {
			hj, _ := w.(http.Hijacker)
			conn, _, _ := hj.Hijack()
			conn.Close()
			return
		}
		for k, v := range a.headers {
			w.Header().Set(k, v)
		}
		w.WriteHeader(a.status)
	}))
	t.Cleanup(ts.Close)
	return ts, rec
}

func TestRetries(t *testing.T) {
	now := time.Unix(1_800_000_000, 0)
	reset := strconv.FormatInt(now.Add(10*time.Second).Unix(), 10)
	tests := []struct {
		name      string
		method    string
		answers   []answer
		maxWait   time.Duration
		wantTries int
		wantFinal int // 0: a transport error
		wantWaits []time.Duration
	}{
		{"GET 502 is retried", "GET", []answer{{status: 502}, {status: 200}}, 0, 2, 200, []time.Duration{-1}},
		{"POST 502 is not retried: it may have landed", "POST", []answer{{status: 502}, {status: 201}}, 0, 1, 502, nil},
		{"PUT 502 is retried: a stale sha makes it safe", "PUT", []answer{{status: 502}, {status: 200}}, 0, 2, 200, []time.Duration{-1}},
		{"secondary limit honours Retry-After", "POST", []answer{{status: 403, headers: map[string]string{"Retry-After": "3"}}, {status: 201}}, 0, 2, 201, []time.Duration{3 * time.Second}},
		{"429 without Retry-After waits a minute", "POST", []answer{{status: 429}, {status: 201}}, 0, 2, 201, []time.Duration{time.Minute}},
		{"primary limit waits for x-ratelimit-reset", "GET", []answer{{status: 403, headers: map[string]string{"X-RateLimit-Remaining": "0", "X-RateLimit-Reset": reset}}, {status: 200}}, 0, 2, 200, []time.Duration{10 * time.Second}},
		{"a plain 403 is an answer, not a limit", "GET", []answer{{status: 403}}, 0, 1, 403, nil},
		{"a wait beyond MaxWait gives up with GitHub's answer", "POST", []answer{{status: 403, headers: map[string]string{"Retry-After": "600"}}}, 2 * time.Minute, 1, 403, nil},
		{"GET network error is retried", "GET", []answer{{drop: true}, {status: 200}}, 0, 2, 200, []time.Duration{-1}},
		{"POST network error is not retried", "POST", []answer{{drop: true}, {status: 201}}, 0, 1, 0, nil},
		{"attempts are bounded", "GET", []answer{{status: 503}}, 0, 3, 503, []time.Duration{-1, -1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts, rec := serve(t, tt.answers)
			var waits []time.Duration
			clk := &fakeClock{now: now}
			p := NewPacer()
			clk.install(p)
			mw := Middleware(Options{
				MaxAttempts: 3, MaxWait: tt.maxWait, BaseBackoff: time.Millisecond, Pacer: p,
				Now: func() time.Time { return clk.now },
				Sleep: func(ctx context.Context, d time.Duration) error {
					waits = append(waits, d)
					return p.sleep(ctx, d)
				},
			})
			client := &http.Client{Transport: mw(http.DefaultTransport)}
			req, _ := http.NewRequest(tt.method, ts.URL+"/repos/acme/shop/issues/1/comments", strings.NewReader(`{"body":"hi"}`))
			resp, err := client.Do(req)
			if tt.wantFinal == 0 {
				if err == nil {
					t.Fatalf("want a transport error, got %d", resp.StatusCode)
				}
			} else {
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				if resp.StatusCode != tt.wantFinal {
					t.Errorf("status = %d, want %d", resp.StatusCode, tt.wantFinal)
				}
			}
			rec.mu.Lock()
			defer rec.mu.Unlock()
			if len(rec.bodies) != tt.wantTries {
				t.Errorf("attempts = %d, want %d", len(rec.bodies), tt.wantTries)
			}
			for i, b := range rec.bodies {
				if tt.method != "GET" && b != `{"body":"hi"}` {
					t.Errorf("attempt %d body = %q: the body must be replayed", i+1, b)
				}
			}
			if len(waits) != len(tt.wantWaits) {
				t.Fatalf("waits = %v, want %d of them", waits, len(tt.wantWaits))
			}
			for i, w := range tt.wantWaits {
				if w >= 0 && waits[i] != w {
					t.Errorf("wait %d = %v, want %v", i, waits[i], w)
				}
			}
		})
	}
}

// TestPacerHoldsBackPerInstallation: a minute's 80 go at once, the 81st
// is handed back to come back in a minute (not waited for), and another
// installation's budget is its own: one backlog does not delay the others.
func TestPacerHoldsBackPerInstallation(t *testing.T) {
	p := NewPacer()
	ctx := context.Background()
	for i := range PerMinute {
		if err := p.Wait(ctx, "installation:1"); err != nil {
			t.Fatalf("request %d of the minute's budget: %v", i+1, err)
		}
	}
	var d *DeferredError
	if err := p.Wait(ctx, "installation:1"); !errors.As(err, &d) || d.Wait < 59*time.Second || d.Wait > time.Minute+pace.Margin {
		t.Fatalf("the 81st content-creating request in a minute: %v, want deferred by about a minute", err)
	}
	if err := p.Wait(ctx, "installation:2"); err != nil {
		t.Fatalf("another installation was held back: %v", err)
	}
}

func TestInstallationKey(t *testing.T) {
	tests := []struct {
		ua, auth, path, want string
	}{
		{"pipewright (installation: 42)", "", "/repos/a/b/issues/1/comments", "installation:42"},
		{"go-github", "token x", "/repos/a/b", "auth:token x"},
		{"", "", "/api/v3/repos/Acme/shop/contents/x", "owner:acme"},
		{"", "", "/app", ""},
	}
	for _, tt := range tests {
		r, _ := http.NewRequest("POST", "http://h"+tt.path, nil)
		r.Header.Set("User-Agent", tt.ua)
		if tt.auth != "" {
			r.Header.Set("Authorization", tt.auth)
		}
		if got := InstallationKey(r); got != tt.want {
			t.Errorf("InstallationKey(%q, %q, %q) = %q, want %q", tt.ua, tt.auth, tt.path, got, tt.want)
		}
	}
}

func TestContentCreating(t *testing.T) {
	tests := []struct {
		method, path string
		want         bool
	}{
		{"GET", "/repos/a/b/contents/x", false},
		{"POST", "/repos/a/b/issues/1/comments", true},
		{"PUT", "/repos/a/b/contents/x", true},
		{"POST", "/app/installations/1/access_tokens", false},
		{"POST", "/app-manifests/abc/conversions", false},
	}
	for _, tt := range tests {
		r, _ := http.NewRequest(tt.method, "http://h"+tt.path, nil)
		if got := ContentCreating(r); got != tt.want {
			t.Errorf("ContentCreating(%s %s) = %v", tt.method, tt.path, got)
		}
	}
}

func TestSleepStopsWithContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := sleep(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Fatalf("sleep = %v, want context.Canceled", err)
	}
}
