package ghfake

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// listDeployments is GET deployments with GitHub's sha, ref, task and
// environment filters, newest first, paginated.
func (s *Server) listDeployments(c *call) {
	r := s.repoOf(c)
	if r == nil || !s.permitted(c, "deployments") {
		return
	}
	q := c.r.URL.Query()
	var list []*deployment
	if r.history != nil {
		for _, d := range r.history.deployments {
			switch {
			case q.Get("sha") != "" && d.sha != q.Get("sha"):
			case q.Get("ref") != "" && d.ref != q.Get("ref"):
			case q.Get("task") != "" && q.Get("task") != "deploy":
			case q.Get("environment") != "" && d.env != q.Get("environment"):
			default:
				list = append(list, d)
			}
		}
	}
	slices.SortStableFunc(list, func(a, b *deployment) int { return b.created.Compare(a.created) })
	out := make([]obj, len(list))
	for i, d := range list {
		out[i] = s.deploymentObj(c, r, d)
	}
	c.json(http.StatusOK, c.paginate(out))
}

func (s *Server) deploymentObj(c *call, r *Repo, d *deployment) obj {
	api := fmt.Sprintf("%s/repos/%s/deployments/%d", c.api(), r.full(), d.id)
	updated := d.created
	if n := len(d.statuses); n > 0 {
		updated = d.statuses[n-1].created
	}
	return obj{
		"url": api, "id": d.id, "node_id": nodeID("DE_", d.id), "sha": d.sha, "ref": d.ref, "task": "deploy",
		"payload": obj{}, "original_environment": d.env, "environment": d.env, "description": nil,
		"creator": s.userObj(c, r.owner, "User"), "created_at": stamp(d.created), "updated_at": stamp(updated),
		"statuses_url": api + "/statuses", "repository_url": c.api() + "/repos/" + r.full(),
		"transient_environment": false, "production_environment": d.env == "production",
		"performed_via_github_app": nil,
	}
}

// listDeploymentStatuses is GET deployments/{id}/statuses, newest first.
func (s *Server) listDeploymentStatuses(c *call) {
	r := s.repoOf(c)
	if r == nil || !s.permitted(c, "deployments") {
		return
	}
	id, ok := c.intParam("id")
	if !ok {
		return
	}
	var d *deployment
	if r.history != nil {
		for _, x := range r.history.deployments {
			if x.id == id {
				d = x
			}
		}
	}
	if d == nil {
		c.fail(http.StatusNotFound, "Not Found")
		return
	}
	api := fmt.Sprintf("%s/repos/%s/deployments/%d", c.api(), r.full(), d.id)
	out := make([]obj, 0, len(d.statuses))
	for i := len(d.statuses) - 1; i >= 0; i-- {
		st := d.statuses[i]
		out = append(out, obj{
			"url": fmt.Sprintf("%s/statuses/%d", api, st.id), "id": st.id, "node_id": nodeID("DES_", st.id),
			"state": st.state, "creator": s.userObj(c, r.owner, "User"), "description": "", "environment": d.env,
			"target_url": "", "log_url": "", "environment_url": "", "created_at": stamp(st.created),
			"updated_at": stamp(st.created), "deployment_url": api, "repository_url": c.api() + "/repos/" + r.full(),
			"performed_via_github_app": nil,
		})
	}
	c.json(http.StatusOK, c.paginate(out))
}

// listReleases is GET releases: published ones newest first, paginated.
func (s *Server) listReleases(c *call) {
	r := s.repoOf(c)
	if r == nil {
		return
	}
	var list []*release
	if r.history != nil {
		list = slices.Clone(r.history.releases)
	}
	slices.SortStableFunc(list, func(a, b *release) int { return b.published.Compare(a.published) })
	out := make([]obj, len(list))
	for i, rel := range list {
		out[i] = s.releaseObj(c, r, rel)
	}
	c.json(http.StatusOK, c.paginate(out))
}

