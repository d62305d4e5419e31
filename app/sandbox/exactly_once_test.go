package sandbox_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/sandbox"
	"github.com/pipewright/pipewright/app/service"
	"github.com/pipewright/pipewright/app/store/storetest"
)

// replyMarkerOf is the hidden first line of a reply request's body.
func replyMarkerOf(r *http.Request) (string, []byte) {
	if r.Method != http.MethodPost || !strings.HasSuffix(r.URL.Path, "/comments") || r.Body == nil {
		return "", nil
	}
	body, _ := io.ReadAll(r.Body)
	r.Body.Close()
	r.Body = io.NopCloser(bytes.NewReader(body))
	var v struct{ Body string }
	if json.Unmarshal(body, &v) != nil || !strings.HasPrefix(v.Body, "<!-- pipewright:reply id=") {
		return "", body
	}
	line, _, _ := strings.Cut(v.Body, "\n")
	return line, body
}

// appReplies counts the App's comments on the thread carrying marker.
func appReplies(th *sandbox.Thread, marker string) int {
	n := 0
	for _, c := range th.Replies() {
		if strings.HasPrefix(c.Body, marker+"\n") {
			n++
		}
	}
	return n
}

// forger answers the first reply request 502 without passing it on, and
// meanwhile has a person post a comment that starts with that reply's
// hidden marker, as anyone reading the thread's source could.
type forger struct {
	gh     atomic.Pointer[ghfake.Server]
	once   atomic.Bool
	marker atomic.Value // string
}

func (f *forger) RoundTrip(r *http.Request) (*http.Response, error) {
	marker, _ := replyMarkerOf(r)
	if marker == "" || !f.once.CompareAndSwap(false, true) {
		return http.DefaultTransport.RoundTrip(r)
	}
	f.marker.Store(marker)
	f.gh.Load().AddComment("acme", "shop", 5, "mallory", marker+"\nalready answered, nothing to see")
	return &http.Response{StatusCode: http.StatusBadGateway, Status: "502 Bad Gateway", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"text/html"}}, Body: io.NopCloser(strings.NewReader("<html>502</html>")), Request: r}, nil
}

// TestForgedReplyMarkerDoesNotSilenceTheReply: the retry of a reply looks
// for it on the thread, and finds a comment with its marker written by a
// person. Only the App's own comments count, so the reply is posted.
func TestForgedReplyMarkerDoesNotSilenceTheReply(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, dsn string) {
		f := &forger{}
		e := start(t, dsn, func(o *sandbox.Options) { o.Service.Transport = f })
		f.gh.Store(e.GitHub)
		e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
		th := e.Issue("acme", "shop", 5, "Step 4")
		e.say(t, th, "dana", "/start")
		marker, _ := f.marker.Load().(string)
		if marker == "" {
			t.Fatal("the reply request was never seen")
		}
		if n := appReplies(th, marker); n != 1 {
			t.Fatalf("%d replies by the App with %s, want 1 (a forged marker silenced it)", n, marker)
		}
		mustContain(t, "reply", lastReply(t, th), "Category 1 of 6")
	})
}

// lateLander plays a reply request that times out on our side and lands on
// GitHub afterwards: the first reply request is held until the caller gives
// up (or a second, GitHub's own answer never coming), and then sent on
// after landAfter, detached from the caller.
type lateLander struct {
	landAfter time.Duration
	once      atomic.Bool
	landed    chan struct{}
}

func (l *lateLander) RoundTrip(r *http.Request) (*http.Response, error) {
	marker, body := replyMarkerOf(r)
	if marker == "" || !l.once.CompareAndSwap(false, true) {
		return http.DefaultTransport.RoundTrip(r)
	}
	began := time.Now()
	late := r.Clone(context.Background())
	late.Body = io.NopCloser(bytes.NewReader(body))
	go func() {
		time.Sleep(time.Until(began.Add(l.landAfter)))
		if resp, err := http.DefaultTransport.RoundTrip(late); err == nil {
			resp.Body.Close()
		}
		close(l.landed)
	}()
	select {
	case <-r.Context().Done():
		return nil, r.Context().Err()
	case <-time.After(time.Second):
		return nil, errors.New("net/http: timeout awaiting response headers")
	}
}

// TestReplyWithUnknownOutcomeIsSettledByReading: a reply request gets no
// answer but lands 1.3 s later. The retry must not post again before the
// request can no longer land (its 1 s deadline plus a 1 s margin here),
// then reads the thread, finds the reply, and posts nothing.
func TestReplyWithUnknownOutcomeIsSettledByReading(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, dsn string) {
		l := &lateLander{landAfter: 1300 * time.Millisecond, landed: make(chan struct{})}
		e := start(t, dsn, func(o *sandbox.Options) {
			o.Service.Transport = l
			o.Service.AttemptTimeout, o.Service.SettleMargin = time.Second, time.Second
		})
		e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
		th := e.Issue("acme", "shop", 5, "Step 4")
		e.say(t, th, "dana", "/start")
		select {
		case <-l.landed:
		case <-e.ctx.Done():
			t.Fatal("the late request never landed")
		}
		if n := len(th.Replies()); n != 1 {
			t.Fatalf("%d replies to /start, want 1:\n%s", n, describe(requests(e.GitHub.Requests(), "", "/issues/5/comments")))
		}
		mustContain(t, "reply", lastReply(t, th), "Category 1 of 6")
	})
}

