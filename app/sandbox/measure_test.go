package sandbox_test

import (
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/ghclient"
	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/sandbox"
	"github.com/pipewright/pipewright/app/service"
)

// GitHubLatency is what the benchmarks add to every answer of the stand-in.
const GitHubLatency = 100 * time.Millisecond

// cost is what one command cost in GitHub requests and time.
type cost struct {
	requests, creating int
	rounds             int           // sequential round trips up to the reply
	latency            time.Duration // webhook POST to the reply created
	github             time.Duration // first GitHub request to the reply created
	paced              time.Duration // spent waiting for the pacer (GitHub's secondary limits)
}

// benchEnv is a sandbox with production queue settings, the stand-in's
// latency and a pacer whose waits are counted.
type benchEnv struct {
	*env
	waited atomic.Int64
}

func startBench(b *testing.B) *benchEnv {
	b.Helper()
	be := &benchEnv{}
	pacer := ghclient.NewPacer()
	pacer.Waited = func(d time.Duration) { be.waited.Add(int64(d)) }
	be.env = start(b, sqliteDSN(b), func(o *sandbox.Options) {
		o.Service = service.Options{GitHub: ghclient.Options{Pacer: pacer}}
	})
	be.publishReleases()
	return be
}

// measure plays one comment and derives its cost from the request records.
func (be *benchEnv) measure(b *testing.B, th *sandbox.Thread, user, body string) cost {
	b.Helper()
	be.GitHub.ResetRequests()
	be.waited.Store(0)
	sent := time.Now()
	be.say(b, th, user, body)
	recs := be.GitHub.Requests()
	c := cost{requests: len(recs), paced: time.Duration(be.waited.Load())}
	var reply *ghfake.RequestRecord
	for i, r := range recs {
		if r.ContentCreating {
			c.creating++
		}
		if r.Method == "POST" && strings.HasSuffix(r.Path, "/comments") && r.Status == 201 {
			reply = &recs[i]
		}
	}
	if reply == nil {
		b.Fatalf("no reply to %q", body)
	}
	end := reply.Start.Add(reply.Duration)
	c.latency = end.Sub(sent)
	c.rounds, c.github = rounds(recs, end)
	return c
}

// rounds counts the request groups that ran one after another (requests
// whose times overlap count once) before end, and the time from the first
// request to end. The stand-in notes a request's end after answering, so a
// request sent right after the answer may seem to start a little before
// the end: only starts well inside another request's time overlap.
func rounds(recs []ghfake.RequestRecord, end time.Time) (int, time.Duration) {
	recs = slices.Clone(recs)
	slices.SortFunc(recs, func(a, b ghfake.RequestRecord) int { return a.Start.Compare(b.Start) })
	n := 0
	var busyUntil time.Time
	for _, r := range recs {
		if !r.Start.Before(end) {
			break
		}
		if r.Start.After(busyUntil.Add(-GitHubLatency/2)) || n == 0 {
			n++
		}
		if e := r.Start.Add(r.Duration); e.After(busyUntil) {
			busyUntil = e
		}
	}
	if len(recs) == 0 {
		return 0, 0
	}
	return n, end.Sub(recs[0].Start)
}

// costs accumulates per-iteration costs and reports their means.
type costs struct{ sum cost }

func (cs *costs) add(c cost) {
	cs.sum.requests += c.requests
	cs.sum.creating += c.creating
	cs.sum.rounds += c.rounds
	cs.sum.latency += c.latency
	cs.sum.github += c.github
	cs.sum.paced += c.paced
}

func (cs *costs) report(b *testing.B, per float64) {
	n := float64(b.N) * per
	b.ReportMetric(float64(cs.sum.requests)/n, "requests/op")
	b.ReportMetric(float64(cs.sum.creating)/n, "creating/op")
	b.ReportMetric(float64(cs.sum.rounds)/n, "roundtrips/op")
	b.ReportMetric(float64(cs.sum.latency.Milliseconds())/n, "reply-ms/op")
	b.ReportMetric(float64(cs.sum.github.Milliseconds())/n, "github-ms/op")
	b.ReportMetric(float64(cs.sum.paced.Milliseconds())/n, "paced-ms/op")
	b.ReportMetric(0, "ns/op")
}
