package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/google/go-github/v62/github"
	"github.com/pipewright/pipewright/comments"
)

// A pull request's head branch does not change (a rename moves the pull
// request along with it), so a session on a same-repository pull request
// remembers the branch it read the document from, and its save commits
// there without asking GitHub for the pull request again. A fork's pull
// request is always asked: its author may allow or forbid maintainer edits
// at any time.

// headRef is the branch to remember for a session that just read its
// document on a pull request of this repository, or "".
func headRef(e *commentEvent, doc docLocation, read bool) string {
	if !e.isPR() || !read || doc.Fork {
		return ""
	}
	return doc.Ref
}

// prHTMLURL is the pull request's page, from the delivery.
func (e *commentEvent) prHTMLURL() string {
	var pr struct {
		HTMLURL string `json:"html_url"`
	}
	if !e.isPR() || json.Unmarshal(e.Issue.PullRequest, &pr) != nil {
		return ""
	}
	return pr.HTMLURL
}

// locatePR asks GitHub where a pull request's save goes: its head branch,
// in the fork when it comes from one that allows maintainers to edit. It
// returns the pull request's page, or why not (a comments.Failure).
func locatePR(ctx context.Context, gh *github.Client, rec effectRecord, loc *docLocation) (prURL string, refusal error) {
	pr, _, err := gh.PullRequests.Get(ctx, rec.Owner, rec.Repo, rec.Number)
	if err != nil {
		return "", failure(err, comments.DoingReadPR, "")
	}
	head := pr.GetHead()
	loc.Ref = head.GetRef()
	if hr := head.GetRepo(); hr != nil && !strings.EqualFold(hr.GetFullName(), rec.Owner+"/"+rec.Repo) {
		if !pr.GetMaintainerCanModify() {
			return "", &comments.Failure{Kind: comments.FailForkNoEdits, Fork: hr.GetFullName()}
		}
		loc.Owner, loc.Repo, loc.Fork = hr.GetOwner().GetLogin(), hr.GetName(), true
	}
	return pr.GetHTMLURL(), nil
}

// errNotOnBranch says the document (or its branch) is gone from the ref a
// save was to commit to.
type errNotOnBranch struct{ path, ref string }

func (e *errNotOnBranch) Error() string {
	return fmt.Sprintf("%s is not on branch %s any more", comments.Name(e.path), comments.Name(e.ref))
}

func notOnBranch(err error) bool {
	var e *errNotOnBranch
	return errors.As(err, &e)
}
