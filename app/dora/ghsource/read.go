// Package ghsource reads what a DORA baseline is computed from through
// GitHub's REST API: production deployments and their statuses (or
// published releases), merged pull requests, incident issues, and the
// compare of consecutive deployed versions. Only GET requests, at most
// Options.MaxRequests of them, several at a time.
package ghsource

import (
	"cmp"
	"context"
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/google/go-github/v62/github"

	"github.com/pipewright/pipewright/app/dora"
)

// Options say what to read. The zero value reads the last 90 days of
// the "production" environment, with "incident" issues, in 40 requests.
type Options struct {
	Window        dora.Window
	Environment   string      // default "production"
	Source        dora.Source // "" picks deployments, else releases
	IncidentLabel string      // default "incident"
	MaxRequests   int         // default DefaultMaxRequests
}

// OptionsFor reads the team's dora settings for a measurement at now:
// the window, the production environment (from step 3's environment
// sequence unless configured), the source and the incident label. Both
// modes (the App and pipewright local) measure with it.
func OptionsFor(cfg dora.Config, environments []string, now time.Time) Options {
	return Options{
		Window:        cfg.Window(now),
		Environment:   cfg.ProductionEnvironment(environments),
		Source:        cfg.SourceOrAuto(),
		IncidentLabel: cfg.IncidentLabel,
	}
}

// DefaultMaxRequests bounds one measurement: up to 2 pages of
// deployments, 3 of pull requests, 1 of incidents and 1 of releases (only
// when there are no deployments), the statuses of as many deployments as
// the budget allows while keeping minCompares for lead time, then
// compares with what is left.
const DefaultMaxRequests = 40

const (
	minCompares  = 8
	maxPulls     = 3
	maxDeploys   = 2
	pageSize     = 100
	statusesPage = 10
)

// budget counts the requests a measurement may still make.
type budget struct{ left atomic.Int32 }

func (b *budget) take() bool { return b.left.Add(-1) >= 0 }

// reader is one measurement in progress.
type reader struct {
	gh          *github.Client
	owner, repo string
	o           Options
	budget      budget
	mu          sync.Mutex
	notes       []dora.Note
}

func (r *reader) note(key string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, n := range r.notes {
		if n.Key == key {
			return // say each thing once
		}
	}
	r.notes = append(r.notes, dora.Note{Key: key, Args: args})
}

// Read measures owner/repo's history for o's window. It never fails: what
// it could not read is said in the input's notes, and the figures that
// need it say there is too little data.
func Read(ctx context.Context, gh *github.Client, owner, repo string, o Options) dora.Input {
	o.Environment = cmp.Or(o.Environment, "production")
	o.IncidentLabel = cmp.Or(o.IncidentLabel, "incident")
	o.MaxRequests = cmp.Or(o.MaxRequests, DefaultMaxRequests)
	r := &reader{gh: gh, owner: owner, repo: repo, o: o}
	r.budget.left.Store(int32(o.MaxRequests))
	in := dora.Input{Window: o.Window, Environment: o.Environment, IncidentLabel: o.IncidentLabel}

	var deploys []*github.Deployment
	var releases []*github.RepositoryRelease
	var wg sync.WaitGroup
	if o.Source != dora.SourceReleases {
		wg.Go(func() { deploys = r.deployments(ctx) })
	} else {
		wg.Go(func() { releases = r.releases(ctx) })
	}
	wg.Go(func() { in.Changes = r.changes(ctx) })
	wg.Go(func() { in.Incidents = r.incidents(ctx) })
	wg.Wait()

	if len(deploys) > 0 {
		in.Source, in.Deployments = dora.SourceDeployments, r.outcomes(ctx, deploys, &in.Window)
	}
	if !hasSuccess(in.Deployments, in.Window) && o.Source != dora.SourceDeployments {
		if o.Source != dora.SourceReleases {
			releases = r.releases(ctx) // only when there is nothing to count otherwise
		}
		if rs := releaseDeployments(releases, in.Window); len(rs) > 0 {
			if in.Source == dora.SourceDeployments {
				r.note("fell-back-to-releases", "environment", o.Environment)
			}
			in.Source, in.Deployments = dora.SourceReleases, rs
		}
	}
	if in.Source == dora.SourceNone {
		in.Deployments = nil
		r.note("no-deployment-data")
	}
	r.compareAll(ctx, in.Deployments)
	in.Notes = r.notes
	return in
}

