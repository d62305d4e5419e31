package handlers

import (
	"context"
	"fmt"
	"net/http"

	"github.com/google/go-github/v62/github"
)

// errForeignPR is GitHub refusing our pull request because one from the
// same branch is open that the App did not open.
type errForeignPR struct{ err error }

func (e *errForeignPR) Error() string { return e.err.Error() }
func (e *errForeignPR) Unwrap() error { return e.err }

// ownPR returns the page of the pull request Pipewright opened from its
// branch, opening it if there is none open; it records the number.
func (p *Processor) ownPR(ctx context.Context, gh *github.Client, key string, rec effectRecord, br *ownBranch) (string, error) {
	if br.PR != 0 {
		pr, _, err := gh.PullRequests.Get(ctx, rec.Owner, rec.Repo, br.PR)
		if err != nil {
			return "", err
		}
		if pr.GetState() == "open" && pr.GetHead().GetRef() == br.Name {
			return pr.GetHTMLURL(), nil
		}
		// Merged or closed: this save proposes anew.
	}
	title := fmt.Sprintf("Deployment strategy (pipeline step 4) from #%d", rec.Number)
	body := fmt.Sprintf("Adds the `## Deployment Strategy` section to `%s`, as decided in #%d, and marks step 4 complete in its frontmatter.\n\nCloses #%d", rec.DocPath, rec.Number, rec.Number)
	pr, resp, err := gh.PullRequests.Create(ctx, rec.Owner, rec.Repo, &github.NewPullRequest{Title: &title, Head: &br.Name, Base: &rec.DefaultBranch, Body: &body})
	if err == nil {
		br.PR = pr.GetNumber()
		return pr.GetHTMLURL(), p.recordBranch(ctx, key, br)
	}
	if resp == nil || resp.StatusCode != http.StatusUnprocessableEntity {
		return "", err
	}
	// One is open already (our own, whose answer was lost, or someone
	// else's), or there is nothing to propose.
	prs, _, lerr := gh.PullRequests.List(ctx, rec.Owner, rec.Repo, &github.PullRequestListOptions{Head: rec.Owner + ":" + br.Name, State: "open"})
	if lerr != nil {
		return "", lerr
	}
	for _, open := range prs {
		if p.isApp(open.GetUser()) {
			br.PR = open.GetNumber()
			return open.GetHTMLURL(), p.recordBranch(ctx, key, br)
		}
	}
	if len(prs) > 0 {
		return "", &errForeignPR{err}
	}
	return "", nil
}

// recordBranch stores br as the issue's branch in the session (the save
// holds the session's lock, as recordSave does).
func (p *Processor) recordBranch(ctx context.Context, key string, br *ownBranch) error {
	own := *br
	return p.updateRecord(ctx, key, "record the branch", func(sr *sessionRecord) bool {
		sr.IssueBranch = &own
		return true
	})
}

// updateRecord applies change to the stored session record and saves it,
// unless change reports nothing to save. The caller holds the session's
// lock; the version check still refuses a write that raced another.
func (p *Processor) updateRecord(ctx context.Context, key, what string, change func(*sessionRecord) bool) error {
	data, version, err := p.Store.LoadSession(ctx, key)
	if err != nil {
		return fmt.Errorf("load session %s: %w", key, err)
	}
	sr, err := decodeRecord(data)
	if err != nil {
		return err
	}
	if !change(&sr) {
		return nil
	}
	updated, err := sr.encode()
	if err != nil {
		return err
	}
	if _, err := p.Store.SaveSession(ctx, key, updated, version); err != nil {
		return fmt.Errorf("%s in %s: %w", what, key, err)
	}
	return nil
}

// loadRecord reads the session record.
func (p *Processor) loadRecord(ctx context.Context, key string) (sessionRecord, error) {
	data, _, err := p.Store.LoadSession(ctx, key)
	if err != nil {
		return sessionRecord{}, fmt.Errorf("load session %s: %w", key, err)
	}
	return decodeRecord(data)
}

// disown forgets a branch whose pull request someone else holds: the next
// try takes the next name.
func (p *Processor) disown(ctx context.Context, key string, br ownBranch) error {
	return p.recordBranch(ctx, key, &ownBranch{Name: br.Name})
}
