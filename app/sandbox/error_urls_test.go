package sandbox_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/store/storetest"
)

// An error reply says what failed and GitHub's status, never the internal
// API URL go-github puts in its error text ("GET http://…/repos/…: 403").
func TestErrorRepliesShowNoAPIURLs(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, dsn string) {
		e := start(t, dsn, nil)
		e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
		noURL := func(what, reply string) {
			t.Helper()
			if strings.Contains(reply, e.APIURL) || strings.Contains(reply, "127.0.0.1") || strings.Contains(reply, "/repos/") {
				t.Errorf("%s shows an API URL:\n%s", what, reply)
			}
		}

		pr := e.PullRequest("acme", "shop", prSpec("dana", "plan"))
		e.GitHub.InjectFault(ghfake.Fault{Method: "GET", PathPattern: `^/repos/acme/shop/pulls/\d+$`, Status: http.StatusForbidden})
		e.say(t, pr, "dana", "/start")
		e.GitHub.ClearFaults()
		reply := lastReply(t, pr)
		mustContain(t, "unreadable pull request", reply, "could not read the pull request", "GitHub answered 403")
		noURL("unreadable pull request", reply)

		issue := e.Issue("acme", "shop", 40, "Step 4")
		e.ready(t, issue, "dana")
		e.GitHub.InjectFault(ghfake.Fault{Method: "POST", PathPattern: `/git/refs$`, Status: http.StatusInternalServerError})
		e.say(t, issue, "dana", "/menu C")
		e.GitHub.ClearFaults()
		reply = lastReply(t, issue)
		mustContain(t, "failed branch", reply, "could not create the branch", "GitHub answered 500", "details are in Pipewright's log")
		noURL("failed branch", reply)
	})
}
