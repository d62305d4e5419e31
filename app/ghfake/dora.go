package ghfake

import (
	"fmt"
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"
)

// doraHistory is what a repository's delivery history holds besides its
// commits: deployments with their statuses, tags and published releases.
type doraHistory struct {
	deployments []*deployment
	tags        map[string]string // tag -> commit sha
	releases    []*release
}

type deployment struct {
	id       int64
	sha, ref string
	env      string
	created  time.Time
	statuses []*deploymentStatus // oldest first
}

type deploymentStatus struct {
	id      int64
	state   string
	created time.Time
}

// DeploymentSpec seeds a deployment with AddDeployment.
type DeploymentSpec struct {
	SHA         string // the deployed commit; Ref defaults to it
	Ref         string
	Environment string // default "production"
	Created     time.Time
	Statuses    []DeploymentStatusSpec // in the order they were reported
}

// DeploymentStatusSpec is one status of a deployment: queued, in_progress,
// success, failure, error, inactive or pending, reported at At.
type DeploymentStatusSpec struct {
	State string
	At    time.Time
}

func (r *Repo) dora() *doraHistory {
	if r.history == nil {
		r.history = &doraHistory{tags: map[string]string{}}
	}
	return r.history
}

// AddDeployment records a deployment as a CD system would through the
// Deployments API, and returns its id.
func (r *Repo) AddDeployment(spec DeploymentSpec) int64 {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	r.s.nextID++
	d := &deployment{id: r.s.nextID, sha: spec.SHA, ref: cmpOr(spec.Ref, spec.SHA),
		env: cmpOr(spec.Environment, "production"), created: spec.Created.UTC()}
	for _, st := range spec.Statuses {
		r.s.nextID++
		d.statuses = append(d.statuses, &deploymentStatus{id: r.s.nextID, state: st.State, created: st.At.UTC()})
	}
	r.dora().deployments = append(r.dora().deployments, d)
	return d.id
}

// Tag points a lightweight tag at a commit.
func (r *Repo) Tag(name, sha string) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	r.dora().tags[name] = sha
}

// PublishRelease tags sha and publishes a release of it at published.
func (r *Repo) PublishRelease(tag, sha string, published time.Time, prerelease bool) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	r.dora().tags[tag] = sha
	r.s.nextID++
	r.dora().releases = append(r.dora().releases, &release{id: r.s.nextID, tag: tag, published: published.UTC(), prerelease: prerelease})
}

// MergePull lands a pull request on the default branch at at as one
// commit whose sha the pull request reports (what a squash merge leaves),
// and returns its number and that commit.
func (r *Repo) MergePull(title, body, author string, at time.Time) (int, string) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	n := r.nextNumber()
	sig := Signature{Name: author, Email: author + "@example.com", Date: at.UTC()}
	c := r.write(r.defaultBranch, map[string][]byte{fmt.Sprintf("changes/%d.txt", n): []byte(title + "\n")},
		fmt.Sprintf("Merge pull request #%d from %s/change-%d\n\n%s", n, author, n, title), sig, sig)
	is := r.addIssue(n, title, body, author)
	is.created = at.UTC().Add(-time.Hour)
	is.state, is.closed, is.mergedAt, is.mergeSHA = "closed", at.UTC(), at.UTC(), c.SHA
	is.pr = &pull{head: r, headRef: fmt.Sprintf("change-%d", n), base: r.defaultBranch}
	return n, c.SHA
}

// MergeBranch lands a pull request whose branch holds one commit per
// authored date, with a merge commit at at (GitHub's "Create a merge
// commit"), and returns its number and the merge commit. The branch was
// rebased an hour before the merge: its commits keep their author dates
// but were committed then, as git does.
func (r *Repo) MergeBranch(title, author string, authored []time.Time, at time.Time) (int, string) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	n := r.nextNumber()
	branch := fmt.Sprintf("change-%d", n)
	rebased := Signature{Name: author, Email: author + "@example.com", Date: at.UTC().Add(-time.Hour)}
	for i, t := range authored {
		sig := rebased
		sig.Date = t.UTC()
		r.write(branch, map[string][]byte{fmt.Sprintf("changes/%d-%d.txt", n, i): []byte(title + "\n")},
			fmt.Sprintf("%s, part %d", title, i+1), sig, rebased)
	}
	main, head := r.commits[r.heads[r.defaultBranch]], r.commits[r.heads[branch]]
	tree := maps.Clone(main.tree)
	maps.Copy(tree, head.tree)
	sig := Signature{Name: author, Email: author + "@example.com", Date: at.UTC()}
	c := r.store([]string{main.SHA, head.SHA}, tree, nil,
		fmt.Sprintf("Merge pull request #%d from %s/%s\n\n%s", n, author, branch, title), sig, sig)
	r.heads[r.defaultBranch] = c.SHA
	is := r.addIssue(n, title, "", author)
	is.created = at.UTC().Add(-time.Hour)
	if len(authored) > 0 {
		is.created = authored[0].UTC()
	}
	is.state, is.closed, is.mergedAt, is.mergeSHA = "closed", at.UTC(), at.UTC(), c.SHA
	is.pr = &pull{head: r, headRef: branch, base: r.defaultBranch}
	return n, c.SHA
}

// OpenIssue files an issue with labels at opened; a non-zero closed
// closes it then. It returns the issue's number.
func (r *Repo) OpenIssue(title string, labels []string, opened, closed time.Time) int {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	n := r.nextNumber()
	is := r.addIssue(n, title, "", r.owner)
	is.created, is.labels = opened.UTC(), slices.Clone(labels)
	if !closed.IsZero() {
		is.state, is.closed = "closed", closed.UTC()
	}
	return n
}

// SetInstallationPermissions replaces what installation id has granted,
// as when an owner has not yet approved a permission the App added: tokens
// minted from then on carry only these.
func (s *Server) SetInstallationPermissions(id int64, perms map[string]string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	in := s.installations[id]
	if in == nil {
		in = s.addInstallation(id, s.app.Owner)
	}
	in.perms = maps.Clone(perms)
}

// permitted answers 403 as GitHub does when the caller's installation
// token lacks the permission an endpoint needs (reading is enough here).
func (s *Server) permitted(c *call, name string) bool {
	if c.cred.tok != nil && permRank[c.cred.tok.perms[name]] == 0 {
		c.fail(http.StatusForbidden, "Resource not accessible by integration")
		return false
	}
	return true
}

// closedFields fills what a closed or merged issue or pull request shows.
func closedFields(o obj, is *issue, isPull bool) {
	if !is.closed.IsZero() {
		o["closed_at"], o["updated_at"] = stamp(is.closed), stamp(is.closed)
	}
	labels := make([]obj, len(is.labels))
	for i, l := range is.labels {
		labels[i] = obj{"id": int64(9000 + i), "node_id": nodeIDOf("LA_", l), "url": "", "name": l,
			"description": "", "color": "d73a4a", "default": false}
	}
	o["labels"] = labels
	if is.mergeSHA == "" {
		return
	}
	if isPull {
		o["merged_at"], o["merge_commit_sha"] = stamp(is.mergedAt), is.mergeSHA
	} else if pr, ok := o["pull_request"].(obj); ok {
		pr["merged_at"] = stamp(is.mergedAt)
	}
}

// resolveTag turns a tag name (or refs/tags/x, tags/x) into its commit.
func (r *Repo) resolveTag(ref string) (string, bool) {
	if r.history == nil {
		return "", false
	}
	sha, ok := r.history.tags[strings.TrimPrefix(strings.TrimPrefix(ref, "refs/"), "tags/")]
	return sha, ok
}