// blocker holds the reply request of one command until released or until
// its caller gives up, and says which it was.
type blocker struct {
	armed   atomic.Bool
	held    chan string // the held request's marker
	release chan struct{}
	sent    chan bool // true: passed on to GitHub after the release
}

func newBlocker() *blocker {
	return &blocker{held: make(chan string, 1), release: make(chan struct{}), sent: make(chan bool, 1)}
}

func (b *blocker) RoundTrip(r *http.Request) (*http.Response, error) {
	marker, _ := replyMarkerOf(r)
	if marker == "" || !b.armed.CompareAndSwap(true, false) {
		return http.DefaultTransport.RoundTrip(r)
	}
	b.held <- marker
	select {
	case <-r.Context().Done():
		b.sent <- false
		return nil, r.Context().Err()
	case <-b.release:
	}
	resp, err := http.DefaultTransport.RoundTrip(r)
	b.sent <- err == nil
	return resp, err
}

// terminateLockHolder ends the PostgreSQL backend that holds the session's
// advisory lock, as a database failover or an operator would.
func terminateLockHolder(t *testing.T, ctx context.Context, pool *pgxpool.Pool, key string) {
	t.Helper()
	var n int
	err := pool.QueryRow(ctx, `SELECT count(pg_terminate_backend(l.pid)) FROM pg_locks l
		WHERE l.locktype = 'advisory' AND l.objsubid = 2 AND l.granted
		  AND l.classid = (hashtext('pipewright:' || current_schema())::bigint & 4294967295)::oid
		  AND l.objid = (hashtext($1)::bigint & 4294967295)::oid`, key).Scan(&n)
	if err != nil || n != 1 {
		t.Fatalf("terminate the lock holder of %s: %d backends (%v), want 1", key, n, err)
	}
}

// TestDrainStopsWhenItsLockIsLost: a drain (on either of two replicas) is
// posting the reply to "/decide canary" when the database ends the
// connection that holds its session lock. Another drain takes the session
// for the next comment. The first must not post any more (its request is
// abandoned, not sent); the second must wait until that request could no
// longer land, find nothing, and post the reply once.
func TestDrainStopsWhenItsLockIsLost(t *testing.T) {
	t.Parallel()
	dsn := storetest.Postgres(t)
	blk := newBlocker()
	timings := func(o *service.Options) {
		o.Transport = blk
		o.AttemptTimeout, o.SettleMargin = 2*time.Second, 500*time.Millisecond
	}
	a := start(t, dsn, func(o *sandbox.Options) { timings(&o.Service) })
	bo := serviceOptions(&sleeps{})
	timings(&bo)
	b, err := a.StartReplica(a.ctx, sandbox.ReplicaOptions{Service: bo})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = b.Close() })
	a.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
	th := a.Issue("acme", "shop", 5, "Step 4")
	a.say(t, th, "dana", "/start")

	blk.armed.Store(true)
	if status, _, err := a.Send(a.ctx, th.Comment("dana", "/decide canary")); err != nil || status/100 != 2 {
		t.Fatalf("deliver to A: %d %v", status, err)
	}
	var marker string
	select {
	case marker = <-blk.held:
	case <-a.ctx.Done():
		t.Fatal("A never sent the reply")
	}
	terminateLockHolder(t, a.ctx, a.Service.Store().PGXPool(), fmt.Sprintf("github:acme/shop#%d", th.Number))
	if status, _, err := b.Send(a.ctx, th.Comment("dana", "/decide unleash")); err != nil || status/100 != 2 {
		t.Fatalf("deliver to B: %d %v", status, err)
	}
	for appReplies(th, marker) == 0 {
		select {
		case <-a.ctx.Done():
			t.Fatalf("nobody posted the reply to /decide canary: %v", a.ctx.Err())
		case <-time.After(10 * time.Millisecond):
		}
	}
	close(blk.release)
	if sent := <-blk.sent; sent {
		t.Error("A sent its reply after its lock was gone")
	}
	if err := a.WaitIdle(a.ctx); err != nil {
		t.Fatal(err)
	}
	if n := appReplies(th, marker); n != 1 {
		t.Errorf("/decide canary answered %d times, want once", n)
	}
	if n := len(th.Replies()); n != 3 {
		t.Errorf("%d replies for three comments", n)
	}
}
