package ghclient

import (
	"context"
	"crypto/sha256"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// GitHub's secondary limits on content-creating requests.
const (
	PerMinute = 80
	PerHour   = 500
)

// Pacer spaces content-creating requests per installation (see
// InstallationKey) so Pipewright stays under GitHub's secondary limits
// instead of being told off by them. Its own buckets pace this process;
// Shared, when set, also reserves each request in a budget every replica
// shares, since GitHub counts per installation, not per replica.
type Pacer struct {
	mu      sync.Mutex
	buckets map[[32]byte]*bucket
	limits  Limits
	// Waited counts the time requests spent waiting, for metrics.
	Waited func(time.Duration)
	// Shared reserves a request in the installation's budget shared by
	// every replica (store.ReservePace) and says how long to wait for its
	// slot. If it fails, the request goes on this process's pacing alone:
	// a missed reservation is better than a missed reply.
	Shared func(ctx context.Context, key string, l Limits) (time.Duration, error)
	// SharedFailed hears about those failures, for logs.
	SharedFailed func(error)
	// sleep waits d or until ctx ends; tests replace it.
	sleep func(ctx context.Context, d time.Duration) error
}

type bucket struct {
	minute, hour *rate.Limiter
}

// Limits are a pacer's budgets per installation: so many requests a minute
// and an hour, with bursts of so many at once.
type Limits struct {
	PerMinute, MinuteBurst int
	PerHour, HourBurst     int
}

// GitHubLimits are GitHub's secondary limits with a small burst.
var GitHubLimits = Limits{PerMinute: PerMinute, MinuteBurst: 10, PerHour: PerHour, HourBurst: 50}

// NewPacer returns a pacer with GitHub's limits and a small burst.
func NewPacer() *Pacer { return NewPacerWithLimits(GitHubLimits) }

// NewPacerWithLimits returns a pacer with other budgets. Tests that play
// many commands in one installation against the stand-in use it, so they
// measure Pipewright rather than wait out GitHub's limits.
func NewPacerWithLimits(l Limits) *Pacer {
	return &Pacer{buckets: map[[32]byte]*bucket{}, limits: l}
}

// Wait blocks until a content-creating request for this installation may go.
func (p *Pacer) Wait(ctx context.Context, key string) error {
	b := p.bucket(key)
	start := time.Now()
	if err := b.hour.Wait(ctx); err != nil {
		return err
	}
	if err := b.minute.Wait(ctx); err != nil {
		return err
	}
	if p.Shared != nil {
		d, err := p.Shared(ctx, key, p.limits)
		switch {
		case err != nil && ctx.Err() != nil:
			return ctx.Err()
		case err != nil:
			if p.SharedFailed != nil {
				p.SharedFailed(err)
			}
		case d > 0:
			sleep := p.sleep
			if sleep == nil {
				sleep = sleepCtx
			}
			if err := sleep(ctx, d); err != nil {
				return err
			}
		}
	}
	if p.Waited != nil {
		p.Waited(time.Since(start))
	}
	return nil
}

// sleepCtx waits d, or less if ctx ends first.
func sleepCtx(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (p *Pacer) bucket(key string) *bucket {
	h := sha256.Sum256([]byte(key))
	p.mu.Lock()
	defer p.mu.Unlock()
	b, ok := p.buckets[h]
	if !ok {
		l := p.limits
		b = &bucket{
			minute: rate.NewLimiter(rate.Every(time.Minute/time.Duration(l.PerMinute)), l.MinuteBurst),
			hour:   rate.NewLimiter(rate.Every(time.Hour/time.Duration(l.PerHour)), l.HourBurst),
		}
		p.buckets[h] = b
	}
	return b
}
