package pace

import (
	"context"
	"testing"
	"time"
)

var t0 = time.Date(2026, 12, 3, 20, 0, 0, 0, time.UTC)

// demand claims from b as fast as it allows until the clock reaches end,
// with nothing but the budget holding requests back: the clock jumps to
// each answer's Next. It returns the grants in order.
func demand(t *testing.T, b Budget, key string, l Limits, end time.Time) []time.Time {
	t.Helper()
	var grants []time.Time
	for now := t0; now.Before(end); {
		c, err := b.Claim(context.Background(), key, now, l)
		if err != nil {
			t.Fatal(err)
		}
		if c.Granted {
			grants = append(grants, now)
		}
		if c.Next.Before(now) {
			t.Fatalf("at %s the budget names %s, in the past", now, c.Next)
		}
		now = c.Next
	}
	return grants
}

// TestWindowsUnderUnlimitedDemand: over three hours of unlimited demand the
// budget grants exactly 80 in every busy minute and 500 in every hour, and
// never one more in any sliding window.
func TestWindowsUnderUnlimitedDemand(t *testing.T) {
	grants := demand(t, &Memory{}, "installation:1", GitHub, t0.Add(3*Hour))
	if got := MostInWindow(grants, Minute); got != 80 {
		t.Errorf("most in a sliding minute = %d, want 80", got)
	}
	if got := MostInWindow(grants, Hour); got != 500 {
		t.Errorf("most in a sliding hour = %d, want 500", got)
	}
	if len(grants) != 1500 {
		t.Errorf("%d granted in three hours, want 1500: the budget must use all it has", len(grants))
	}
	// The first 80 go at once, the next 80 a minute (and the margin)
	// later: no spacing inside a window beyond what the window says.
	if !grants[79].Equal(t0) || !grants[80].Equal(t0.Add(Minute+Margin)) {
		t.Errorf("grants 80 and 81 at %s and %s, want %s and a minute and the margin later", grants[79], grants[80], t0)
	}
	// Even reaching GitHub up to 0.6 s after their grants, some later
	// than others, they never make 81 in a minute.
	late := make([]time.Time, len(grants))
	for i, g := range grants {
		late[i] = g.Add(time.Duration(i%7) * 100 * time.Millisecond)
	}
	if got := MostInWindow(late, Minute); got > 80 {
		t.Errorf("arriving up to 0.6 s late: %d in a sliding minute", got)
	}
}

// TestNextNeverBeforeTheLatestGrant: a replica whose clock lags behind the
// latest grant is not granted before it, so the order the windows rely on
// holds across clocks.
func TestNextNeverBeforeTheLatestGrant(t *testing.T) {
	latest := t0.Add(2 * time.Second)
	if got := Next([]time.Time{latest}, t0, GitHub); !got.Equal(latest) {
		t.Errorf("Next = %s, want the latest grant %s", got, latest)
	}
}

func TestMostInWindow(t *testing.T) {
	s := func(secs ...int) []time.Time {
		var ts []time.Time
		for _, x := range secs {
			ts = append(ts, t0.Add(time.Duration(x)*time.Second))
		}
		return ts
	}
	tests := []struct {
		times []time.Time
		want  int
	}{
		{nil, 0},
		{s(0, 59, 60), 2}, // [t, t+60s) holds 0 and 59, or 59 and 60
		{s(60, 0, 30), 2},
		{s(0, 0, 0), 3},
	}
	for _, tt := range tests {
		if got := MostInWindow(tt.times, Minute); got != tt.want {
			t.Errorf("MostInWindow(%v) = %d, want %d", tt.times, got, tt.want)
		}
	}
}

func TestLimitsValidate(t *testing.T) {
	if err := (Limits{PerMinute: 0, PerHour: 5}).Validate(); err == nil {
		t.Error("zero a minute accepted")
	}
	if _, err := (&Memory{}).Claim(context.Background(), "k", t0, Limits{}); err == nil {
		t.Error("Memory claimed under zero limits")
	}
}

// TestHoldShutsTheBudget: after GitHub's rate limit, a hold refuses every
// claim until it ends and names its end as when to come back; a shorter
// hold after a longer one does not shorten it; after the end claims are
// granted again; other installations are untouched.
func TestHoldShutsTheBudget(t *testing.T) {
	var m Memory
	ctx := context.Background()
	l := Limits{PerMinute: 80, PerHour: 500}
	if err := m.Hold(ctx, "installation:1", t0.Add(30*time.Second)); err != nil {
		t.Fatal(err)
	}
	if err := m.Hold(ctx, "installation:1", t0.Add(5*time.Second)); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		key     string
		at      time.Duration
		granted bool
		next    time.Duration
	}{
		{"installation:1", 0, false, 30 * time.Second},
		{"installation:1", 29 * time.Second, false, 30 * time.Second},
		{"installation:2", 0, true, 0},
		{"installation:1", 30 * time.Second, true, 30 * time.Second},
	} {
		c, err := m.Claim(ctx, tt.key, t0.Add(tt.at), l)
		if err != nil {
			t.Fatal(err)
		}
		if c.Granted != tt.granted || !c.Next.Equal(t0.Add(tt.next)) {
			t.Errorf("%s at +%s: granted %v, next +%s; want %v, +%s", tt.key, tt.at, c.Granted, c.Next.Sub(t0), tt.granted, tt.next)
		}
	}
}
