package ghfake

import (
	"fmt"
	"net/http"
	"strings"
	"time"
)

type issue struct {
	number    int
	id        int64
	title     string
	body      string
	user      string
	state     string
	created   time.Time
	pr        *pull // set when the issue is a pull request
	labels    []string
	closed    time.Time // zero while open
	mergedAt  time.Time // a merged pull request's
	mergeSHA  string
	comments  []*comment
	reactions []*reaction
}

func (r *Repo) mustIssue(number int) *issue {
	is := r.issues[number]
	if is == nil {
		panic(fmt.Sprintf("ghfake: %s has no issue #%d", r.full(), number))
	}
	return is
}

func (s *Server) mustRepo(owner, repo string) *Repo {
	r := s.repos[strings.ToLower(owner+"/"+repo)]
	if r == nil {
		panic("ghfake: no repository " + owner + "/" + repo + "; call AddRepo first")
	}
	return r
}

// AddIssue opens issue #number, authored by the repository owner.
func (s *Server) AddIssue(owner, repo string, number int, title string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.mustRepo(owner, repo)
	r.addIssue(number, title, "", owner)
}

func (r *Repo) addIssue(number int, title, body, user string) *issue {
	r.s.nextID++
	is := &issue{number: number, id: r.s.nextID, title: title, body: body, user: user, state: "open", created: r.s.now()}
	r.issues[number] = is
	return is
}

// nextNumber is GitHub's shared issue/PR counter.
func (r *Repo) nextNumber() int {
	n := 0
	for k := range r.issues {
		n = max(n, k)
	}
	return n + 1
}

// association is author_association: OWNER for the owner, COLLABORATOR
// for users given a permission, NONE otherwise (the app's bot included).
func (r *Repo) association(user string) string {
	switch {
	case user == r.owner:
		return "OWNER"
	case r.perms[user] != "" && r.perms[user] != "none":
		return "COLLABORATOR"
	}
	return "NONE"
}

func (s *Server) issueOf(c *call) (*Repo, *issue) {
	r := s.repoOf(c)
	if r == nil {
		return nil, nil
	}
	n, ok := c.intParam("number")
	if !ok {
		return nil, nil
	}
	is := r.issues[int(n)]
	if is == nil {
		c.fail(http.StatusNotFound, "Not Found")
	}
	return r, is
}

func (s *Server) getIssue(c *call) {
	if r, is := s.issueOf(c); is != nil {
		c.json(http.StatusOK, s.issueObj(c, r, is))
	}
}

// issueObj is the issue shape; a pull request carries the pull_request key
// and a plain issue does not, exactly the distinction bots rely on.
func (s *Server) issueObj(c *call, r *Repo, is *issue) obj {
	api := fmt.Sprintf("%s/repos/%s/issues/%d", c.api(), r.full(), is.number)
	kind := "issues"
	if is.pr != nil {
		kind = "pull"
	}
	html := fmt.Sprintf("%s/%s/%s/%d", c.web(), r.full(), kind, is.number)
	o := obj{
		"url": api, "repository_url": c.api() + "/repos/" + r.full(), "labels_url": api + "/labels{/name}",
		"comments_url": api + "/comments", "events_url": api + "/events", "html_url": html,
		"id": is.id, "node_id": nodeID("I_", is.id), "number": is.number, "title": is.title,
		"user": s.person(c, is.user), "labels": []obj{}, "state": is.state, "locked": false,
		"assignee": nil, "assignees": []obj{}, "milestone": nil, "comments": len(is.comments),
		"created_at": stamp(is.created), "updated_at": stamp(is.created), "closed_at": nil,
		"author_association": r.association(is.user), "active_lock_reason": nil, "body": is.body,
		"reactions": reactionRollup(api, is.reactions), "timeline_url": api + "/timeline",
		"performed_via_github_app": nil, "state_reason": nil,
	}
	if is.pr != nil {
		p := fmt.Sprintf("%s/repos/%s/pulls/%d", c.api(), r.full(), is.number)
		o["pull_request"] = obj{"url": p, "html_url": html, "diff_url": html + ".diff", "patch_url": html + ".patch", "merged_at": nil}
		o["draft"] = false
	}
	closedFields(o, is, false)
	return o
}
