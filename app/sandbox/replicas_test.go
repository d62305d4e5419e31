package sandbox_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/pipewright/pipewright/app/ghclient"
	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/queue"
	"github.com/pipewright/pipewright/app/sandbox"
	"github.com/pipewright/pipewright/app/service"
	"github.com/pipewright/pipewright/app/store/storetest"
	"github.com/pipewright/pipewright/app/strategy"
)

// replicaCall is one request a replica made to the stand-in GitHub.
type replicaCall struct {
	replica    string
	method     string
	path       string
	marker     string // a reply's hidden marker line, if the body has one
	start, end time.Time
}

// replicaTrace records every GitHub call of every replica, in one place, so
// the test can see which replica did what and when.
type replicaTrace struct {
	mu    sync.Mutex
	calls []replicaCall
}

// tracingTransport records a replica's calls and, every faultEvery-th
// reply, answers 502 although GitHub created the comment, as GitHub
// sometimes does. The drain fails, lets go of the session, and whichever
// replica takes it next must find the reply already there.
type tracingTransport struct {
	replica    string
	trace      *replicaTrace
	next       http.RoundTripper
	faultEvery int
	replies    *atomic.Int32
	faults     *atomic.Int32
}

func (t tracingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c := replicaCall{replica: t.replica, method: r.Method, path: r.URL.Path, start: time.Now()}
	if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/comments") && r.GetBody != nil {
		if body, err := r.GetBody(); err == nil {
			var v struct{ Body string }
			if err := json.NewDecoder(body).Decode(&v); err == nil {
				c.marker, _, _ = strings.Cut(v.Body, "\n")
			}
		}
	}
	resp, err := t.next.RoundTrip(r)
	c.end = time.Now()
	t.trace.mu.Lock()
	t.trace.calls = append(t.trace.calls, c)
	t.trace.mu.Unlock()
	if err == nil && c.marker != "" && t.faultEvery > 0 && t.replies.Add(1)%int32(t.faultEvery) == 0 {
		resp.Body.Close()
		t.faults.Add(1)
		return &http.Response{
			StatusCode: http.StatusBadGateway, Status: "502 Bad Gateway", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
			Header:  http.Header{"Content-Type": {"application/json"}},
			Body:    io.NopCloser(strings.NewReader(`{"message":"Server Error"}`)),
			Request: r,
		}, nil
	}
	return resp, err
}

// replicaRetry retries a failed drain almost at once.
type replicaRetry struct{}

func (replicaRetry) NextRetry(*rivertype.JobRow) time.Time {
	return time.Now().Add(5 * time.Millisecond)
}

// replicaService polls the queue often and paces GitHub writes generously:
// 51 replies in one installation would otherwise wait out GitHub's 80 a
// minute, which is not what this test is about.
func replicaService(name string, trace *replicaTrace, faults *atomic.Int32) service.Options {
	return service.Options{
		Transport: tracingTransport{replica: name, trace: trace, next: http.DefaultTransport,
			faultEvery: 7, replies: new(atomic.Int32), faults: faults},
		QueueOptions: []queue.Option{
			queue.WithFetchIntervals(2*time.Millisecond, 10*time.Millisecond),
			queue.WithSnooze(5 * time.Millisecond),
			queue.WithRetryPolicy(replicaRetry{}),
		},
		GitHub: ghclient.Options{
			Pacer:       ghclient.NewPacerWithLimits(ghclient.Limits{PerMinute: 60_000, PerHour: 3_600_000}),
			BaseBackoff: time.Millisecond,
		},
	}
}

// replicaCommand is what user uNN says in the burst: decisions and targets
// alternate, so each leaves its own history entry.
func replicaCommand(i int) (body, action string) {
	if i%2 == 0 {
		opt := []string{"canary", "blue-green", "rolling", "recreate", "ab-testing"}[i/2%5]
		return "/decide pattern " + opt, "decide pattern " + opt
	}
	metric := []string{"frequency", "lead-time", "failure-rate", "mttr"}[i/2%4]
	tier := []string{"elite", "high", "medium", "low"}[i%4]
	return "/target " + metric + " " + tier, "target " + metric
}

