// Package pace decides when one more content-creating request may go to
// GitHub for an installation: at most PerMinute of them in any 60 seconds
// and PerHour in any 3600 seconds, GitHub's secondary limits, counted
// exactly over sliding windows of the requests granted so far (see
// docs/decisions/0008-sliding-window-pacing.md). It is plain Go with no I/O;
// the budgets that keep the grants (Memory here, the store for replicas and
// restarts) call Next under their own lock.
package pace

import (
	"fmt"
	"time"
)

// The windows GitHub counts content-creating requests over.
const (
	Minute = time.Minute
	Hour   = time.Hour
)

// Margin is added to each window when spacing grants: a request reaches
// GitHub some time after its grant (network, scheduling, a retry's
// backoff, clocks of replicas a little apart), and that time varies, so
// grants exactly a window apart could arrive a little less than a window
// apart. One second covers that at the cost of under 2 % of the minute's
// rate. Measured without it: 82 requests in one sliding minute at the
// stand-in, with answers taking 100-150 ms (docs/performance.md).
const Margin = time.Second

// Limits are an installation's budgets: so many grants in any minute and in
// any hour. There is no burst: a window's limit is all there is.
type Limits struct {
	PerMinute, PerHour int
}

// GitHub are GitHub's secondary limits on content-creating requests.
var GitHub = Limits{PerMinute: 80, PerHour: 500}

// Validate refuses limits that would grant nothing.
func (l Limits) Validate() error {
	if l.PerMinute <= 0 || l.PerHour <= 0 {
		return fmt.Errorf("pace limits %d a minute, %d an hour: both must be positive", l.PerMinute, l.PerHour)
	}
	return nil
}

// Keep is how many of the latest grants Next needs to see.
func (l Limits) Keep() int { return max(l.PerMinute, l.PerHour) }

// Next is the earliest time, not before now, at which one more grant keeps
// every window within its limit, given the grants so far, newest first (at
// least the Keep latest; older ones do not matter).
//
// Grants are kept in time order: never before the newest one, so a replica
// whose clock lags cannot slip a grant in between. In that order a window of
// 60 s holds more than PerMinute grants only if some grant and the one
// PerMinute before it are less than 60 s apart, so spacing each new grant at
// least 60 s after the PerMinute-th latest (and 3600 s after the
// PerHour-th) is exactly what keeps every sliding window within its limit;
// Margin is added to both for the way to GitHub.
func Next(newestFirst []time.Time, now time.Time, l Limits) time.Time {
	t := now
	if len(newestFirst) > 0 && newestFirst[0].After(t) {
		t = newestFirst[0]
	}
	for _, w := range []struct {
		n   int
		per time.Duration
	}{{l.PerMinute, Minute}, {l.PerHour, Hour}} {
		if len(newestFirst) >= w.n {
			if free := newestFirst[w.n-1].Add(w.per + Margin); free.After(t) {
				t = free
			}
		}
	}
	return t
}
