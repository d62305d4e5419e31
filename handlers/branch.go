package handlers

import (
	"context"
	"fmt"
	"net/http"
	"sync"

	"github.com/google/go-github/v62/github"
)

// ensureBranch makes sure branch exists, cut from the head of from, and
// reports whether this call created it. Both refs are read at once: the
// base's is needed only for a new branch, but asking later would cost the
// save another round trip.
func ensureBranch(ctx context.Context, gh *github.Client, owner, repo, branch, from string) (created bool, err error) {
	var base *github.Reference
	var baseErr error
	var wg sync.WaitGroup
	wg.Go(func() { base, _, baseErr = gh.Git.GetRef(ctx, owner, repo, "heads/"+from) })
	_, resp, err := gh.Git.GetRef(ctx, owner, repo, "heads/"+branch)
	wg.Wait()
	if err == nil {
		return false, nil
	}
	if resp == nil || resp.StatusCode != http.StatusNotFound {
		return false, err
	}
	if baseErr != nil {
		return false, fmt.Errorf("read branch %s: %w", from, baseErr)
	}
	ref := "refs/heads/" + branch
	_, resp, err = gh.Git.CreateRef(ctx, owner, repo, &github.Reference{Ref: &ref, Object: &github.GitObject{SHA: base.Object.SHA}})
	if err != nil && resp != nil && resp.StatusCode == http.StatusUnprocessableEntity {
		return false, nil // created meanwhile by an earlier attempt
	}
	return err == nil, err
}

// ensurePR finds or opens the pull request for an issue's branch. A branch
// this save created has no pull request yet, so it is not looked for.
func ensurePR(ctx context.Context, gh *github.Client, rec effectRecord, branch string, newBranch bool) (string, error) {
	find := func() (string, error) {
		prs, _, err := gh.PullRequests.List(ctx, rec.Owner, rec.Repo, &github.PullRequestListOptions{Head: rec.Owner + ":" + branch, State: "open"})
		if err != nil || len(prs) == 0 {
			return "", err
		}
		return prs[0].GetHTMLURL(), nil
	}
	if !newBranch {
		if url, err := find(); err != nil || url != "" {
			return url, err
		}
	}
	title := fmt.Sprintf("Deployment strategy (pipeline step 4) from #%d", rec.Number)
	body := fmt.Sprintf("Adds the `## Deployment Strategy` section to `%s`, as decided in #%d, and marks step 4 complete in its frontmatter.\n\nCloses #%d", rec.DocPath, rec.Number, rec.Number)
	pr, resp, err := gh.PullRequests.Create(ctx, rec.Owner, rec.Repo, &github.NewPullRequest{Title: &title, Head: &branch, Base: &rec.DefaultBranch, Body: &body})
	if err != nil && resp != nil && resp.StatusCode == http.StatusUnprocessableEntity {
		// One is open already (or there is nothing to propose): find it.
		return find()
	}
	if err != nil {
		return "", err
	}
	return pr.GetHTMLURL(), nil
}
