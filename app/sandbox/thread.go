package sandbox

import (
	"context"
	"fmt"
	"net/url"

	"github.com/google/go-github/v62/github"

	"github.com/pipewright/pipewright/app/delivery"
	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/project"
)

// ExamplePipeline returns a copy of the demo's pipeline.md: steps 1 to 3
// complete, ready for step 4.
func ExamplePipeline() []byte { return append([]byte(nil), examplePipeline...) }

// SeedRepo creates owner/name on the stand-in with files on its default
// branch "main"; nil files seed the example pipeline.md at BMAD's default
// path. perms gives people their roles ("admin", "write", "read", ...).
func (s *Sandbox) SeedRepo(owner, name string, files map[string][]byte, perms map[string]string) *ghfake.Repo {
	repo := s.GitHub.AddRepo(owner, name, "main")
	if files == nil {
		files = map[string][]byte{project.DefaultDocPath: ExamplePipeline()}
	}
	for path, data := range files {
		repo.PutFile("main", path, data)
	}
	for user, role := range perms {
		s.GitHub.SetPermission(owner, name, user, role)
	}
	return repo
}

// Thread is one issue or pull request on which a test plays comments.
type Thread struct {
	sb          *Sandbox
	Owner, Repo string
	Branch      string // the repository's default branch
	Number      int
	Title       string
	PR          bool
}

// Issue opens issue #number on a seeded repository.
func (s *Sandbox) Issue(owner, name string, number int, title string) *Thread {
	s.GitHub.AddIssue(owner, name, number, title)
	return &Thread{sb: s, Owner: owner, Repo: name, Branch: "main", Number: number, Title: title}
}

// PullRequest opens a pull request on a seeded repository (a fork's when
// spec names its head repository).
func (s *Sandbox) PullRequest(owner, name string, spec ghfake.PullRequestSpec) *Thread {
	n := s.GitHub.AddPullRequest(owner, name, spec)
	return &Thread{sb: s, Owner: owner, Repo: name, Branch: "main", Number: n, Title: spec.Title, PR: true}
}

// Comment is a "created" delivery of body by user on the thread, with a
// fresh comment id; change its fields for other shapes.
func (th *Thread) Comment(user, body string) delivery.Comment {
	return delivery.Comment{
		Owner: th.Owner, Repo: th.Repo, Branch: th.Branch, Number: th.Number, Title: th.Title,
		PullRequest: th.PR, Body: body, Author: user, CommentID: 900000 + th.sb.comment.Add(1),
	}
}

// Deliver sends c signed and waits until Pipewright has done everything it
// caused. It fails on a non-2xx answer.
func (th *Thread) Deliver(ctx context.Context, c delivery.Comment) error {
	status, id, err := th.sb.Send(ctx, c)
	if err != nil {
		return err
	}
	if status/100 != 2 {
		return fmt.Errorf("delivery %s answered %d", id, status)
	}
	return th.sb.WaitIdle(ctx)
}

// Say posts body as a new comment by user and waits for Pipewright.
func (th *Thread) Say(ctx context.Context, user, body string) error {
	return th.Deliver(ctx, th.Comment(user, body))
}

// Replies lists what the App posted on the thread, oldest first.
func (th *Thread) Replies() []ghfake.Comment {
	return th.sb.GitHub.Comments(th.Owner, th.Repo, th.Number)
}

// Client returns a go-github client on the stand-in holding a fresh
// installation token, for reading back what the API shows.
func (s *Sandbox) Client() (*github.Client, error) {
	u, err := url.Parse(s.APIURL)
	if err != nil {
		return nil, err
	}
	gh := github.NewClient(nil).WithAuthToken(s.GitHub.IssueToken(s.Installation))
	gh.BaseURL = u
	return gh, nil
}
