// Package ghclient is the HTTP middleware between Pipewright and GitHub's
// REST API: it waits out rate limits (Retry-After, x-ratelimit-reset),
// retries what is safe to retry, and paces content-creating requests under
// GitHub's secondary limits (80 a minute, 500 an hour).
package ghclient

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/rs/zerolog"
)

// Options tune the middleware; zero values take the defaults.
type Options struct {
	MaxWait     time.Duration // total time one request may spend waiting and retrying (default 2m)
	MaxAttempts int           // attempts per request (default 5)
	BaseBackoff time.Duration // first backoff for 5xx and network errors (default 500ms)
	Pacer       *Pacer        // nil: a default pacer
	Sleep       func(ctx context.Context, d time.Duration) error
	Now         func() time.Time
	// Observe, if set, hears each attempt for metrics: the request, the
	// status GitHub answered (0: no answer) and whether it creates content.
	Observe func(r *http.Request, status int, contentCreating bool)
	// Log hears, at warn, every 403 and 429 GitHub answers (zero value:
	// nothing is logged).
	Log zerolog.Logger
}

// Middleware wraps a transport; it fits githubapp.WithClientMiddleware.
func Middleware(o Options) func(http.RoundTripper) http.RoundTripper {
	if o.MaxWait == 0 {
		o.MaxWait = 2 * time.Minute
	}
	if o.MaxAttempts == 0 {
		o.MaxAttempts = 5
	}
	if o.BaseBackoff == 0 {
		o.BaseBackoff = 500 * time.Millisecond
	}
	if o.Pacer == nil {
		o.Pacer = NewPacer()
	}
	if o.Sleep == nil {
		o.Sleep = sleep
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return func(next http.RoundTripper) http.RoundTripper { return &transport{next: next, o: o} }
}

type transport struct {
	next http.RoundTripper
	o    Options
}

// ContentCreating reports whether GitHub counts the request against its
// content-creation limits: anything that is not a read.
func ContentCreating(r *http.Request) bool {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return !strings.HasSuffix(r.URL.Path, "/access_tokens") && !strings.Contains(r.URL.Path, "/app-manifests/")
}

// InstallationKey names the installation a request is made for: GitHub
// counts secondary limits per installation. go-githubapp writes the id into
// the User-Agent ("pipewright (installation: 42)") before our middleware
// runs, while the token is added after it; the owner in the path is the
// fallback, as an installation belongs to one account.
func InstallationKey(r *http.Request) string {
	ua := r.Header.Get("User-Agent")
	if i := strings.Index(ua, "installation: "); i >= 0 {
		id := ua[i+len("installation: "):]
		if j := strings.IndexAny(id, ") "); j >= 0 {
			id = id[:j]
		}
		return "installation:" + id
	}
	if a := r.Header.Get("Authorization"); a != "" {
		return "auth:" + a
	}
	parts := strings.Split(strings.TrimPrefix(r.URL.Path, "/"), "/")
	for i := 0; i+1 < len(parts); i++ {
		if parts[i] == "repos" {
			return "owner:" + strings.ToLower(parts[i+1])
		}
	}
	return ""
}

func (t *transport) RoundTrip(r *http.Request) (*http.Response, error) {
	ctx := r.Context()
	deadline := t.o.Now().Add(t.o.MaxWait)
	body, err := snapshotBody(r)
	if err != nil {
		return nil, err
	}
	creating := ContentCreating(r)
	installation := InstallationKey(r)
	for attempt := 1; ; attempt++ {
		// Every attempt GitHub sees counts against its limits, a retry too.
		if creating {
			if err := t.o.Pacer.Wait(ctx, installation); err != nil {
				return nil, err
			}
		}
		req := r.Clone(ctx)
		if body != nil {
			req.Body = io.NopCloser(bytes.NewReader(body))
		}
		resp, err := t.next.RoundTrip(req)
		if t.o.Observe != nil {
			status := 0
			if resp != nil {
				status = resp.StatusCode
			}
			t.o.Observe(req, status, creating)
		}
		t.warnLimited(r, installation, resp)
		var limit time.Duration
		limited := false
		if err == nil {
			if limit, limited = rateLimited(resp, t.o.Now()); limited {
				// GitHub told this installation to wait: every replica
				// stops creating content until then, not only this one.
				t.o.Pacer.Hold(ctx, installation, limit)
			}
		}
		wait, retry := t.decide(r, resp, err, attempt, limit, limited)
		if !retry || attempt >= t.o.MaxAttempts || t.o.Now().Add(wait).After(deadline) {
			return resp, err
		}
		if resp != nil {
			_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
		}
		if resp != nil && isLimit(resp.StatusCode) && beyondDeadline(ctx, wait) {
			// Waiting inside the HTTP client's timeout would only time out:
			// hand the request back, unsent this time, to come back later.
			return nil, &DeferredError{Installation: budgetKey(installation), Until: t.o.Now().Add(wait), Wait: wait}
		}
		if err := t.o.Sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// decide says whether and when to try again. Rate-limit answers are always
// safe to retry (GitHub did nothing); 5xx and network errors only for reads,
// since a POST may have landed: the caller's own idempotency handles those.
// limit and limited are rateLimited's reading of resp.
func (t *transport) decide(r *http.Request, resp *http.Response, err error, attempt int, limit time.Duration, limited bool) (time.Duration, bool) {
	safe := !ContentCreating(r) || r.Method == http.MethodPut
	if err != nil {
		if r.Context().Err() != nil {
			return 0, false
		}
		return t.backoff(attempt), safe
	}
	if limited {
		return limit, true
	}
	if resp.StatusCode >= 500 && safe {
		return t.backoff(attempt), true
	}
	return 0, false
}

func (t *transport) backoff(attempt int) time.Duration {
	d := t.o.BaseBackoff << (attempt - 1)
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

// rateLimited reads GitHub's signals: Retry-After (secondary limits, 429),
// or x-ratelimit-remaining 0 with x-ratelimit-reset (primary limit).
func rateLimited(resp *http.Response, now time.Time) (time.Duration, bool) {
	if !isLimit(resp.StatusCode) {
		return 0, false
	}
	if s := resp.Header.Get("Retry-After"); s != "" {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil && n >= 0 {
			return time.Duration(n) * time.Second, true
		}
	}
	if resp.Header.Get("X-RateLimit-Remaining") == "0" {
		if reset, err := strconv.ParseInt(resp.Header.Get("X-RateLimit-Reset"), 10, 64); err == nil {
			d := time.Unix(reset, 0).Sub(now)
			if d < time.Second {
				d = time.Second
			}
			return d, true
		}
	}
	if resp.StatusCode == http.StatusTooManyRequests || secondaryLimitBody(resp) {
		// GitHub: without retry-after, wait at least a minute.
		return time.Minute, true
	}
	return 0, false
}

// secondaryLimitBody reads a 403's message for GitHub's "You have exceeded
// a secondary rate limit", which may come without a Retry-After. The body
// is put back for the caller.
func secondaryLimitBody(resp *http.Response) bool {
	if resp.StatusCode != http.StatusForbidden || resp.Body == nil {
		return false
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	resp.Body = struct {
		io.Reader
		io.Closer
	}{io.MultiReader(bytes.NewReader(b), resp.Body), resp.Body}
	return err == nil && strings.Contains(strings.ToLower(string(b)), "secondary rate limit")
}

// isLimit says whether a status may be GitHub's rate-limit answer.
func isLimit(status int) bool {
	return status == http.StatusForbidden || status == http.StatusTooManyRequests
}

func snapshotBody(r *http.Request) ([]byte, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	defer r.Body.Close()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, fmt.Errorf("read request body: %w", err)
	}
	return b, nil
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
