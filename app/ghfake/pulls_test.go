package ghfake_test

import (
	"strings"
	"testing"

	"github.com/google/go-github/v62/github"
	"github.com/pipewright/pipewright/app/ghfake"
)

func TestCreatePullRequest(t *testing.T) {
	e := newEnv(t)
	r := e.s.AddRepo("acme", "app", "main")
	r.PutFile("pipewright/setup", "pipeline.md", []byte("# pipeline"))

	newPR := &github.NewPullRequest{Title: github.String("Set up Pipewright"), Head: github.String("pipewright/setup"),
		Base: github.String("main"), Body: github.String("body")}
	pr, resp, err := e.gh.PullRequests.Create(ctx, "acme", "app", newPR)
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("%v %v", resp, err)
	}
	if resp.Header.Get("Location") != pr.GetURL() || pr.GetNumber() != 1 || pr.GetState() != "open" {
		t.Fatalf("pr %d %s Location %q", pr.GetNumber(), pr.GetState(), resp.Header.Get("Location"))
	}
	if pr.GetHead().GetSHA() != r.Head("pipewright/setup") || pr.GetBase().GetRef() != "main" || pr.GetHead().GetRepo().GetFullName() != "acme/app" {
		t.Fatalf("head %+v base %+v", pr.GetHead(), pr.GetBase())
	}
	if pr.GetCommits() != 1 || pr.GetChangedFiles() != 1 || pr.GetUser().GetType() != "Bot" || pr.GetMaintainerCanModify() {
		t.Fatalf("commits %d files %d user %+v mcm %v", pr.GetCommits(), pr.GetChangedFiles(), pr.GetUser(), pr.GetMaintainerCanModify())
	}

	_, _, err = e.gh.PullRequests.Create(ctx, "acme", "app", newPR)
	er := errStatus(t, err, 422)
	if er.Message != "Validation Failed" || len(er.Errors) != 1 || er.Errors[0].Message != "A pull request already exists for acme:pipewright/setup." {
		t.Fatalf("duplicate: %q %+v", er.Message, er.Errors)
	}
	bad := []struct {
		head, base, want string
	}{
		{"nope", "main", "head"},
		{"pipewright/setup", "nope", "base"},
	}
	for _, b := range bad {
		_, _, err = e.gh.PullRequests.Create(ctx, "acme", "app", &github.NewPullRequest{Title: github.String("t"), Head: &b.head, Base: &b.base})
		if er := errStatus(t, err, 422); er.Errors[0].Field != b.want || er.Errors[0].Code != "invalid" {
			t.Fatalf("%s: %+v", b.want, er.Errors)
		}
	}
	_, _, err = e.gh.Git.CreateRef(ctx, "acme", "app", &github.Reference{Ref: github.String("refs/heads/fresh"),
		Object: &github.GitObject{SHA: github.String(r.Head("main"))}})
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = e.gh.PullRequests.Create(ctx, "acme", "app", &github.NewPullRequest{Title: github.String("t"), Head: github.String("fresh"), Base: github.String("main")})
	if er := errStatus(t, err, 422); er.Errors[0].Message != "No commits between main and fresh" {
		t.Fatalf("%+v", er.Errors)
	}

	list, _, err := e.gh.PullRequests.List(ctx, "acme", "app", &github.PullRequestListOptions{Head: "acme:pipewright/setup", State: "open"})
	if err != nil || len(list) != 1 || list[0].GetNumber() != 1 {
		t.Fatalf("list %v %v", list, err)
	}
	list, _, _ = e.gh.PullRequests.List(ctx, "acme", "app", &github.PullRequestListOptions{Head: "acme:other"})
	if len(list) != 0 {
		t.Fatalf("filtered list %v", list)
	}
}

// TestForkPullRequest seeds a PR from a fork and reads it back both as a
// pull and as an issue (which carries the pull_request key).
func TestForkPullRequest(t *testing.T) {
	e := newEnv(t)
	base := e.s.AddRepo("acme", "app", "main")
	fork := e.s.AddFork(base, "alice")
	fork.PutFile("fix", "pipeline.md", []byte("alice's change"))
	n := e.s.AddPullRequest("acme", "app", ghfake.PullRequestSpec{Title: "Fix", HeadOwner: "alice", HeadBranch: "fix", MaintainerCanModify: true})
	e.s.AddIssue("acme", "app", 7, "plain issue")

	pr, _, err := e.gh.PullRequests.Get(ctx, "acme", "app", n)
	if err != nil {
		t.Fatal(err)
	}
	h := pr.GetHead()
	if h.GetRepo().GetFullName() != "alice/app" || !h.GetRepo().GetFork() || h.GetSHA() != fork.Head("fix") || h.GetLabel() != "alice:fix" {
		t.Fatalf("head %+v", h)
	}
	if !pr.GetMaintainerCanModify() || pr.GetUser().GetLogin() != "alice" || pr.GetCommits() != 1 {
		t.Fatalf("mcm %v user %s commits %d", pr.GetMaintainerCanModify(), pr.GetUser().GetLogin(), pr.GetCommits())
	}
	is, _, err := e.gh.Issues.Get(ctx, "acme", "app", n)
	if err != nil || !is.IsPullRequest() || !strings.HasSuffix(is.GetPullRequestLinks().GetURL(), "/repos/acme/app/pulls/1") {
		t.Fatalf("issue view of PR: %+v %v", is.GetPullRequestLinks(), err)
	}
	plain, _, err := e.gh.Issues.Get(ctx, "acme", "app", 7)
	if err != nil || plain.IsPullRequest() {
		t.Fatalf("plain issue has pull_request: %v", err)
	}
	if _, body := e.raw(t, "GET", "repos/acme/app/issues/7", nil); body.(map[string]any)["pull_request"] != nil {
		t.Fatal("pull_request key must be absent on a plain issue")
	}
	_, _, err = e.gh.PullRequests.Get(ctx, "acme", "app", 7)
	errStatus(t, err, 404)
	// The fork's branch moving shows up as the PR's head sha.
	fork.PutFile("fix", "more", []byte("x"))
	pr, _, _ = e.gh.PullRequests.Get(ctx, "acme", "app", n)
	if pr.GetHead().GetSHA() != fork.Head("fix") || pr.GetCommits() != 2 {
		t.Fatalf("head %s commits %d", pr.GetHead().GetSHA(), pr.GetCommits())
	}
}