// TestTwoReplicasShareOnePullRequest runs two Pipewright services (two
// queues, two HTTP listeners, two sets of GitHub clients) on one PostgreSQL
// and one stand-in GitHub, and sends 50 commands by 50 people on ONE pull
// request at once, half to each replica. Every command must be recorded
// once, in one order that the inbox, the session's history and the replies
// all agree on, with one reply each, and no two commands handled at once.
// Every 7th reply of each replica gets a 502 after GitHub created it, so
// drains fail midway and the session changes hands between the replicas.
func TestTwoReplicasShareOnePullRequest(t *testing.T) {
	if os.Getenv(storetest.EnvDatabaseURL) == "" {
		t.Skip("two replicas must share one store, which takes PostgreSQL: set " + storetest.EnvDatabaseURL +
			` (eval "$(bash .ci/pg-start.sh)") to run this test`)
	}
	t.Parallel()
	const people = 50
	dsn := storetest.Postgres(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	trace, faults := &replicaTrace{}, new(atomic.Int32)
	a, err := sandbox.Start(ctx, sandbox.Options{DSN: dsn, Service: replicaService("a", trace, faults)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := a.Close(); err != nil {
			t.Errorf("close replica a: %v", err)
		}
	})
	b, err := a.StartReplica(ctx, sandbox.ReplicaOptions{Service: replicaService("b", trace, faults)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := b.Close(); err != nil {
			t.Errorf("close replica b: %v", err)
		}
	}) // cleanups run last-in first-out: b stops before a closes the stand-in

	perms := map[string]string{"dana": "admin"}
	for i := range people {
		perms[fmt.Sprintf("u%02d", i)] = "write"
	}
	a.SeedRepo("acme", "shop", nil, perms)
	th := a.PullRequest("acme", "shop", ghfake.PullRequestSpec{Title: "Pipeline", Author: "dana", HeadBranch: "plan"})
	if err := th.Say(ctx, "dana", "/start"); err != nil {
		t.Fatal(err)
	}

	userOf := map[string]string{} // delivery id -> who sent it
	var mu sync.Mutex
	var wg sync.WaitGroup
	gate := make(chan struct{})
	for i := range people {
		user := fmt.Sprintf("u%02d", i)
		body, _ := replicaCommand(i)
		send := a.Send
		if i%2 == 1 {
			send = b.Send
		}
		c := th.Comment(user, body)
		wg.Go(func() {
			<-gate
			status, id, err := send(ctx, c)
			if err != nil || status/100 != 2 {
				t.Errorf("%s's %q: status %d, %v", user, body, status, err)
				return
			}
			mu.Lock()
			userOf[id] = user
			mu.Unlock()
		})
	}
	close(gate)
	wg.Wait()
	if t.Failed() {
		return
	}
	if err := a.WaitIdle(ctx); err != nil {
		t.Fatal(err)
	}
	// The replies were paced in the budget both replicas share.
	var paced int
	if err := a.Service.Store().PGXPool().QueryRow(ctx, `SELECT COUNT(*) FROM pw_pace WHERE pace_key LIKE 'installation:%'`).Scan(&paced); err != nil || paced != 1 {
		t.Errorf("shared pacing rows for the installation: %d (%v), want 1", paced, err)
	}

	// The session's history: /start, then each person's command once.
	data, _, err := a.Service.Store().LoadSession(ctx, fmt.Sprintf("github:acme/shop#%d", th.Number))
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Engine strategy.Session `json:"engine"`
	}
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatal(err)
	}
	history := rec.Engine.History
	if len(history) != people+1 || history[0].Action != "start" {
		t.Fatalf("history has %d entries (first %+v), want start and %d commands", len(history), history[0], people)
	}
	var historyOrder []string
	for _, h := range history[1:] {
		var i int
		if _, err := fmt.Sscanf(h.By, "u%02d", &i); err != nil {
			t.Fatalf("history entry by %q", h.By)
		}
		if _, want := replicaCommand(i); h.Action != want {
			t.Errorf("%s's entry is %q, want %q", h.By, h.Action, want)
		}
		historyOrder = append(historyOrder, h.By)
	}
	if got := slices.Compact(slices.Sorted(slices.Values(historyOrder))); len(got) != people {
		t.Fatalf("history holds %d different people for %d commands: %v", len(got), people, historyOrder)
	}

	// The inbox's arrival order is the order applied.
	var inboxOrder []string
	rows, err := a.Service.Store().PGXPool().Query(ctx, `SELECT delivery_id FROM pw_inbox WHERE session_key = $1 ORDER BY seq`,
		fmt.Sprintf("github:acme/shop#%d", th.Number))
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		if u, ok := userOf[id]; ok {
			inboxOrder = append(inboxOrder, u)
		}
	}
	rows.Close()
	if !slices.Equal(inboxOrder, historyOrder) {
		t.Errorf("applied in another order than the inbox's:\ninbox   %v\nhistory %v", inboxOrder, historyOrder)
	}

	// One reply per command, in the same order.
	var replyOrder []string
	seen := map[string]int{}
	for _, c := range th.Replies()[1:] {
		line, _, _ := strings.Cut(c.Body, "\n")
		id, ok := strings.CutPrefix(line, "<!-- pipewright:reply id=")
		id, _, _ = strings.Cut(id, " ")
		if !ok || userOf[id] == "" {
			t.Errorf("reply without a marker of the burst: %q", line)
			continue
		}
		seen[id]++
		replyOrder = append(replyOrder, userOf[id])
	}
	for id, user := range userOf {
		if seen[id] != 1 {
			t.Errorf("%s's command got %d replies", user, seen[id])
		}
	}
	if !slices.Equal(replyOrder, historyOrder) {
		t.Errorf("replies in another order than the history's:\nreplies %v\nhistory %v", replyOrder, historyOrder)
	}

	checkNoOverlap(t, trace, historyOrder, userOf)
	t.Logf("%d replies answered 502 after GitHub created them; each drain then let go of the session", faults.Load())
}

