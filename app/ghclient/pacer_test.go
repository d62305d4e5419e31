package ghclient

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/pace"
)

// fakeClock is the pacer's clock in tests: sleeping moves it on at once.
type fakeClock struct{ now time.Time }

func (c *fakeClock) install(p *Pacer) {
	p.now = func() time.Time { return c.now }
	p.sleep = func(ctx context.Context, d time.Duration) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		c.now = c.now.Add(d)
		return nil
	}
}

var t0 = time.Date(2026, 12, 3, 20, 0, 0, 0, time.UTC)

// TestPacerDoesNotRunAway is the runaway of issue 16 under sustained
// demand: content-creating requests through the middleware, each with an
// HTTP client timeout (1 s) far shorter than the wait for a slot once the
// minute's 80 are spent. Before, each request reserved a slot in the shared
// budget and then slept for it inside that timeout: the timeout fired, the
// slot was lost, the retry reserved again further ahead, and the schedule
// ran away (421 s booked for 176 reservations while 57 were sent). Now a
// request is granted a slot only to be sent at once; one whose slot is
// further away comes back unsent with a DeferredError naming when (its job
// snoozes that long, here the clock jumps), so every grant is a request
// GitHub received and the budget is never booked beyond the window.
func TestPacerDoesNotRunAway(t *testing.T) {
	var sent atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sent.Add(1)
		w.WriteHeader(http.StatusCreated)
	}))
	defer ts.Close()
	clock := &fakeClock{now: t0}
	p := NewPacer()
	clock.install(p)
	var claims, deferrals int
	var furthest time.Duration
	budget := &pace.Memory{}
	p.Budget = pace.BudgetFunc(func(ctx context.Context, key string, now time.Time, l pace.Limits) (pace.Claim, error) {
		claims++
		c, err := budget.Claim(ctx, key, now, l)
		furthest = max(furthest, c.Next.Sub(now))
		return c, err
	})
	client := &http.Client{Timeout: time.Second, Transport: Middleware(Options{Pacer: p})(http.DefaultTransport)}

	var times []time.Time
	for range 400 {
		req, _ := http.NewRequest("POST", ts.URL+"/repos/acme/shop/issues/1/comments", nil)
		req.Header.Set("User-Agent", "pipewright (installation: 42)")
		resp, err := client.Do(req)
		var d *DeferredError
		switch {
		case err == nil:
			resp.Body.Close()
			times = append(times, clock.now)
		case errors.As(err, &d):
			deferrals++
			if d.Wait <= 0 || d.Wait > time.Minute+pace.Margin || d.Installation != "installation:42" {
				t.Fatalf("deferred %+v: want a wait within the minute window, for installation 42", d)
			}
			clock.now = clock.now.Add(d.Wait) // the job snoozes
		default:
			t.Fatalf("request failed: %v", err)
		}
	}
	if int(sent.Load()) != len(times) || claims != len(times)+deferrals {
		t.Errorf("%d sent, %d granted, %d claims for %d deferrals: every grant must be a request sent", sent.Load(), len(times), claims, deferrals)
	}
	if furthest > time.Minute+pace.Margin {
		t.Errorf("the budget was booked %s ahead, want at most the minute window", furthest)
	}
	if len(times) != 400-deferrals || len(times) < 320 {
		t.Errorf("%d of 400 sent after %d deferrals, want all of them within five minutes of demand", len(times), deferrals)
	}
	if got := pace.MostInWindow(times, time.Minute); got != PerMinute {
		t.Errorf("%d requests in one sliding minute, want %d", got, PerMinute)
	}
}

// TestPacerWaiterThatGivesUpHoldsNothing: a request that waits for a slot
// and gives up (its context ends: a timeout, a shutdown) has not taken the
// slot; the next request gets it, not the one after.
func TestPacerWaiterThatGivesUpHoldsNothing(t *testing.T) {
	clock := &fakeClock{now: t0}
	p := NewPacerWithLimits(pace.Limits{PerMinute: 1, PerHour: 10})
	p.MaxWait = 2 * time.Minute
	clock.install(p)
	ctx := context.Background()
	if err := p.Wait(ctx, "installation:1"); err != nil {
		t.Fatal(err)
	}
	gone, cancel := context.WithCancel(ctx)
	cancel()
	if err := p.Wait(gone, "installation:1"); !errors.Is(err, context.Canceled) {
		t.Fatalf("a cancelled waiter: %v, want context.Canceled", err)
	}
	if err := p.Wait(ctx, "installation:1"); err != nil {
		t.Fatal(err)
	}
	if want := t0.Add(time.Minute + pace.Margin); !clock.now.Equal(want) {
		t.Errorf("the next request went at %s, want %s: the cancelled waiter held a slot", clock.now, want)
	}
}

// TestPacerDefers: a slot beyond MaxWait, or beyond the request's deadline,
// is not waited for; an unreadable budget defers too, and nothing is sent.
func TestPacerDefers(t *testing.T) {
	ctx := context.Background()
	full := pace.Limits{PerMinute: 1, PerHour: 10}
	tests := []struct {
		name    string
		maxWait time.Duration
		ctx     func() (context.Context, context.CancelFunc)
		budget  pace.Budget
		want    time.Duration
	}{
		{"slot beyond MaxWait", time.Second, func() (context.Context, context.CancelFunc) { return ctx, func() {} }, nil, time.Minute + pace.Margin},
		{"slot beyond the deadline", 2 * time.Minute, func() (context.Context, context.CancelFunc) { return context.WithTimeout(ctx, 30*time.Second) }, nil, time.Minute + pace.Margin},
		{"budget unreadable", time.Second, func() (context.Context, context.CancelFunc) { return ctx, func() {} },
			pace.BudgetFunc(func(context.Context, string, time.Time, pace.Limits) (pace.Claim, error) {
				return pace.Claim{}, errors.New("connection refused")
			}), budgetRetry},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := &fakeClock{now: t0}
			p := NewPacerWithLimits(full)
			p.MaxWait = tt.maxWait
			clock.install(p)
			if err := p.Wait(ctx, "installation:1"); err != nil && tt.budget == nil {
				t.Fatal(err)
			}
			if tt.budget != nil {
				p.Budget = tt.budget
			}
			var deferred []time.Duration
			p.Deferred = func(_ string, d time.Duration) { deferred = append(deferred, d) }
			c, cancel := tt.ctx()
			defer cancel()
			var d *DeferredError
			if err := p.Wait(c, "installation:1"); !errors.As(err, &d) || d.RetryIn() != tt.want || !d.NotSent() {
				t.Fatalf("Wait = %v, want a DeferredError in %s", err, tt.want)
			}
			if !clock.now.Equal(t0) || len(deferred) != 1 {
				t.Errorf("waited until %s, %d deferrals reported: want no wait and one", clock.now, len(deferred))
			}
		})
	}
}

// TestPacerKeysHideTokens: a request without an installation id is keyed by
// a hash, never by its Authorization header, in the budget and its errors.
func TestPacerKeysHideTokens(t *testing.T) {
	if got := budgetKey("installation:42"); got != "installation:42" {
		t.Errorf("budgetKey(installation:42) = %q", got)
	}
	if got := budgetKey("auth:token ghs_secret"); got == "" || len(got) != len("sha256:")+32 {
		t.Errorf("budgetKey(auth:...) = %q, want sha256: and 32 hex digits", got)
	}
}
