package ghclient

import (
	"context"
	"errors"
	"testing"
	"time"
)

// TestPacerSharedBudget: every request is also reserved in the budget the
// replicas share, under the installation's key and with GitHub's limits;
// the wait it names is waited; a failed reservation lets the request go
// (and is reported), a cancelled one stops it.
func TestPacerSharedBudget(t *testing.T) {
	ctx := context.Background()
	var keys []string
	var limits Limits
	var slept []time.Duration
	var failures []error
	p := NewPacer()
	p.sleep = func(_ context.Context, d time.Duration) error { slept = append(slept, d); return nil }
	p.SharedFailed = func(err error) { failures = append(failures, err) }
	reply := []struct {
		d   time.Duration
		err error
	}{{0, nil}, {750 * time.Millisecond, nil}, {0, errors.New("connection refused")}}
	p.Shared = func(_ context.Context, key string, l Limits) (time.Duration, error) {
		r := reply[len(keys)]
		keys, limits = append(keys, key), l
		return r.d, r.err
	}
	for range reply {
		if err := p.Wait(ctx, "installation:42"); err != nil {
			t.Fatalf("wait: %v", err)
		}
	}
	if len(keys) != 3 || keys[0] != "installation:42" || limits != GitHubLimits {
		t.Errorf("reserved %v with %+v, want installation:42 three times with GitHub's limits", keys, limits)
	}
	if len(slept) != 1 || slept[0] != 750*time.Millisecond {
		t.Errorf("slept %v, want the one 750ms wait the shared budget named", slept)
	}
	if len(failures) != 1 {
		t.Errorf("failures reported %v, want the one", failures)
	}

	gone, cancel := context.WithCancel(ctx)
	cancel()
	p.Shared = func(ctx context.Context, _ string, _ Limits) (time.Duration, error) { return 0, ctx.Err() }
	if err := p.Wait(gone, "installation:43"); err == nil {
		t.Error("a cancelled request was let through")
	}
}
