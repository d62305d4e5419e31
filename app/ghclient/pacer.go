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

// Pacer spaces content-creating requests per installation (keyed by its
// token) so Pipewright stays under GitHub's secondary limits instead of
// being told off by them.
type Pacer struct {
	mu      sync.Mutex
	buckets map[[32]byte]*bucket
	limits  Limits
	// Waited counts the time requests spent waiting, for metrics.
	Waited func(time.Duration)
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
	if p.Waited != nil {
		p.Waited(time.Since(start))
	}
	return nil
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
