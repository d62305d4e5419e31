package pace

import (
	"context"
	"slices"
	"sync"
	"time"
)

// Claim is a budget's answer. Granted: a request may go now and counts from
// now. Next is when the request after it may go if Granted, or when this
// one may come back if not: nothing is held for it meanwhile.
type Claim struct {
	Granted bool
	Next    time.Time
}

// Budget keeps grants per key and hands them out under Limits. Claim grants
// only at now, atomically with the check: a caller told to come back later
// holds nothing, so a caller that then gives up costs no one a slot.
type Budget interface {
	Claim(ctx context.Context, key string, now time.Time, l Limits) (Claim, error)
}

// Holder is a budget that can be shut for a while: GitHub answered a
// request with a rate limit (a secondary limit's Retry-After), and until
// then it refuses content-creating requests from anyone on the
// installation. Continuing to send then is what GitHub may answer by
// banning the integration, so every replica must stop, not only the one
// that was told.
type Holder interface {
	Hold(ctx context.Context, key string, until time.Time) error
}

// BudgetFunc adapts a function (the store's ClaimPace) to Budget.
type BudgetFunc func(ctx context.Context, key string, now time.Time, l Limits) (Claim, error)

// Claim calls f.
func (f BudgetFunc) Claim(ctx context.Context, key string, now time.Time, l Limits) (Claim, error) {
	return f(ctx, key, now, l)
}

// Decide is one claim on grants kept newest first: whether now is free
// and, if so, the grants with now added in front (trimmed to what Next
// needs) and when the following one may go.
func Decide(newestFirst []time.Time, now time.Time, l Limits) (Claim, []time.Time) {
	next := Next(newestFirst, now, l)
	if next.After(now) {
		return Claim{Next: next}, newestFirst
	}
	grants := append([]time.Time{now}, newestFirst[:min(len(newestFirst), l.Keep()-1)]...)
	return Claim{Granted: true, Next: Next(grants, now, l)}, grants
}

// DecideHeld is Decide for a budget held shut until holdUntil: before then
// nothing is granted, and the claim is told to come back at the hold's end
// (or later, if the windows say so).
func DecideHeld(newestFirst []time.Time, holdUntil, now time.Time, l Limits) (Claim, []time.Time) {
	if holdUntil.After(now) {
		next := Next(newestFirst, now, l)
		if holdUntil.After(next) {
			next = holdUntil
		}
		return Claim{Next: next}, newestFirst
	}
	return Decide(newestFirst, now, l)
}

// Memory is a budget in this process's memory: for one process without a
// store (tests, tools). It forgets everything when the process ends.
type Memory struct {
	mu     sync.Mutex
	grants map[string][]time.Time // newest first, at most Limits.Keep()
	holds  map[string]time.Time
}

// Claim implements Budget.
func (m *Memory) Claim(_ context.Context, key string, now time.Time, l Limits) (Claim, error) {
	if err := l.Validate(); err != nil {
		return Claim{}, err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.grants == nil {
		m.grants = map[string][]time.Time{}
	}
	c, grants := DecideHeld(m.grants[key], m.holds[key], now, l)
	if c.Granted {
		m.grants[key] = slices.Clip(grants)
	}
	return c, nil
}

// Hold implements Holder: a hold only ever lengthens.
func (m *Memory) Hold(_ context.Context, key string, until time.Time) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.holds == nil {
		m.holds = map[string]time.Time{}
	}
	if until.After(m.holds[key]) {
		m.holds[key] = until
	}
	return nil
}
