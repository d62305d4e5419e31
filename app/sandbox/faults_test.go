package sandbox_test

import (
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/sandbox"
	"github.com/pipewright/pipewright/app/store/storetest"
)

const replyPath = `^/repos/acme/shop/issues/\d+/comments$`

// lostAnswer lets the first matching request reach GitHub and then loses
// the answer, as when the edge times out after the backend acted.
type lostAnswer struct {
	method, path string
	done         atomic.Bool
}

func (l *lostAnswer) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := http.DefaultTransport.RoundTrip(r)
	if err != nil || r.Method != l.method || !strings.HasSuffix(r.URL.Path, l.path) || !l.done.CompareAndSwap(false, true) {
		return resp, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return &http.Response{StatusCode: http.StatusBadGateway, Status: "502 Bad Gateway", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{"Content-Type": {"text/html"}}, Body: io.NopCloser(strings.NewReader("<html>502</html>")), Request: r}, nil
}

func TestGitHubFaultsOnTheReply(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		fault   *ghfake.Fault
		lost    bool
		posts   int             // POSTs of the reply GitHub saw
		waitFor []time.Duration // among the waits the middleware asked for
	}{
		{name: "502 before GitHub acted", fault: ptr(ghfake.ServerError("POST", replyPath)), posts: 2},
		{name: "502 after GitHub acted", lost: true, posts: 1},
		{name: "secondary rate limit", fault: ptr(ghfake.SecondaryRateLimit("POST", replyPath, 1)), posts: 2, waitFor: []time.Duration{time.Second}},
		{name: "429", fault: ptr(ghfake.TooManyRequests("POST", replyPath, 2)), posts: 2, waitFor: []time.Duration{2 * time.Second}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			storetest.Each(t, func(t *testing.T, dsn string) {
				lost := &lostAnswer{method: "POST", path: "/issues/5/comments"}
				e := start(t, dsn, func(o *sandbox.Options) {
					if tt.lost {
						o.Service.Transport = lost
					}
				})
				e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
				th := e.Issue("acme", "shop", 5, "Step 4")
				if tt.fault != nil {
					e.GitHub.InjectFault(*tt.fault)
				}
				e.say(t, th, "dana", "/start")
				if n := len(th.Replies()); n != 1 {
					t.Fatalf("%d replies, want exactly 1", n)
				}
				mustContain(t, "reply", lastReply(t, th), "Category 1 of 6")
				if posts := requests(e.GitHub.Requests(), "POST", "/issues/5/comments"); len(posts) != tt.posts {
					t.Errorf("reply posted %d times, want %d:\n%s", len(posts), tt.posts, describe(posts))
				}
				for _, w := range tt.waitFor {
					if !contains(e.sleeps.waits(), w) {
						t.Errorf("waits %v lack %v (Retry-After)", e.sleeps.waits(), w)
					}
				}
				e.say(t, th, "dana", "/decide canary")
				if n := len(th.Replies()); n != 2 {
					t.Errorf("%d replies after the next comment, want 2", n)
				}
			})
		})
	}
}

func TestGitHubFaultsDuringTheSave(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		fault ghfake.Fault
		lost  *lostAnswer
	}{
		{name: "502 on reading the document", fault: ghfake.Fault{Method: "GET", PathPattern: `/contents/`, Times: 2, Status: http.StatusBadGateway}},
		{name: "502 on the commit", fault: ghfake.ServerError("PUT", `/contents/`)},
		{name: "the reply after the commit is lost", lost: &lostAnswer{method: "POST", path: "/issues/6/comments"}},
		{name: "the reply after the commit fails", fault: ghfake.ServerError("POST", replyPath)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			storetest.Each(t, func(t *testing.T, dsn string) {
				var lost *lostAnswer
				if tt.lost != nil {
					lost = &lostAnswer{method: tt.lost.method, path: tt.lost.path}
					lost.done.Store(true) // armed after the decisions
				}
				e := start(t, dsn, func(o *sandbox.Options) {
					if lost != nil {
						o.Service.Transport = lost
					}
				})
				repo := e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
				th := e.Issue("acme", "shop", 6, "Step 4")
				e.ready(t, th, "dana")
				if lost != nil {
					lost.done.Store(false)
				} else {
					e.GitHub.InjectFault(tt.fault)
				}
				e.say(t, th, "dana", "/menu C")

				branch := "pipewright/deployment-strategy-6"
				if n := len(repo.Commits(branch)); n != 3 {
					t.Errorf("%s has %d commits, want the 2 of main and 1 save", branch, n)
				}
				if prs := openPulls(t, e, "acme", "shop"); len(prs) != 1 {
					t.Errorf("%d pull requests, want 1", len(prs))
				}
				if n := len(th.Replies()); n != 2 {
					t.Fatalf("%d replies, want 2", n)
				}
				commits := repo.Commits(branch)
				mustContain(t, "save reply", lastReply(t, th), "Saved:", "/commit/"+commits[len(commits)-1].SHA, "/pull/")
			})
		})
	}
}

func ptr[T any](v T) *T { return &v }

func contains[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