func hasSuccess(ds []dora.Deployment, w dora.Window) bool {
	for _, d := range ds {
		if !d.Failed && !d.Pending && w.Contains(d.At) {
			return true
		}
	}
	return false
}

// get runs one GET within the budget; false when the budget is spent or
// the request failed (a missing permission is noted as such).
func (r *reader) get(ctx context.Context, path string, v any) bool {
	if !r.budget.take() {
		r.note("budget-spent", "requests", r.o.MaxRequests)
		return false
	}
	req, err := r.gh.NewRequest(http.MethodGet, path, nil)
	if err != nil {
		return false
	}
	resp, err := r.gh.Do(ctx, req, v)
	if err == nil {
		return true
	}
	var ge *github.ErrorResponse
	switch {
	case errors.As(err, &ge) && resp != nil && resp.StatusCode == http.StatusForbidden && strings.Contains(path, "/deployments"):
		r.note("permission-missing", "permission", "deployments: read")
	case resp != nil && resp.StatusCode == http.StatusNotFound:
		// an empty repository or a deleted ref: nothing to read
	default:
		r.note("read-failed", "what", strings.SplitN(strings.TrimPrefix(path, "repos/"+r.owner+"/"+r.repo+"/"), "?", 2)[0])
	}
	return false
}

func (r *reader) path(rest string) string { return "repos/" + r.owner + "/" + r.repo + "/" + rest }

var revertBody = regexp.MustCompile(`(?m)^Reverts [\w.-]+/[\w.-]+#\d+`)

// isRevert recognises GitHub's "Revert" button: the title `Revert "…"`
// and the body "Reverts owner/repo#n".
func isRevert(pr *github.PullRequest) bool {
	return strings.HasPrefix(pr.GetTitle(), `Revert "`) || revertBody.MatchString(pr.GetBody())
}

// changes are the pull requests merged in the window, from the recently
// updated closed ones.
func (r *reader) changes(ctx context.Context) []dora.Change {
	var out []dora.Change
	for page := 1; page <= maxPulls; page++ {
		var prs []*github.PullRequest
		if !r.get(ctx, r.path("pulls?state=closed&sort=updated&direction=desc&per_page=100&page="+strconv.Itoa(page)), &prs) {
			break
		}
		for _, pr := range prs {
			if pr.MergedAt != nil && r.o.Window.Contains(pr.GetMergedAt().Time) {
				out = append(out, dora.Change{Number: pr.GetNumber(), MergedAt: pr.GetMergedAt().Time,
					SHA: pr.GetMergeCommitSHA(), Revert: isRevert(pr)})
			}
		}
		if len(prs) < pageSize || prs[len(prs)-1].GetUpdatedAt().Before(r.o.Window.From) {
			break
		}
	}
	return out
}

// incidents are the issues with the incident label opened in the window.
func (r *reader) incidents(ctx context.Context) []dora.Incident {
	var issues []*github.Issue
	q := "issues?state=all&labels=" + url.QueryEscape(r.o.IncidentLabel) + "&since=" + r.o.Window.From.UTC().Format(time.RFC3339) + "&per_page=100"
	if !r.get(ctx, r.path(q), &issues) {
		return nil
	}
	var out []dora.Incident
	for _, is := range issues {
		if is.IsPullRequest() || !r.o.Window.Contains(is.GetCreatedAt().Time) {
			continue
		}
		out = append(out, dora.Incident{Number: is.GetNumber(), OpenedAt: is.GetCreatedAt().Time, ClosedAt: is.GetClosedAt().Time})
	}
	return out
}
