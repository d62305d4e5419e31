package ghclient

import (
	"io"
	"net/http/httptest"
	"sync"

	"bytes"
	"encoding/json"
	"errors"
	"github.com/pipewright/pipewright/app/pace"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/rs/zerolog"
)

// TestLimitedAnswersAreLoggedAndNotWaitedPastTheTimeout: a secondary-limit
// 403 is logged at warn with the installation and Retry-After; a retry the
// request's deadline (the HTTP client's timeout) cannot cover is handed
// back as a DeferredError instead of sleeping into that timeout; and each
// attempt GitHub sees takes a slot of the budget.
func TestLimitedAnswersAreLoggedAndNotWaitedPastTheTimeout(t *testing.T) {
	tests := []struct {
		name       string
		retryAfter string
		timeout    time.Duration
		wantTries  int
		wantDefer  time.Duration
	}{
		{"wait within the timeout: retried", "3", 30 * time.Second, 2, 0},
		{"wait beyond the timeout: handed back", "60", 30 * time.Second, 1, time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts, rec := serve(t, []answer{{status: 403, headers: map[string]string{"Retry-After": tt.retryAfter}}, {status: 201}})
			var logs bytes.Buffer
			p := NewPacerWithLimits(Limits{PerMinute: 10, PerHour: 100})
			claims := 0
			p.Booked = func(string, time.Time) { claims++ }
			clk := &fakeClock{now: time.Now()}
			clk.install(p)
			mw := Middleware(Options{
				Pacer: p, Log: zerolog.New(&logs), Now: func() time.Time { return clk.now }, Sleep: p.sleep,
			})
			client := &http.Client{Timeout: tt.timeout, Transport: mw(http.DefaultTransport)}
			req, _ := http.NewRequest("POST", ts.URL+"/repos/acme/shop/issues/1/comments", strings.NewReader(`{"body":"hi"}`))
			req.Header.Set("User-Agent", "pipewright (installation: 42)")
			resp, err := client.Do(req)
			var d *DeferredError
			switch {
			case tt.wantDefer > 0 && (!errors.As(err, &d) || d.Wait != tt.wantDefer):
				t.Fatalf("got %v, want deferred by %s", err, tt.wantDefer)
			case tt.wantDefer == 0 && err != nil:
				t.Fatal(err)
			case err == nil:
				resp.Body.Close()
			}
			if len(rec.bodies) != tt.wantTries || claims != tt.wantTries {
				t.Errorf("%d attempts, %d slots claimed, want %d of each", len(rec.bodies), claims, tt.wantTries)
			}
			var line map[string]any
			if err := json.NewDecoder(&logs).Decode(&line); err != nil {
				t.Fatalf("no log line for the 403: %v", err)
			}
			if line["level"] != "warn" || line["installation"] != "42" || line["retry_after"] != tt.retryAfter || line["status"] != float64(403) {
				t.Errorf("log line %v, want warn with installation 42, status 403 and retry_after %s", line, tt.retryAfter)
			}
		})
	}
}

// TestRateLimitHoldsEveryReplica: GitHub answers one replica's reply with a
// secondary limit; the other replica, sharing the installation's budget,
// sends nothing until the wait GitHub named is over; it is handed back
// (DeferredError) to come back then. Without a Retry-After, GitHub's
// "secondary rate limit" message means a minute. Another installation goes on.
func TestRateLimitHoldsEveryReplica(t *testing.T) {
	tests := []struct {
		name     string
		limited  answer
		body     string
		wantHold time.Duration
	}{
		{"403 with Retry-After", answer{status: 403, headers: map[string]string{"Retry-After": "30"}}, `{"message":"You have exceeded a secondary rate limit."}`, 30 * time.Second},
		{"403 naming the secondary limit, no Retry-After", answer{status: 403}, `{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again."}`, time.Minute},
		{"429 with Retry-After", answer{status: 429, headers: map[string]string{"Retry-After": "20"}}, `{}`, 20 * time.Second},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var sent []string
			var mu sync.Mutex
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				sent = append(sent, r.UserAgent())
				first := len(sent) == 1
				mu.Unlock()
				if first {
					for k, v := range tt.limited.headers {
						w.Header().Set(k, v)
					}
					w.WriteHeader(tt.limited.status)
					_, _ = io.WriteString(w, tt.body)
					return
				}
				w.WriteHeader(http.StatusCreated)
			}))
			defer ts.Close()
			var shared pace.Memory // the store's budget, as every replica sees it
			clk := &fakeClock{now: time.Now()}
			replica := func() *http.Client {
				p := NewPacer()
				p.Budget = &shared
				clk.install(p)
				mw := Middleware(Options{Pacer: p, Now: func() time.Time { return clk.now }, Sleep: p.sleep})
				return &http.Client{Timeout: 10 * time.Second, Transport: mw(http.DefaultTransport)}
			}
			post := func(c *http.Client, installation string) (*http.Response, error) {
				req, _ := http.NewRequest("POST", ts.URL+"/repos/acme/shop/issues/1/comments", strings.NewReader(`{"body":"hi"}`))
				req.Header.Set("User-Agent", "pipewright (installation: "+installation+")")
				return c.Do(req)
			}
			a, b := replica(), replica()
			resp, err := post(a, "42")
			var d *DeferredError
			if !errors.As(err, &d) {
				if err == nil {
					resp.Body.Close()
				}
				t.Fatalf("the limited replica: %v, want its request handed back", err)
			}
			resp, err = post(b, "42")
			if !errors.As(err, &d) || d.Until.Sub(clk.now) != tt.wantHold {
				if err == nil {
					resp.Body.Close()
				}
				t.Fatalf("the other replica: %v, want handed back for %s", err, tt.wantHold)
			}
			if len(sent) != 1 {
				t.Errorf("%d requests reached GitHub during the hold, want only the first", len(sent))
			}
			resp, err = post(b, "7")
			if err != nil {
				t.Fatalf("another installation: %v", err)
			}
			resp.Body.Close()
			clk.now = clk.now.Add(tt.wantHold)
			resp, err = post(b, "42")
			if err != nil {
				t.Fatalf("after the hold: %v", err)
			}
			resp.Body.Close()
		})
	}
}
