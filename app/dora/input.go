package dora

import (
	"slices"
	"time"
)

// Source says where deployments came from.
type Source string

const (
	SourceDeployments Source = "deployments" // the Deployments API, production environment
	SourceReleases    Source = "releases"    // published releases, when there are no deployments
	SourceTags        Source = "tags"        // git tags, when pipewright local has no GitHub access
	SourceNone        Source = ""            // nothing to count deployments from
)

// Window is the period measured: From inclusive, To exclusive.
type Window struct{ From, To time.Time }

// Days is the window's length in days (at least a fraction of one).
func (w Window) Days() float64 { return max(w.To.Sub(w.From).Hours()/24, 1.0/24) }

// Contains says whether t falls in the window.
func (w Window) Contains(t time.Time) bool { return !t.Before(w.From) && t.Before(w.To) }

// WithPredecessor picks from ds, in any order, the deployments in the
// window and the newest one before it (what the first is compared with),
// oldest first; nil when none is in the window. For the sources that list
// whole histories: releases and tags.
func (w Window) WithPredecessor(ds []Deployment) []Deployment {
	var out []Deployment
	var before *Deployment
	for _, d := range ds {
		switch {
		case w.Contains(d.At):
			out = append(out, d)
		case d.At.Before(w.From) && (before == nil || d.At.After(before.At)):
			before = &d
		}
	}
	if len(out) == 0 {
		return nil
	}
	if before != nil {
		out = append(out, *before)
	}
	slices.SortStableFunc(out, func(a, b Deployment) int { return a.At.Compare(b.At) })
	return out
}

// Deployment is one attempt to put a version in production.
type Deployment struct {
	Ref string    // the deployed commit sha, or a release's tag
	At  time.Time // when it reached its outcome (first success or failure status), else created
	// Failed: its last status was failure or error; Pending: no outcome yet
	// (neither counts as a successful deployment).
	Failed, Pending bool
	// Commits are the commits this deployment shipped that the one before
	// it had not (GitHub's compare of the two refs); Compared says they
	// were read (a deployment whose compare was not read adds no lead times).
	Commits  []Commit
	Compared bool
}

// Commit is one commit a deployment shipped, as the compare lists it.
type Commit struct {
	SHA string
	// At is the author date: when the work was committed, by the author's
	// clock (what Four Keys counts lead time from); zero when unknown.
	At time.Time
	// Parents are its parents' shas, first parent first: they tell a merge
	// commit's branch commits from the line it landed on.
	Parents []string
}

// Change is one merged pull request.
type Change struct {
	Number   int
	MergedAt time.Time
	SHA      string // merge_commit_sha: the commit the merge put on the base branch
	Revert   bool   // a revert of an earlier change (GitHub's "Revert" button or title)
}

// Incident is an issue carrying the incident label.
type Incident struct {
	Number   int
	OpenedAt time.Time
	ClosedAt time.Time // zero while open
}

// Input is what a source read for one repository and window. Deployments
// are production's, oldest first, and may include the last one before the
// window (Before) so the first in it has something to compare with.
type Input struct {
	Window      Window
	Source      Source
	Environment string // the production environment's name, for the report
	Deployments []Deployment
	Changes     []Change
	Incidents   []Incident
	// IncidentLabel is the label incidents were read by ("" when none were read).
	IncidentLabel string
	// Notes are what the source wants said: a missing permission, a
	// request budget that ran out, a fallback it took.
	Notes []Note
}

// Note is a fact about how the baseline was measured, for the reply.
type Note struct {
	Key  string // catalogue key, e.g. "permission-missing"
	Args []any  // name, value pairs
}
