package ghclient

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"github.com/pipewright/pipewright/app/pace"
)

// GitHub's secondary limits on content-creating requests.
const (
	PerMinute = 80
	PerHour   = 500
)

// Limits are a pacer's budgets per installation: so many content-creating
// requests in any minute and in any hour.
type Limits = pace.Limits

// GitHubLimits are GitHub's secondary limits.
var GitHubLimits = pace.GitHub

// DefaultPaceWait is how long a request may wait for its slot before it is
// sent; a slot further away hands the request back (see DeferredError).
const DefaultPaceWait = time.Second

// budgetRetry is when to come back if the budget could not be asked (the
// database is restarting, say): the request was not sent.
const budgetRetry = 2 * time.Second

// Pacer keeps content-creating requests within GitHub's secondary limits
// per installation (see InstallationKey), exactly, over sliding windows
// (package pace). A request is granted a slot only when it can be sent at
// once; it never holds a slot while it waits, so a request that gives up
// (its timeout, a shutdown, a kill while waiting) costs no one a slot.
type Pacer struct {
	limits Limits
	// Budget keeps the grants. The service gives it the store's
	// (store.ClaimPace): every replica on one database shares it, and it
	// survives restarts. Nil: this process's memory.
	Budget pace.Budget
	// MaxWait bounds the wait for a slot inside a request (default
	// DefaultPaceWait, and never past the request's deadline, which is the
	// HTTP client's timeout). A slot further away ends the request, unsent,
	// with a *DeferredError: the job snoozes and frees its worker.
	MaxWait time.Duration
	// Waited counts the time granted requests spent waiting, for metrics.
	Waited func(time.Duration)
	// Booked hears, after each claim, when the installation's next request
	// may go, for the gauge of how far ahead budgets are used up.
	Booked func(key string, next time.Time)
	// Deferred hears each request handed back, for metrics.
	Deferred func(key string, wait time.Duration)

	memory pace.Memory
	// now and sleep are the clock; tests replace them.
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
}

// NewPacer returns a pacer with GitHub's limits.
func NewPacer() *Pacer { return NewPacerWithLimits(GitHubLimits) }

// NewPacerWithLimits returns a pacer with other budgets. Tests that play
// many commands in one installation against the stand-in use it, so they
// measure Pipewright rather than wait out GitHub's limits.
func NewPacerWithLimits(l Limits) *Pacer { return &Pacer{limits: l} }

// Limits are the pacer's budgets.
func (p *Pacer) Limits() Limits { return p.limits }

// Wait returns once a content-creating request for this installation may be
// sent, its slot granted. If the next slot is further than MaxWait, or the
// budget cannot be asked, it returns a *DeferredError at once instead.
func (p *Pacer) Wait(ctx context.Context, installation string) error {
	key := budgetKey(installation)
	start := p.clock()
	for {
		now := p.clock()
		c, err := p.budget().Claim(ctx, key, now, p.limits)
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return p.deferred(&DeferredError{Installation: key, Until: now.Add(budgetRetry), Wait: budgetRetry, Cause: err})
		}
		if p.Booked != nil {
			p.Booked(key, c.Next)
		}
		if c.Granted {
			if p.Waited != nil {
				p.Waited(now.Sub(start))
			}
			return nil
		}
		wait := c.Next.Sub(now)
		if wait > p.maxWait() || beyondDeadline(ctx, wait) {
			return p.deferred(&DeferredError{Installation: key, Until: c.Next, Wait: wait})
		}
		if err := p.doSleep(ctx, wait); err != nil {
			return err
		}
	}
}

// Hold shuts the installation's budget for d from now, for every replica
// sharing it, when GitHub answered with a rate limit. A budget that cannot
// hold (a custom one) is left alone; a failed hold is only a missed
// courtesy, since each request still honours GitHub's answer itself.
func (p *Pacer) Hold(ctx context.Context, installation string, d time.Duration) {
	h, ok := p.budget().(pace.Holder)
	if !ok || d <= 0 {
		return
	}
	_ = h.Hold(ctx, budgetKey(installation), p.clock().Add(d)) // the next claim's Booked shows it
}

func (p *Pacer) deferred(e *DeferredError) error {
	if p.Deferred != nil {
		p.Deferred(e.Installation, e.Wait)
	}
	return e
}

// beyondDeadline says whether waiting d would outlast ctx: the request
// would time out holding nothing, but also sending nothing.
func beyondDeadline(ctx context.Context, d time.Duration) bool {
	deadline, ok := ctx.Deadline()
	return ok && time.Until(deadline) <= d
}

func (p *Pacer) budget() pace.Budget {
	if p.Budget != nil {
		return p.Budget
	}
	return &p.memory
}

func (p *Pacer) maxWait() time.Duration {
	if p.MaxWait > 0 {
		return p.MaxWait
	}
	return DefaultPaceWait
}

func (p *Pacer) clock() time.Time {
	if p.now != nil {
		return p.now()
	}
	return time.Now()
}

func (p *Pacer) doSleep(ctx context.Context, d time.Duration) error {
	if p.sleep != nil {
		return p.sleep(ctx, d)
	}
	return sleep(ctx, d)
}

// budgetKey is the key a budget keeps: an installation's own, else a hash,
// since the fallback keys of InstallationKey may carry a token.
func budgetKey(key string) string {
	if strings.HasPrefix(key, "installation:") {
		return key
	}
	h := sha256.Sum256([]byte(key))
	return "sha256:" + hex.EncodeToString(h[:16])
}
