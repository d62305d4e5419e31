package handlers

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"

	"github.com/google/go-github/v62/github"
)

// A save from an issue commits to a branch and opens a pull request in the
// App's name, so both must be Pipewright's own. Anyone who can push may
// create pipewright/deployment-strategy-N first, with a workflow of their
// own on it, or open a pull request from it: Pipewright then would commit
// on top and propose their files as its save. So the branch is one
// Pipewright created itself, from the default branch's head, and recorded
// in the session; a name someone else holds is left alone for a fresh one
// ("-2", "-3", ...), which the reply mentions; and the only pull request
// reported is one the App opened.

// maxBranchNames bounds the names tried before giving up.
const maxBranchNames = 10

// ownBranch is the branch Pipewright created for an issue's saves, kept in
// the session record so that retries and later saves find it.
type ownBranch struct {
	Name string `json:"name"`
	// From is the default branch's head the branch was cut from. It is
	// recorded before asking GitHub to create the branch: a retry that finds
	// the branch still there, since its answer was lost, knows it by that.
	From    string `json:"from"`
	Created bool   `json:"created,omitempty"` // GitHub answered 201
	PR      int    `json:"pr,omitempty"`      // the pull request Pipewright opened from it
}

// IssueBranch is the name a save from an issue tries first.
func IssueBranch(number int) string { return fmt.Sprintf("pipewright/deployment-strategy-%d", number) }

// branchName is the i-th name tried: the usual one, then "-2", "-3", ...
func branchName(number, i int) string {
	if i == 0 {
		return IssueBranch(number)
	}
	return fmt.Sprintf("%s-%d", IssueBranch(number), i+1)
}

// errNoBranchName says every name was someone else's.
var errNoBranchName = errors.New("every branch name Pipewright tries for this issue is taken by branches it did not create")

// issueBranch returns the branch this issue's saves commit to: the one it
// recorded if still there, else a new one cut from the default branch.
func (p *Processor) issueBranch(ctx context.Context, gh *github.Client, key string, rec effectRecord) (ownBranch, error) {
	sr, err := p.loadRecord(ctx, key)
	if err != nil {
		return ownBranch{}, err
	}
	start := 0
	if own := sr.IssueBranch; own != nil {
		ref, exists, err := readRef(ctx, gh, rec.Owner, rec.Repo, own.Name)
		if err != nil {
			return *own, err
		}
		switch {
		case exists && own.Created:
			return *own, nil
		case exists && own.From != "" && ref.GetObject().GetSHA() == own.From:
			// Our create landed and its answer was lost.
			own.Created = true
			return *own, p.recordBranch(ctx, key, own)
		}
		start = nameIndex(rec.Number, own.Name)
		if exists {
			start++ // someone else's now: the name is theirs
		}
	}
	for i := start; i < maxBranchNames; i++ {
		name := branchName(rec.Number, i)
		var base *github.Reference
		var baseErr error
		var wg sync.WaitGroup
		wg.Go(func() { base, _, baseErr = gh.Git.GetRef(ctx, rec.Owner, rec.Repo, "heads/"+rec.DefaultBranch) })
		_, exists, err := readRef(ctx, gh, rec.Owner, rec.Repo, name)
		wg.Wait()
		if err != nil {
			return ownBranch{Name: name}, err
		}
		if exists {
			// Not recorded, so not ours: even a branch an older release used
			// may carry what someone planted before it.
			continue
		}
		if baseErr != nil {
			return ownBranch{Name: name}, fmt.Errorf("read branch %s: %w", rec.DefaultBranch, baseErr)
		}
		own := ownBranch{Name: name, From: base.GetObject().GetSHA()}
		if err := p.recordBranch(ctx, key, &own); err != nil {
			return own, err
		}
		ref := "refs/heads/" + name
		_, resp, err := gh.Git.CreateRef(ctx, rec.Owner, rec.Repo, &github.Reference{Ref: &ref, Object: &github.GitObject{SHA: &own.From}})
		if err != nil && resp != nil && resp.StatusCode == http.StatusUnprocessableEntity {
			continue // created by someone else meanwhile
		}
		if err != nil {
			return own, err
		}
		own.Created = true
		return own, p.recordBranch(ctx, key, &own)
	}
	return ownBranch{Name: IssueBranch(rec.Number)}, errNoBranchName
}

// readRef reads a branch's ref; a missing branch is not an error.
func readRef(ctx context.Context, gh *github.Client, owner, repo, branch string) (*github.Reference, bool, error) {
	ref, resp, err := gh.Git.GetRef(ctx, owner, repo, "heads/"+branch)
	if err != nil && resp != nil && resp.StatusCode == http.StatusNotFound {
		return nil, false, nil
	}
	return ref, err == nil, err
}

// nameIndex is the position of name among the names tried (0 if none).
func nameIndex(number int, name string) int {
	for i := range maxBranchNames {
		if branchName(number, i) == name {
			return i
		}
	}
	return 0
}

// isApp reports whether u is the App itself. Without PIPEWRIGHT_APP_SLUG
// the App's login is unknown: any bot counts (on a branch that is ours, so
// only an App with write access could have opened another's request).
func (p *Processor) isApp(u *github.User) bool {
	if u == nil || u.GetType() != "Bot" {
		return false
	}
	return p.BotLogin == "" || u.GetLogin() == p.BotLogin
}
