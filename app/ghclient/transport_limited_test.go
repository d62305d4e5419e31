package ghclient

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
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
			mw := Middleware(Options{
				Pacer: p, Log: zerolog.New(&logs),
				Sleep: func(context.Context, time.Duration) error { return nil },
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
