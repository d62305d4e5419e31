package sandbox_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/pipewright/pipewright/app/project"
	"github.com/pipewright/pipewright/app/sandbox"
	"github.com/pipewright/pipewright/app/store/storetest"
)

// GitHub Enterprise Server serves the API under /api/v3, token exchange
// included; the stand-in answers 404 to anything outside the prefix.
func TestGitHubEnterpriseServer(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, dsn string) {
		var paths urlLog
		e := start(t, dsn, func(o *sandbox.Options) {
			o.PathPrefix = "/api/v3"
			o.Service.Transport = &paths
		})
		repo := e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
		th := e.Issue("acme", "shop", 9, "Step 4")
		e.ready(t, th, "dana")
		e.say(t, th, "dana", "/menu C")

		mustContain(t, "save reply", lastReply(t, th), "Saved:", "/commit/", "/acme/shop/pull/")
		if doc, _ := repo.File("pipewright/deployment-strategy-9", project.DefaultDocPath); len(doc) == 0 {
			t.Fatal("nothing saved on the issue's branch")
		}
		recs := e.GitHub.Requests()
		tokens := requests(recs, "POST", fmt.Sprintf("/app/installations/%d/access_tokens", e.Installation))
		if len(tokens) != 1 || tokens[0].Status != 201 {
			t.Errorf("token exchanges under /api/v3: want one 201:\n%s", describe(tokens))
		}
		for _, r := range recs {
			if r.Status == 401 {
				t.Errorf("unauthenticated: %s %s", r.Method, r.Path)
			}
		}
		sent := paths.list()
		if len(sent) != len(recs) {
			t.Errorf("%d requests sent, %d seen by the stand-in", len(sent), len(recs))
		}
		for _, p := range sent {
			if !strings.HasPrefix(p, "/api/v3/") {
				t.Errorf("request outside /api/v3: %s", p)
			}
		}
	})
}

// urlLog is a transport that notes each request's method and path.
type urlLog struct {
	mu    sync.Mutex
	paths []string
}

func (l *urlLog) RoundTrip(r *http.Request) (*http.Response, error) {
	l.mu.Lock()
	l.paths = append(l.paths, r.URL.Path)
	l.mu.Unlock()
	return http.DefaultTransport.RoundTrip(r)
}

func (l *urlLog) list() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.paths...)
}
