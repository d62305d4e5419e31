package handlers

import (
	"context"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/google/go-github/v62/github"
	"github.com/rs/zerolog"

	"github.com/pipewright/pipewright/app/ghclient"
	"github.com/pipewright/pipewright/app/store"
)

// A reply is a create: posted twice, it shows twice. Its request may time
// out on our side and still land on GitHub, and a drain may lose its session
// lock while the request is out. So every reply request is recorded on the
// effect, through the session lock's own connection, before it is sent
// (FenceTransport): the record fails, and nothing is sent, once the lock is
// gone. A later run of the effect that finds a record waits until the
// recorded request can no longer land, then reads the thread for the reply,
// and only then posts what is missing.
const (
	// DefaultAttemptTimeout bounds one reply request, pacing included.
	DefaultAttemptTimeout = 30 * time.Second
	// DefaultSettleMargin is how long after its deadline a request may
	// still be applied: GitHub ends requests after 10 s of processing; the
	// rest covers a comment's delay in the list.
	DefaultSettleMargin = 15 * time.Second
)

func (p *Processor) attemptTimeout() time.Duration {
	if p.AttemptTimeout > 0 {
		return p.AttemptTimeout
	}
	return DefaultAttemptTimeout
}

func (p *Processor) settleMargin() time.Duration {
	if p.SettleMargin > 0 {
		return p.SettleMargin
	}
	return DefaultSettleMargin
}

// notSettled is returned for an effect whose last request may still land:
// the queue comes back at RetryAt instead of looking too early.
type notSettled struct {
	effect string
	at     time.Time
}

func (e *notSettled) Error() string {
	return fmt.Sprintf("effect %s: the outcome of its last request is known only after %s", e.effect, e.at.Format(time.RFC3339Nano))
}

func (e *notSettled) RetryAt() time.Time { return e.at }

// attempt is a reply request in ctx, for FenceTransport to record.
type attempt struct {
	effect   string
	settles  time.Time
	recorded *atomic.Bool // set once a request of this call was recorded (and so maybe sent)
}

type attemptKey struct{}

// createComment posts one comment of effect id's reply, recorded as an
// attempt first (see FenceTransport) and bounded by the attempt timeout. An
// answer from GitHub, even an error, settles the attempt at once: nothing
// of it is still on the way. So does a retry handed back unsent
// (ghclient.DeferredError): the middleware retries a create only after
// GitHub refused it under a rate limit, so every earlier request of the
// call was answered, and refused.
func (p *Processor) createComment(ctx context.Context, gh *github.Client, rec effectRecord, id, text string) error {
	actx, cancel := context.WithTimeout(ctx, p.attemptTimeout())
	defer cancel()
	deadline, _ := actx.Deadline()
	a := attempt{effect: id, settles: deadline.Add(p.settleMargin()), recorded: &atomic.Bool{}}
	actx = context.WithValue(actx, attemptKey{}, a)
	_, resp, err := gh.Issues.CreateComment(actx, rec.Owner, rec.Repo, rec.Number, &github.IssueComment{Body: &text})
	if err != nil && a.recorded.Load() && (resp != nil || paced(err)) {
		if lock := store.SessionLockFrom(ctx); lock != nil {
			_ = lock.RecordAttempt(ctx, id, time.Now()) // best effort: else the next run waits the full margin
		}
	}
	if err != nil {
		return fmt.Errorf("post reply to %s/%s#%d: %w", rec.Owner, rec.Repo, rec.Number, err)
	}
	return nil
}

// FenceTransport goes below the pacer, right before a request leaves: a
// content-creating request made by a drain is sent only if the drain still
// holds its session lock, proven on the lock's connection, and a reply's is
// recorded there as an attempt. Requests outside a drain pass unchanged.
func FenceTransport(next http.RoundTripper) http.RoundTripper {
	return fence{next}
}

type fence struct{ next http.RoundTripper }

func (f fence) RoundTrip(r *http.Request) (*http.Response, error) {
	ctx := r.Context()
	lock := store.SessionLockFrom(ctx)
	if lock == nil || !ghclient.ContentCreating(r) {
		return f.next.RoundTrip(r)
	}
	var err error
	if a, ok := ctx.Value(attemptKey{}).(attempt); ok {
		err = lock.RecordAttempt(ctx, a.effect, a.settles)
		if err == nil {
			a.recorded.Store(true)
		}
		zerolog.Ctx(ctx).Debug().Err(err).Str("effect", a.effect).Time("settles", a.settles).Msg("reply attempt recorded")
	} else {
		err = lock.Check(ctx)
	}
	if err != nil {
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, fmt.Errorf("not sent: %w", err)
	}
	return f.next.RoundTrip(r)
}
