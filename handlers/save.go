package handlers

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"strings"

	"github.com/google/go-github/v62/github"

	"github.com/pipewright/pipewright/app/pipelinedoc"
	"github.com/pipewright/pipewright/comments"
)

// maxSaveAttempts bounds how often a save re-reads and re-applies after
// someone else pushed to the branch in between.
const maxSaveAttempts = 5

// save commits the section: to the PR's head branch on a PR (a fork's only
// where its author allows maintainers to edit), or to Pipewright's own
// branch with its own pull request on an issue (branch.go). Failures come
// back as user-facing text.
func (p *Processor) save(ctx context.Context, gh *github.Client, key string, rec effectRecord) (out comments.SaveOutcome) {
	out = comments.SaveOutcome{Path: rec.DocPath}
	defer func() {
		if out.Problem != nil {
			logFailure(ctx, out.Problem, "save failed; the reply says why")
		}
	}()
	if err := checkDocPath(rec.DocPath, "path", RepoConfigPath, cmp.Or(rec.HeadRef, rec.DefaultBranch)); err != nil {
		// Read by a session started before paths were checked.
		out.Fail(err)
		return out
	}
	message := fmt.Sprintf("Add the deployment strategy (pipeline step 4)\n\nDecided with Pipewright in %s/%s#%d; saved by @%s.\n\n%s%s",
		rec.Owner, rec.Repo, rec.Number, rec.Actor, commitTrailer, rec.CommandID)
	if !rec.IsPR {
		p.saveFromIssue(ctx, gh, key, rec, message, &out)
		return out
	}
	loc := docLocation{Owner: rec.Owner, Repo: rec.Repo, Path: rec.DocPath}
	prURL := ""
	remembered := rec.HeadRef != "" && rec.PRURL != ""
	if remembered {
		loc.Ref, prURL = rec.HeadRef, rec.PRURL
	} else {
		var refusal error
		if prURL, refusal = locatePR(ctx, gh, rec, &loc); refusal != nil {
			out.Fail(refusal)
			return out
		}
	}
	commitURL, unchanged, err := writeSection(ctx, gh, loc, rec.Section, message, p.observer().SaveConflict)
	if remembered && notOnBranch(err) {
		// The branch was renamed or deleted since the session started: ask.
		var refusal error
		if prURL, refusal = locatePR(ctx, gh, rec, &loc); refusal != nil {
			out.Fail(refusal)
			return out
		}
		commitURL, unchanged, err = writeSection(ctx, gh, loc, rec.Section, message, p.observer().SaveConflict)
	}
	if err != nil {
		out.Fail(failure(err, comments.DoingCommit, loc.Ref))
		return out
	}
	out.CommitURL, out.Unchanged = commitOutcome(ctx, gh, loc, rec.CommandID, commitURL, unchanged)
	if prURL != "" {
		out.FilesURL = prURL + "/files"
	}
	return out
}

// saveFromIssue commits to Pipewright's own branch and reports its own
// pull request. When someone else holds a pull request from that branch,
// the save moves to a fresh branch rather than report theirs.
func (p *Processor) saveFromIssue(ctx context.Context, gh *github.Client, key string, rec effectRecord, message string, out *comments.SaveOutcome) {
	for attempt := 1; ; attempt++ {
		br, err := p.issueBranch(ctx, gh, key, rec)
		if err != nil {
			out.Fail(failure(err, comments.DoingCreateBranch, br.Name))
			return
		}
		out.Branch, out.Taken = br.Name, ""
		if br.Name != IssueBranch(rec.Number) {
			out.Taken = IssueBranch(rec.Number)
		}
		loc := docLocation{Owner: rec.Owner, Repo: rec.Repo, Path: rec.DocPath, Ref: br.Name}
		commitURL, unchanged, err := writeSection(ctx, gh, loc, rec.Section, message, p.observer().SaveConflict)
		if err != nil {
			out.Fail(failure(err, comments.DoingCommit, loc.Ref))
			return
		}
		out.CommitURL, out.Unchanged = commitOutcome(ctx, gh, loc, rec.CommandID, commitURL, unchanged)
		url, err := p.ownPR(ctx, gh, key, rec, &br)
		var foreign *errForeignPR
		if errors.As(err, &foreign) && attempt < 3 {
			if err := p.disown(ctx, key, br); err != nil {
				out.Fail(failure(err, comments.DoingOpenPR, ""))
				return
			}
			continue
		}
		if err != nil {
			out.Fail(failure(err, comments.DoingOpenPR, ""))
			return
		}
		out.PRURL = url
		if url != "" {
			out.FilesURL = url + "/files"
		}
		return
	}
}

