package ghclient

import (
	"context"
	"errors"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/pipewright/pipewright/app/pace"
)

// TestTheOldBucketsLetTooManyThrough simulates, under unlimited demand and
// on a fake clock, the two token buckets Pipewright paced with before the
// sliding windows (x/time/rate: 80 a minute with a burst of 10, 500 an
// hour with a burst of 50) next to the pacer's budget. The buckets let 549
// content-creating requests through in one sliding hour, because a burst
// adds to the rate; GitHub allows 500. The budget lets exactly 500.
func TestTheOldBucketsLetTooManyThrough(t *testing.T) {
	t0 := time.Date(2026, 12, 3, 20, 0, 0, 0, time.UTC)
	end := t0.Add(3 * time.Hour)

	minute := rate.NewLimiter(rate.Every(time.Minute/80), 10)
	hour := rate.NewLimiter(rate.Every(time.Hour/500), 50)
	var buckets []time.Time
	for now := t0; now.Before(end); {
		now = now.Add(hour.ReserveN(now, 1).DelayFrom(now))
		now = now.Add(minute.ReserveN(now, 1).DelayFrom(now))
		buckets = append(buckets, now)
	}
	if got := pace.MostInWindow(buckets, time.Hour); got != 549 {
		t.Errorf("the old buckets let %d through in a sliding hour; the issue measured 549", got)
	}

	p := NewPacer()
	clock := t0
	p.now = func() time.Time { return clock }
	p.sleep = func(_ context.Context, d time.Duration) error { clock = clock.Add(d); return nil }
	var windows []time.Time
	for clock.Before(end) {
		err := p.Wait(context.Background(), "installation:1")
		var d *DeferredError
		switch {
		case err == nil:
			windows = append(windows, clock)
		case errors.As(err, &d):
			clock = clock.Add(d.Wait) // the job's snooze
		default:
			t.Fatal(err)
		}
	}
	if got := pace.MostInWindow(windows, time.Hour); got != 500 {
		t.Errorf("the pacer let %d through in a sliding hour, want 500", got)
	}
	if got := pace.MostInWindow(windows, time.Minute); got != 80 {
		t.Errorf("the pacer let %d through in a sliding minute, want 80", got)
	}
}
