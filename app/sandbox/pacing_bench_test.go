package sandbox_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/delivery"
	"github.com/pipewright/pipewright/app/ghclient"
	"github.com/pipewright/pipewright/app/metrics"
	"github.com/pipewright/pipewright/app/pace"
	"github.com/pipewright/pipewright/app/sandbox"
	"github.com/pipewright/pipewright/app/service"
	"github.com/pipewright/pipewright/app/store/storetest"
)

// jitter adds 0-50 ms before each GitHub request, so that with the
// stand-in's 100 ms every answer takes 100-150 ms, as in issue 16's runs.
type jitter struct{ next http.RoundTripper }

func (j jitter) RoundTrip(r *http.Request) (*http.Response, error) {
	t := time.NewTimer(time.Duration(rand.Int64N(int64(50 * time.Millisecond))))
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
		return nil, r.Context().Err()
	}
	return j.next.RoundTrip(r)
}

// twelvePRScript is one pull request's full session: thirteen comments
// (issue 16 played eleven; the seed's per-category C answers of issue 13
// add two), each answered by one reply, and /menu C's commit: 14
// content-creating requests, 168 for the twelve.
var twelvePRScript = func() []turn {
	s := append([]turn{}, session...)
	s = append(s, turn{"lee", "/status", nil}, turn{"dana", "/help", nil})
	return append(s, turn{"dana", "/menu C", nil})
}()

// BenchmarkTwelvePullRequests is issue 16's pacing case: one installation,
// twelve pull requests each running a full session, all comments sent at
// once (each session's in order), GitHub answering in 100-150 ms, the
// queue's production settings and GitHub's own limits (80 content-creating
// requests in any minute, 500 in any hour): one replica on SQLite, and
// three replicas sharing one PostgreSQL database (deliveries spread over
// them as a load balancer does; skipped without PIPEWRIGHT_TEST_DATABASE_URL).
// It reports how long until everything settled (every reply posted, every
// session committed), the content-creating requests and the most of them
// in any sliding minute at the stand-in. It takes a few minutes: run it alone,
//
//	go test -run='^$' -bench=TwelvePullRequests -benchtime=1x -timeout=30m ./app/sandbox
func BenchmarkTwelvePullRequests(b *testing.B) {
	b.Run("sqlite", func(b *testing.B) { twelvePullRequests(b, sqliteDSN(b), 1) })
	b.Run("postgres-3-replicas", func(b *testing.B) {
		if os.Getenv(storetest.EnvDatabaseURL) == "" {
			b.Skip(storetest.SkipMessage)
		}
		twelvePullRequests(b, storetest.Postgres(b), 3)
	})
}

func twelvePullRequests(b *testing.B, dsn string, replicas int) {
	for range b.N {
		var deferred atomic.Int64
		options := func() service.Options {
			pacer := ghclient.NewPacer()
			pacer.Deferred = func(string, time.Duration) { deferred.Add(1) }
			return service.Options{Transport: jitter{http.DefaultTransport}, GitHub: ghclient.Options{Pacer: pacer}}
		}
		e := start(b, dsn, func(o *sandbox.Options) { o.Service = options() })
		sends := []func(context.Context, delivery.Comment) (int, string, error){e.Send}
		for range replicas - 1 {
			r, err := e.StartReplica(e.ctx, sandbox.ReplicaOptions{Service: options()})
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { _ = r.Close() }) // before the sandbox closes the stand-in
			sends = append(sends, r.Send)
		}
		e.publishReleases()
		e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin", "lee": "write"})
		var threads []*sandbox.Thread
		for i := range 12 {
			threads = append(threads, e.PullRequest("acme", "shop", prSpec("dana", fmt.Sprintf("plan-%d", i))))
		}
		e.GitHub.SetLatency(GitHubLatency)
		e.GitHub.ResetRequests()
		ctx, cancel := context.WithTimeout(context.Background(), 25*time.Minute)
		began := time.Now()
		n := 0
		for _, tn := range twelvePRScript {
			for _, th := range threads {
				send := sends[n%len(sends)]
				n++
				if status, id, err := send(ctx, th.Comment(tn.user, tn.body)); err != nil || status/100 != 2 {
					b.Fatalf("delivery %s: %d %v", id, status, err)
				}
			}
		}
		err := e.WaitIdle(ctx)
		settled := time.Since(began)
		cancel()
		if err != nil {
			b.Fatal(err)
		}
		var creating []time.Time
		limited := 0
		byEndpoint := map[string]int{}
		for _, r := range e.GitHub.Requests() {
			if r.ContentCreating && r.Status/100 == 2 {
				creating = append(creating, r.Start)
				byEndpoint[r.Method+" "+metrics.Endpoint(r.Path)]++
			}
			if r.Status == http.StatusForbidden || r.Status == http.StatusTooManyRequests {
				limited++
			}
		}
		for _, th := range threads {
			if n := len(th.Replies()); n != len(twelvePRScript) {
				b.Fatalf("#%d has %d replies, want %d", th.Number, n, len(twelvePRScript))
			}
			if last := th.Replies()[len(th.Replies())-1].Body; !strings.Contains(last, "/commit/") {
				b.Errorf("#%d: the last reply does not link the commit: %.200q", th.Number, last)
			}
		}
		b.Logf("content-creating requests by endpoint: %v", byEndpoint)
		if want := len(threads) * (len(twelvePRScript) + 1); len(creating) != want {
			b.Errorf("%d content-creating requests, want %d: one reply per comment and one commit per session", len(creating), want)
		}
		b.ReportMetric(settled.Seconds(), "settle-s")
		b.ReportMetric(float64(len(creating)), "creating")
		b.ReportMetric(float64(pace.MostInWindow(creating, time.Minute)), "most-in-a-minute")
		b.ReportMetric(float64(deferred.Load()), "deferrals")
		b.ReportMetric(float64(limited), "403s")
	}
}
