package sandbox_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-github/v62/github"
	"github.com/riverqueue/river/rivertype"

	"github.com/pipewright/pipewright/app/ghclient"
	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/queue"
	"github.com/pipewright/pipewright/app/sandbox"
	"github.com/pipewright/pipewright/app/service"
	"github.com/pipewright/pipewright/app/store/storetest"
)

// fastRetry retries a failed job almost at once, so fault tests are quick.
type fastRetry struct{}

func (fastRetry) NextRetry(*rivertype.JobRow) time.Time { return time.Now().Add(10 * time.Millisecond) }

// sleeps records the waits the GitHub middleware asked for, and waits only
// a millisecond for each.
type sleeps struct {
	mu  sync.Mutex
	got []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.got = append(s.got, d)
	s.mu.Unlock()
	t := time.NewTimer(time.Millisecond)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

func (s *sleeps) waits() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.got...)
}

// testOptions are quick queue polling and retries, and recorded sleeps.
func testOptions(t testing.TB, dsn string, sl *sleeps) sandbox.Options {
	return sandbox.Options{
		Dir: t.TempDir(), DSN: dsn,
		Service: serviceOptions(sl),
	}
}

// env is one test's sandbox with its context.
type env struct {
	*sandbox.Sandbox
	ctx    context.Context
	sleeps *sleeps
}

// eachStore runs fn on SQLite, and on PostgreSQL when configured.
func eachStore(t *testing.T, fn func(t *testing.T, e *env)) {
	t.Helper()
	storetest.Each(t, func(t *testing.T, dsn string) {
		fn(t, start(t, dsn, nil))
	})
}

// start runs a sandbox for one test; tweak adjusts its options.
func start(t testing.TB, dsn string, tweak func(*sandbox.Options)) *env {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 45*time.Second)
	t.Cleanup(cancel)
	sl := &sleeps{}
	o := testOptions(t, dsn, sl)
	if tweak != nil {
		tweak(&o)
	}
	sb, err := sandbox.Start(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := sb.Close(); err != nil {
			t.Errorf("close sandbox: %v", err)
		}
	})
	return &env{Sandbox: sb, ctx: ctx, sleeps: sl}
}

// say plays one comment and fails the test if Pipewright does not settle.
func (e *env) say(t testing.TB, th *sandbox.Thread, user, body string) {
	t.Helper()
	if err := th.Say(e.ctx, user, body); err != nil {
		t.Fatalf("@%s %q: %v", user, body, err)
	}
}

// lastReply is the newest reply on the thread, without its hidden marker.
func lastReply(t testing.TB, th *sandbox.Thread) string {
	t.Helper()
	rs := th.Replies()
	if len(rs) == 0 {
		t.Fatal("no reply at all")
	}
	return rs[len(rs)-1].Body
}

// mustContain fails unless s holds every part.
func mustContain(t testing.TB, what, s string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			t.Errorf("%s lacks %q:\n%s", what, p, s)
		}
	}
}

// requests filters the stand-in's request records by method and a path
// substring.
func requests(recs []ghfake.RequestRecord, method, pathPart string) []ghfake.RequestRecord {
	var out []ghfake.RequestRecord
	for _, r := range recs {
		if (method == "" || r.Method == method) && strings.Contains(r.Path, pathPart) {
			out = append(out, r)
		}
	}
	return out
}

// describe lists records one a line, for failure messages.
func describe(recs []ghfake.RequestRecord) string {
	var b strings.Builder
	for _, r := range recs {
		fmt.Fprintf(&b, "  %s %s?%s -> %d\n", r.Method, r.Path, r.Query, r.Status)
	}
	return b.String()
}

// serviceOptions poll the queue often, retry failed jobs at once and let
// the GitHub middleware back off only briefly.
func serviceOptions(sl *sleeps) service.Options {
	return service.Options{
		QueueOptions: []queue.Option{
			queue.WithFetchIntervals(2*time.Millisecond, 10*time.Millisecond),
			queue.WithRetryPolicy(fastRetry{}),
			queue.WithSnooze(10 * time.Millisecond),
		},
		GitHub: ghclient.Options{MaxWait: 10 * time.Second, BaseBackoff: time.Millisecond, Sleep: sl.sleep},
	}
}

// openPulls lists owner/repo's open pull requests as the API shows them.
func openPulls(t testing.TB, e *env, owner, repo string) []*github.PullRequest {
	t.Helper()
	gh, err := e.Client()
	if err != nil {
		t.Fatal(err)
	}
	prs, _, err := gh.PullRequests.List(e.ctx, owner, repo, &github.PullRequestListOptions{State: "open"})
	if err != nil {
		t.Fatal(err)
	}
	return prs
}

// sqliteDSN is a SQLite store in the test's temp dir, for tests whose
// subject is not the store.
func sqliteDSN(t testing.TB) string { return storetest.SQLite(t) }

// prSpec is a same-repository pull request by author from branch.
func prSpec(author, branch string) ghfake.PullRequestSpec {
	return ghfake.PullRequestSpec{Title: "Pipeline architecture", Author: author, HeadBranch: branch}
}

// decideAll starts a session and decides everything in one comment, so a
// test reaches the A/P/C menu with one delivery.
const decideAll = `/start
/decide canary -- We export per-version error rates.
/decide unleash
/decide expand-contract
/decide automated
/decide required
/skip
/target frequency elite
/target lead-time elite
/target failure-rate elite
/target mttr elite`

// ready plays decideAll and checks the review is shown.
func (e *env) ready(t testing.TB, th *sandbox.Thread, user string) {
	t.Helper()
	e.say(t, th, user, decideAll)
	mustContain(t, "reply to the decisions", lastReply(t, th), "Here's what I'll add to the document", "/menu C")
}

func sandboxExample() []byte { return sandbox.ExamplePipeline() }

// ghfakeFault answers every matching request with status until cleared.
func ghfakeFault(method, pattern string, status int) ghfake.Fault {
	return ghfake.Fault{Method: method, PathPattern: pattern, Status: status}
}
