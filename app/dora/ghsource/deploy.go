package ghsource

import (
	"context"
	"net/url"
	"slices"
	"strconv"
	"sync"

	"github.com/google/go-github/v62/github"

	"github.com/pipewright/pipewright/app/dora"
)

// deployments lists the environment's deployments of the window, newest
// first, plus the newest one before it (what the first is compared with).
func (r *reader) deployments(ctx context.Context) []*github.Deployment {
	var out []*github.Deployment
	for page := 1; page <= maxDeploys; page++ {
		var ds []*github.Deployment
		q := "deployments?environment=" + url.QueryEscape(r.o.Environment) + "&per_page=100&page=" + strconv.Itoa(page)
		if !r.get(ctx, r.path(q), &ds) {
			break
		}
		for _, d := range ds {
			created := d.GetCreatedAt().Time
			if !created.Before(r.o.Window.To) {
				continue
			}
			out = append(out, d)
			if created.Before(r.o.Window.From) {
				return out // the predecessor: older ones are not needed
			}
		}
		if len(ds) < pageSize {
			break
		}
	}
	return out
}

// outcomes reads the statuses of as many deployments as the budget allows
// (keeping minCompares requests for lead time), newest first, and turns
// them into attempts oldest first. When there were more deployments than
// that, the window starts at the oldest one read, and a note says so:
// figures are never extrapolated.
func (r *reader) outcomes(ctx context.Context, ds []*github.Deployment, w *dora.Window) []dora.Deployment {
	if most := max(int(r.budget.left.Load())-minCompares, 1); len(ds) > most {
		ds = ds[:most]
		if from := ds[len(ds)-1].GetCreatedAt().Time; from.After(w.From) {
			w.From = from
			r.note("window-shortened", "from", from.UTC().Format("2006-01-02"), "deployments", most)
		}
	}
	out := make([]dora.Deployment, len(ds))
	var wg sync.WaitGroup
	for i, d := range ds {
		wg.Go(func() {
			var sts []*github.DeploymentStatus
			path := r.path("deployments/" + strconv.FormatInt(d.GetID(), 10) + "/statuses?per_page=" + strconv.Itoa(statusesPage))
			out[i] = dora.Deployment{Ref: d.GetSHA(), At: d.GetCreatedAt().Time, Pending: true}
			if r.get(ctx, path, &sts) {
				out[i] = outcome(d, sts)
			}
		})
	}
	wg.Wait()
	slices.SortStableFunc(out, func(a, b dora.Deployment) int { return a.At.Compare(b.At) })
	return out
}

// outcome reads a deployment's statuses (newest first): its first success
// makes it successful then; else its newest failure or error makes it
// failed then; else it has no outcome yet.
func outcome(d *github.Deployment, sts []*github.DeploymentStatus) dora.Deployment {
	dep := dora.Deployment{Ref: d.GetSHA(), At: d.GetCreatedAt().Time, Pending: true}
	for i := len(sts) - 1; i >= 0; i-- {
		if sts[i].GetState() == "success" {
			dep.At, dep.Pending = sts[i].GetCreatedAt().Time, false
			return dep
		}
	}
	for _, st := range sts {
		if s := st.GetState(); s == "failure" || s == "error" {
			dep.At, dep.Pending, dep.Failed = st.GetCreatedAt().Time, false, true
			return dep
		}
	}
	return dep
}

// releases lists the published releases, newest first (one page).
func (r *reader) releases(ctx context.Context) []*github.RepositoryRelease {
	var rs []*github.RepositoryRelease
	if !r.get(ctx, r.path("releases?per_page=100"), &rs) {
		return nil
	}
	return rs
}

// releaseDeployments treats the window's published, non-prerelease
// releases (and the newest before it) as deployments, oldest first.
func releaseDeployments(rs []*github.RepositoryRelease, w dora.Window) []dora.Deployment {
	var ds []dora.Deployment
	for _, rel := range rs {
		if rel.GetDraft() || rel.GetPrerelease() || rel.PublishedAt == nil {
			continue
		}
		ds = append(ds, dora.Deployment{Ref: rel.GetTagName(), At: rel.GetPublishedAt().Time})
	}
	return w.WithPredecessor(ds)
}

// shippedCommits are a compare's commits with their author dates (what
// lead time from first commit counts from) and parents, read from the same
// response: no request more.
func shippedCommits(cs []*github.RepositoryCommit) []dora.Commit {
	out := make([]dora.Commit, 0, len(cs))
	for _, c := range cs {
		parents := make([]string, 0, len(c.Parents))
		for _, p := range c.Parents {
			parents = append(parents, p.GetSHA())
		}
		out = append(out, dora.Commit{SHA: c.GetSHA(), At: c.GetCommit().GetAuthor().GetDate().Time, Parents: parents})
	}
	return out
}

// compareAll reads, newest first while the budget lasts, the commits each
// successful deployment shipped since the successful one before it.
func (r *reader) compareAll(ctx context.Context, ds []dora.Deployment) {
	var pairs [][2]int // indexes: previous success, this success
	prev := -1
	for i, d := range ds {
		if d.Failed || d.Pending {
			continue
		}
		if prev >= 0 && d.Ref != ds[prev].Ref {
			pairs = append(pairs, [2]int{prev, i})
		}
		prev = i
	}
	slices.Reverse(pairs)
	pairs = pairs[:min(len(pairs), max(int(r.budget.left.Load()), 0))]
	var wg sync.WaitGroup
	for _, p := range pairs {
		wg.Go(func() {
			var cmp github.CommitsComparison
			base, head := ds[p[0]].Ref, ds[p[1]].Ref
			if !r.get(ctx, r.path("compare/"+url.PathEscape(base)+"..."+url.PathEscape(head)+"?per_page=100"), &cmp) {
				return
			}
			ds[p[1]].Commits, ds[p[1]].Compared = shippedCommits(cmp.Commits), true
		})
	}
	wg.Wait()
}