// commitOutcome is what a save reports of its commit. An unchanged
// document after a crash that followed our own commit is that commit: the
// branch's head is the save of this command.
func commitOutcome(ctx context.Context, gh *github.Client, loc docLocation, id, commitURL string, unchanged bool) (string, bool) {
	if unchanged {
		if url, ok := ownHeadCommit(ctx, gh, loc, id); ok {
			return url, false
		}
	}
	return commitURL, unchanged
}

// commitTrailer ends a save's commit message with the command it carries
// out, so a retry can recognise its own commit.
const commitTrailer = "Pipewright-Command: "

// ownHeadCommit returns the URL of the branch's head commit if it is the
// save of command id.
func ownHeadCommit(ctx context.Context, gh *github.Client, loc docLocation, id string) (string, bool) {
	b, _, err := gh.Repositories.GetBranch(ctx, loc.Owner, loc.Repo, loc.Ref, 1)
	if err != nil || b.GetCommit() == nil {
		return "", false
	}
	msg := strings.TrimRight(b.GetCommit().GetCommit().GetMessage(), "\n")
	if !strings.HasSuffix(msg, "\n"+commitTrailer+id) {
		return "", false
	}
	return b.GetCommit().GetHTMLURL(), true
}

// writeSection applies the save to the branch's current content and
// commits it with the blob sha it read. When someone pushed meanwhile (409,
// or 422 on a stale sha) it re-reads and re-applies, so their edit stays.
func writeSection(ctx context.Context, gh *github.Client, loc docLocation, section, message string, conflict func()) (string, bool, error) {
	for attempt := 1; ; attempt++ {
		data, sha, err := getFile(ctx, gh, loc.Owner, loc.Repo, loc.Path, loc.Ref)
		if errors.Is(err, fs.ErrNotExist) {
			return "", false, &errNotOnBranch{loc.Path, loc.Ref}
		}
		if err != nil {
			return "", false, err
		}
		updated, err := pipelinedoc.Save(loc.Path, data, section)
		if err != nil {
			return "", false, err
		}
		if string(updated) == string(data) {
			return "", true, nil
		}
		res, _, err := gh.Repositories.UpdateFile(ctx, loc.Owner, loc.Repo, loc.Path, &github.RepositoryContentFileOptions{
			Message: &message, Content: updated, SHA: &sha, Branch: &loc.Ref,
		})
		if err == nil {
			return res.Commit.GetHTMLURL(), false, nil
		}
		if !staleSHA(err) || attempt >= maxSaveAttempts {
			return "", false, err
		}
		conflict()
	}
}

// staleSHA recognises "someone pushed since you read": 409, or 422 about the sha.
func staleSHA(err error) bool {
	var er *github.ErrorResponse
	if !errors.As(err, &er) || er.Response == nil {
		return false
	}
	switch er.Response.StatusCode {
	case http.StatusConflict:
		return !strings.Contains(strings.ToLower(er.Message), "rule")
	case http.StatusUnprocessableEntity:
		m := strings.ToLower(er.Message)
		return strings.Contains(m, "sha") || strings.Contains(m, "does not match")
	}
	return false
}
