package ghfake

import (
	"net/http"
	"slices"
	"strings"
)

func (s *Server) getPull(c *call) {
	r, is := s.issueOf(c)
	if is == nil {
		return
	}
	if is.pr == nil {
		c.fail(http.StatusNotFound, "Not Found")
		return
	}
	c.json(http.StatusOK, s.pullObj(c, r, is, true))
}

// listPulls is GET pulls with state (open by default), head=owner:branch
// and base filters, newest first, paginated.
func (s *Server) listPulls(c *call) {
	r := s.repoOf(c)
	if r == nil {
		return
	}
	q := c.r.URL.Query()
	state := cmpOr(q.Get("state"), "open")
	headOwner, headRef, hasOwner := strings.Cut(q.Get("head"), ":")
	if !hasOwner {
		headOwner, headRef = "", headOwner
	}
	var list []*issue
	for _, is := range r.issues {
		p := is.pr
		switch {
		case p == nil, state != "all" && is.state != state:
		case headRef != "" && (p.headRef != headRef || !strings.EqualFold(p.head.owner, cmpOr(headOwner, r.owner))):
		case q.Get("base") != "" && p.base != q.Get("base"):
		default:
			list = append(list, is)
		}
	}
	slices.SortFunc(list, func(a, b *issue) int { return b.number - a.number })
	out := make([]obj, len(list))
	for i, is := range list {
		out[i] = s.pullObj(c, r, is, false)
	}
	c.json(http.StatusOK, c.paginate(out))
}

// createPull is POST pulls. Its 422s carry GitHub's errors entries:
// missing title, invalid head or base, a duplicate ("A pull request already
// exists for owner:branch.") and "No commits between base and head".
func (s *Server) createPull(c *call) {
	r := s.repoOf(c)
	if r == nil {
		return
	}
	var req struct {
		Title               *string `json:"title"`
		Head                string  `json:"head"`
		Base                string  `json:"base"`
		Body                string  `json:"body"`
		MaintainerCanModify *bool   `json:"maintainer_can_modify"`
		Draft               bool    `json:"draft"`
	}
	if !c.decode(&req) {
		return
	}
	if req.Title == nil || *req.Title == "" {
		c.invalid(obj{"resource": "PullRequest", "code": "missing_field", "field": "title"})
		return
	}
	owner, ref, fork := strings.Cut(req.Head, ":")
	if !fork {
		owner, ref = r.owner, req.Head
	}
	head := s.headRepo(r, owner)
	switch {
	case head == nil || head.heads[ref] == "":
		c.invalid(obj{"resource": "PullRequest", "field": "head", "code": "invalid"})
		return
	case r.heads[req.Base] == "":
		c.invalid(obj{"resource": "PullRequest", "field": "base", "code": "invalid"})
		return
	}
	label := head.owner + ":" + ref
	for _, is := range r.issues {
		if p := is.pr; p != nil && is.state == "open" && p.head == head && p.headRef == ref && p.base == req.Base {
			c.invalid(obj{"resource": "PullRequest", "code": "custom", "message": "A pull request already exists for " + label + "."})
			return
		}
	}
	if r.ahead(head, head.heads[ref], r.heads[req.Base]) == 0 {
		name := ref
		if head != r {
			name = label
		}
		c.invalid(obj{"resource": "PullRequest", "code": "custom", "message": "No commits between " + req.Base + " and " + name})
		return
	}
	is := r.addIssue(r.nextNumber(), *req.Title, req.Body, s.BotLogin())
	is.pr = &pull{head: head, headRef: ref, base: req.Base, draft: req.Draft,
		// Only a fork's PR can grant maintainers access; GitHub reports false otherwise.
		maintainerCanModify: head != r && (req.MaintainerCanModify == nil || *req.MaintainerCanModify)}
	o := s.pullObj(c, r, is, true)
	c.out.header.Set("Location", o["url"].(string))
	c.json(http.StatusCreated, o)
}
