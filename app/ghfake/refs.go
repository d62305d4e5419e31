package ghfake

import (
	"net/http"
	"net/url"
	"strings"
)

// refObj is a git reference as git/refs endpoints return it.
func (s *Server) refObj(c *call, r *Repo, branch string) obj {
	api := c.api() + "/repos/" + r.full()
	sha := r.heads[branch]
	return obj{"ref": "refs/heads/" + branch, "node_id": nodeIDOf("REF_", r.full()+":refs/heads/"+branch),
		"url":    api + "/git/refs/heads/" + escPath(branch),
		"object": obj{"sha": sha, "type": "commit", "url": api + "/git/commits/" + sha}}
}

// branchOfRef maps "heads/x" or "refs/heads/x" to x. Only branches are
// modelled; tags and other refs are treated as absent.
func branchOfRef(ref string) (string, bool) {
	return strings.CutPrefix(strings.TrimPrefix(ref, "refs/"), "heads/")
}

func (s *Server) getRef(c *call) {
	r := s.repoOf(c)
	if r == nil {
		return
	}
	b, ok := branchOfRef(c.p["ref"])
	if _, exists := r.heads[b]; !ok || !exists {
		c.fail(http.StatusNotFound, "Not Found")
		return
	}
	c.json(http.StatusOK, s.refObj(c, r, b))
}

// createRef is POST git/refs: 201 with Location; 422 "Reference already
// exists" or "Object does not exist" as on GitHub.
func (s *Server) createRef(c *call) {
	r := s.repoOf(c)
	if r == nil {
		return
	}
	var req struct{ Ref, SHA string }
	if !c.decode(&req) {
		return
	}
	var missing []string
	if req.Ref == "" {
		missing = append(missing, "ref")
	}
	if req.SHA == "" {
		missing = append(missing, "sha")
	}
	if len(missing) > 0 {
		c.notSupplied(missing...)
		return
	}
	b, ok := branchOfRef(req.Ref)
	switch {
	case !strings.HasPrefix(req.Ref, "refs/") || !ok || b == "":
		c.fail(http.StatusUnprocessableEntity, "Reference name is invalid")
	case r.heads[b] != "":
		c.fail(http.StatusUnprocessableEntity, "Reference already exists")
	case r.commits[req.SHA] == nil:
		c.fail(http.StatusUnprocessableEntity, "Object does not exist")
	default:
		r.heads[b] = req.SHA
		o := s.refObj(c, r, b)
		c.out.header.Set("Location", o["url"].(string))
		c.json(http.StatusCreated, o)
	}
}

// updateRef is PATCH git/refs/heads/x; without force it must fast-forward.
func (s *Server) updateRef(c *call) {
	r := s.repoOf(c)
	if r == nil {
		return
	}
	var req struct {
		SHA   string `json:"sha"`
		Force bool   `json:"force"`
	}
	if !c.decode(&req) {
		return
	}
	b, ok := branchOfRef(c.p["ref"])
	switch {
	case !ok || r.heads[b] == "":
		c.fail(http.StatusUnprocessableEntity, "Reference does not exist")
	case r.commits[req.SHA] == nil:
		c.fail(http.StatusUnprocessableEntity, "Object does not exist")
	case r.refuseProtected(c, b):
	case !req.Force && !r.isAncestor(r.heads[b], req.SHA):
		c.fail(http.StatusUnprocessableEntity, "Update is not a fast forward")
	default:
		r.heads[b] = req.SHA
		c.json(http.StatusOK, s.refObj(c, r, b))
	}
}

func (s *Server) deleteRef(c *call) {
	r := s.repoOf(c)
	if r == nil {
		return
	}
	b, ok := branchOfRef(c.p["ref"])
	switch {
	case !ok || r.heads[b] == "":
		c.fail(http.StatusUnprocessableEntity, "Reference does not exist")
	case r.refuseProtected(c, b):
	default:
		delete(r.heads, b)
		c.out.status = http.StatusNoContent
	}
}

// isAncestor walks all parents of desc looking for anc.
func (r *Repo) isAncestor(anc, desc string) bool {
	seen := map[string]bool{}
	for stack := []string{desc}; len(stack) > 0; {
		sha := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if sha == anc {
			return true
		}
		if c := r.commits[sha]; c != nil && !seen[sha] {
			seen[sha] = true
			stack = append(stack, c.Parents...)
		}
	}
	return false
}

// getBranch is GET branches/{branch}, with protected reflecting
// ProtectBranch.
func (s *Server) getBranch(c *call) {
	r := s.repoOf(c)
	if r == nil {
		return
	}
	b := c.p["branch"]
	sha, ok := r.heads[b]
	if !ok {
		c.fail(http.StatusNotFound, "Branch not found")
		return
	}
	api := c.api() + "/repos/" + r.full()
	cm := r.commits[sha]
	git := s.gitCommitObj(c, r, cm)
	_, protected := r.protected[b]
	c.json(http.StatusOK, obj{
		"name": b,
		"commit": obj{"sha": sha, "node_id": git["node_id"], "url": api + "/commits/" + sha,
			"html_url": git["html_url"], "comments_url": api + "/commits/" + sha + "/comments",
			"commit": obj{"author": git["author"], "committer": git["committer"], "message": cm.Message,
				"tree": git["tree"], "url": git["url"], "comment_count": 0, "verification": git["verification"]},
			"author": nil, "committer": nil, "parents": git["parents"]},
		"_links":         obj{"self": api + "/branches/" + url.PathEscape(b), "html": c.web() + "/" + r.full() + "/tree/" + escPath(b)},
		"protected":      protected,
		"protection":     obj{"enabled": protected, "required_status_checks": obj{"enforcement_level": "off", "contexts": []string{}, "checks": []string{}}},
		"protection_url": api + "/branches/" + url.PathEscape(b) + "/protection",
	})
}