// compare is GET compare/{base}...{head}: the commits head has and base
// has not, oldest first, as GitHub lists them.
func (s *Server) compare(c *call) {
	r := s.repoOf(c)
	if r == nil {
		return
	}
	base, head, ok := strings.Cut(c.p["basehead"], "...")
	if !ok {
		c.fail(http.StatusNotFound, "Not Found")
		return
	}
	baseSHA, ok1 := r.resolveAny(base)
	headSHA, ok2 := r.resolveAny(head)
	if !ok1 || !ok2 {
		c.fail(http.StatusNotFound, "Not Found")
		return
	}
	ahead := r.onlyIn(headSHA, baseSHA)
	behind := r.onlyIn(baseSHA, headSHA)
	status := "diverged"
	switch {
	case len(ahead) == 0 && len(behind) == 0:
		status = "identical"
	case len(behind) == 0:
		status = "ahead"
	case len(ahead) == 0:
		status = "behind"
	}
	commits := make([]obj, len(ahead))
	for i, sha := range ahead {
		commits[i] = s.commitObj(c, r, r.commits[sha])
	}
	full := c.api() + "/repos/" + r.full() + "/compare/" + url.PathEscape(base) + "..." + url.PathEscape(head)
	html := c.web() + "/" + r.full() + "/compare/" + base + "..." + head
	c.json(http.StatusOK, obj{
		"url": full, "html_url": html, "permalink_url": html, "diff_url": html + ".diff", "patch_url": html + ".patch",
		"base_commit": s.commitObj(c, r, r.commits[baseSHA]), "merge_base_commit": s.commitObj(c, r, r.commits[baseSHA]),
		"status": status, "ahead_by": len(ahead), "behind_by": len(behind), "total_commits": len(ahead),
		"commits": c.paginate(commits), "files": []obj{},
	})
}

// resolveAny resolves a branch, tag or commit sha.
func (r *Repo) resolveAny(ref string) (string, bool) {
	if sha, ok := r.resolveTag(ref); ok {
		return sha, true
	}
	sha, _, ok := r.resolve(ref)
	return sha, ok
}

// onlyIn lists the commits reachable from head and not from base, oldest
// first by committer date.
func (r *Repo) onlyIn(head, base string) []string {
	var out []string
	seen := map[string]bool{}
	for stack := []string{head}; len(stack) > 0; {
		sha := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[sha] || r.isAncestor(sha, base) {
			continue
		}
		seen[sha] = true
		if c := r.commits[sha]; c != nil {
			out = append(out, sha)
			stack = append(stack, c.Parents...)
		}
	}
	slices.SortStableFunc(out, func(a, b string) int {
		return r.commits[a].Committer.Date.Compare(r.commits[b].Committer.Date)
	})
	return out
}

func (s *Server) commitObj(c *call, r *Repo, co *commitObj) obj {
	api := c.api() + "/repos/" + r.full()
	parents := make([]obj, len(co.Parents))
	for i, p := range co.Parents {
		parents[i] = obj{"sha": p, "url": api + "/commits/" + p, "html_url": c.web() + "/" + r.full() + "/commit/" + p}
	}
	sig := func(g Signature) obj { return obj{"name": g.Name, "email": g.Email, "date": stamp(g.Date)} }
	return obj{
		"sha": co.SHA, "node_id": nodeIDOf("C_", co.SHA), "url": api + "/commits/" + co.SHA,
		"html_url": c.web() + "/" + r.full() + "/commit/" + co.SHA, "comments_url": api + "/commits/" + co.SHA + "/comments",
		"commit": obj{"author": sig(co.Author), "committer": sig(co.Committer), "message": co.Message,
			"tree": obj{"sha": co.treeSHA, "url": api + "/git/trees/" + co.treeSHA}, "url": api + "/git/commits/" + co.SHA,
			"comment_count": 0, "verification": obj{"verified": false, "reason": "unsigned", "signature": nil, "payload": nil, "verified_at": nil}},
		"author": nil, "committer": nil, "parents": parents,
	}
}

// listIssues is GET issues: issues and pull requests with GitHub's state
// (open by default), labels (all must match), since (updated at or after)
// filters, sort and direction, paginated.
func (s *Server) listIssues(c *call) {
	r := s.repoOf(c)
	if r == nil {
		return
	}
	q := c.r.URL.Query()
	state := cmpOr(q.Get("state"), "open")
	var want []string
	if l := q.Get("labels"); l != "" {
		want = strings.Split(l, ",")
	}
	var since time.Time
	if v := q.Get("since"); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			c.invalid(obj{"resource": "Issue", "field": "since", "code": "invalid"})
			return
		}
		since = t
	}
	var list []*issue
	for _, is := range r.issues {
		updated := is.created
		if !is.closed.IsZero() {
			updated = is.closed
		}
		switch {
		case state != "all" && is.state != state:
		case updated.Before(since):
		case !hasLabels(is.labels, want):
		default:
			list = append(list, is)
		}
	}
	desc := q.Get("direction") != "asc"
	slices.SortFunc(list, func(a, b *issue) int {
		if desc {
			return b.created.Compare(a.created)
		}
		return a.created.Compare(b.created)
	})
	out := make([]obj, len(list))
	for i, is := range list {
		out[i] = s.issueObj(c, r, is)
	}
	c.json(http.StatusOK, c.paginate(out))
}

func hasLabels(have, want []string) bool {
	for _, w := range want {
		if !slices.ContainsFunc(have, func(h string) bool { return strings.EqualFold(h, strings.TrimSpace(w)) }) {
			return false
		}
	}
	return true
}