// checkNoOverlap: each command's GitHub work (its sender's permission
// look-up, then its reply) ends before the next command's begins, whichever
// replica ran them: the session was held by one replica at a time.
func checkNoOverlap(t *testing.T, trace *replicaTrace, order []string, userOf map[string]string) {
	t.Helper()
	trace.mu.Lock()
	defer trace.mu.Unlock()
	type span struct {
		replica    string
		start, end time.Time
	}
	spans := map[string]*span{}
	for _, c := range trace.calls {
		user := ""
		if _, rest, ok := strings.Cut(c.path, "/collaborators/"); ok {
			user, _, _ = strings.Cut(rest, "/")
		} else if id, ok := strings.CutPrefix(c.marker, "<!-- pipewright:reply id="); ok {
			id, _, _ = strings.Cut(id, " ")
			user = userOf[id]
		}
		if user == "" || user == "dana" {
			continue
		}
		s := spans[user]
		if s == nil {
			s = &span{replica: c.replica, start: c.start, end: c.end}
			spans[user] = s
		}
		if c.replica != s.replica {
			t.Errorf("%s's command ran on replicas %s and %s", user, s.replica, c.replica)
		}
		s.start, s.end = minTime(s.start, c.start), maxTime(s.end, c.end)
	}
	by := map[string]int{}
	for k, user := range order {
		s := spans[user]
		if s == nil {
			t.Errorf("no GitHub calls traced for %s's command", user)
			continue
		}
		by[s.replica]++
		if k > 0 {
			if prev := spans[order[k-1]]; prev != nil && s.start.Before(prev.end) {
				t.Errorf("%s's command (replica %s) began before %s's (replica %s) had finished", user, s.replica, order[k-1], prev.replica)
			}
		}
	}
	t.Logf("commands handled by replica: %v", by)
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
