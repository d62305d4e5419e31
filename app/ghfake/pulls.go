package ghfake

import (
	"fmt"
	"slices"
	"strings"
)

type pull struct {
	head                *Repo
	headRef, base       string
	maintainerCanModify bool
	draft               bool
}

// PullRequestSpec describes a pull request seeded with AddPullRequest.
type PullRequestSpec struct {
	Number              int    // 0: the next free issue number
	Title, Body         string // shown as-is
	Author              string // default: the head repository's owner
	HeadOwner           string // default: the base repository (same-repo PR)
	HeadRepo            string // default: the base repository's name
	HeadBranch          string // created from the head repo's default branch if missing
	BaseBranch          string // default: the base repository's default branch
	MaintainerCanModify bool
	Draft               bool
}

// AddPullRequest opens a PR on owner/repo and returns its number. A fork's
// PR names its head repository, which must have been added (see AddFork).
func (s *Server) AddPullRequest(owner, repo string, spec PullRequestSpec) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.mustRepo(owner, repo)
	head := r
	if spec.HeadOwner != "" || spec.HeadRepo != "" {
		head = s.mustRepo(cmpOr(spec.HeadOwner, owner), cmpOr(spec.HeadRepo, repo))
	}
	if _, ok := head.heads[spec.HeadBranch]; !ok {
		head.heads[spec.HeadBranch] = head.heads[head.defaultBranch]
	}
	n := spec.Number
	if n == 0 {
		n = r.nextNumber()
	}
	is := r.addIssue(n, spec.Title, spec.Body, cmpOr(spec.Author, head.owner))
	is.pr = &pull{head: head, headRef: spec.HeadBranch, base: cmpOr(spec.BaseBranch, r.defaultBranch),
		maintainerCanModify: spec.MaintainerCanModify, draft: spec.Draft}
	return n
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// person is a user object, typed Bot for the app's own login.
func (s *Server) person(c *call, login string) obj {
	if login == s.BotLogin() {
		return s.actorObj(c)
	}
	return s.userObj(c, login, "User")
}

// pullObj is the pull request shape; the list endpoint omits the
// detail-only keys, as GitHub's does.
func (s *Server) pullObj(c *call, r *Repo, is *issue, detail bool) obj {
	p := is.pr
	api := fmt.Sprintf("%s/repos/%s/pulls/%d", c.api(), r.full(), is.number)
	html := fmt.Sprintf("%s/%s/pull/%d", c.web(), r.full(), is.number)
	iss := fmt.Sprintf("%s/repos/%s/issues/%d", c.api(), r.full(), is.number)
	side := func(rp *Repo, ref string) obj {
		ro := s.repoObj(c, rp)
		delete(ro, "permissions") // only GET /repos/{o}/{r} shows the caller's permissions
		return obj{"label": rp.owner + ":" + ref, "ref": ref, "sha": rp.heads[ref], "user": s.userObj(c, rp.owner, "User"), "repo": ro}
	}
	headSHA := p.head.heads[p.headRef]
	o := obj{
		"url": api, "id": is.id, "node_id": nodeID("PR_", is.id), "html_url": html, "diff_url": html + ".diff",
		"patch_url": html + ".patch", "issue_url": iss, "number": is.number, "state": is.state, "locked": false,
		"title": is.title, "user": s.person(c, is.user), "body": is.body, "created_at": stamp(is.created),
		"updated_at": stamp(is.created), "closed_at": nil, "merged_at": nil, "merge_commit_sha": nil,
		"assignee": nil, "assignees": []obj{}, "requested_reviewers": []obj{}, "requested_teams": []obj{},
		"labels": []obj{}, "milestone": nil, "draft": p.draft, "commits_url": api + "/commits",
		"review_comments_url": api + "/comments", "review_comment_url": c.api() + "/repos/" + r.full() + "/pulls/comments{/number}",
		"comments_url": iss + "/comments", "statuses_url": c.api() + "/repos/" + r.full() + "/statuses/" + headSHA,
		"head": side(p.head, p.headRef), "base": side(r, p.base),
		"_links": obj{"self": obj{"href": api}, "html": obj{"href": html}, "issue": obj{"href": iss},
			"comments": obj{"href": iss + "/comments"}, "review_comments": obj{"href": api + "/comments"},
			"review_comment": obj{"href": c.api() + "/repos/" + r.full() + "/pulls/comments{/number}"},
			"commits":        obj{"href": api + "/commits"}, "statuses": obj{"href": c.api() + "/repos/" + r.full() + "/statuses/" + headSHA}},
		"author_association": r.association(is.user), "auto_merge": nil, "active_lock_reason": nil,
	}
	closedFields(o, is, true)
	if detail {
		ahead := r.ahead(p.head, headSHA, r.heads[p.base])
		o["merged"], o["mergeable"], o["rebaseable"], o["mergeable_state"] = false, true, true, "clean"
		o["merged_by"], o["comments"], o["review_comments"] = nil, len(is.comments), 0
		o["maintainer_can_modify"], o["commits"] = p.maintainerCanModify, ahead
		o["additions"], o["deletions"], o["changed_files"] = 0, 0, r.changedFiles(p.head, headSHA, r.heads[p.base])
	}
	return o
}

// lookup finds a commit in r or in the other repository (a fork).
func (r *Repo) lookup(other *Repo, sha string) *commitObj {
	if c := r.commits[sha]; c != nil {
		return c
	}
	return other.commits[sha]
}

// ahead counts commits reachable from head but not from base.
func (r *Repo) ahead(other *Repo, head, base string) int {
	inBase := map[string]bool{}
	for stack := []string{base}; len(stack) > 0; {
		sha := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c := r.lookup(other, sha); c != nil && !inBase[sha] {
			inBase[sha] = true
			stack = append(stack, c.Parents...)
		}
	}
	n, seen := 0, map[string]bool{}
	for stack := []string{head}; len(stack) > 0; {
		sha := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c := r.lookup(other, sha); c != nil && !inBase[sha] && !seen[sha] {
			seen[sha], n = true, n+1
			stack = append(stack, c.Parents...)
		}
	}
	return n
}

// changedFiles counts paths whose bytes differ between the two heads.
func (r *Repo) changedFiles(other *Repo, head, base string) int {
	h, b := r.lookup(other, head), r.lookup(other, base)
	if h == nil || b == nil {
		return 0
	}
	n := 0
	for p, data := range h.tree {
		if old, ok := b.tree[p]; !ok || !slices.Equal(old, data) {
			n++
		}
	}
	for p := range b.tree {
		if _, ok := h.tree[p]; !ok {
			n++
		}
	}
	return n
}

// headRepo resolves "owner:branch" to the repo holding the branch: this
// repo for its own owner, else owner's fork of it.
func (s *Server) headRepo(r *Repo, owner string) *Repo {
	if owner == "" || strings.EqualFold(owner, r.owner) {
		return r
	}
	if f := s.repos[strings.ToLower(owner+"/"+r.name)]; f != nil {
		return f
	}
	for _, f := range s.repos {
		if f.parent == r && strings.EqualFold(f.owner, owner) {
			return f
		}
	}
	return nil
}
