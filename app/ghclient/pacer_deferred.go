package ghclient

import (
	"fmt"
	"time"
)

// DeferredError is a request that was NOT sent because its installation's
// budget is used up until Until (or could not be asked, see Cause), or
// because GitHub asked to wait longer than the request may. Whoever runs
// the request comes back after Wait: a queue job snoozes rather than holds
// its worker (app/queue), and nothing needs settling first, since GitHub
// never saw the request.
type DeferredError struct {
	Installation string
	Until        time.Time
	Wait         time.Duration
	Cause        error
}

func (e *DeferredError) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("github request for %s not sent: its pacing budget could not be read (%v); try again in %s",
			e.Installation, e.Cause, e.Wait.Round(time.Millisecond))
	}
	return fmt.Sprintf("github request for %s not sent: it may go at %s, in %s (GitHub's limits on content-creating requests)",
		e.Installation, e.Until.UTC().Format(time.RFC3339), e.Wait.Round(time.Millisecond))
}

func (e *DeferredError) Unwrap() error { return e.Cause }

// RetryIn is how long to wait before trying again.
func (e *DeferredError) RetryIn() time.Duration { return e.Wait }

// NotSent says GitHub never saw the request: there is no outcome to check.
func (e *DeferredError) NotSent() bool { return true }
