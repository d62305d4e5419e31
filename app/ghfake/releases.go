package ghfake

import (
	"fmt"
	"net/http"
	"net/url"
	"time"
)

type release struct {
	id         int64
	tag        string
	published  time.Time
	prerelease bool
}

// SetLatestRelease publishes tag as owner/repo's latest release; "" removes
// it, so GET releases/latest answers 404 again. Each call is a new release
// (new id), so its ETag changes and a cached 304 stops matching.
func (s *Server) SetLatestRelease(owner, repo, tag string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.mustRepo(owner, repo)
	if tag == "" {
		r.release = nil
		return
	}
	s.nextID++
	r.release = &release{id: s.nextID, tag: tag, published: s.now()}
}

// getLatestRelease is GET releases/latest. Conditional requests are
// answered by the server's generic ETag handling: If-None-Match with the
// current ETag gives 304 with no body.
func (s *Server) getLatestRelease(c *call) {
	r := s.repoOf(c)
	if r == nil {
		return
	}
	rel := r.release
	if rel == nil {
		c.fail(http.StatusNotFound, "Not Found")
		return
	}
	c.json(http.StatusOK, s.releaseObj(c, r, rel))
}

// releaseObj is the release shape of GET releases and releases/latest.
func (s *Server) releaseObj(c *call, r *Repo, rel *release) obj {
	api := fmt.Sprintf("%s/repos/%s/releases/%d", c.api(), r.full(), rel.id)
	html := c.web() + "/" + r.full() + "/releases/tag/" + url.PathEscape(rel.tag)
	return obj{
		"url": api, "assets_url": api + "/assets", "upload_url": "https://uploads.github.com/repos/" + r.full() + fmt.Sprintf("/releases/%d/assets{?name,label}", rel.id),
		"html_url": html, "id": rel.id, "node_id": nodeID("RE_", rel.id), "tag_name": rel.tag,
		"target_commitish": r.defaultBranch, "name": rel.tag, "draft": false, "author": s.userObj(c, r.owner, "User"),
		"prerelease": rel.prerelease, "created_at": stamp(rel.published), "published_at": stamp(rel.published),
		"assets": []obj{}, "tarball_url": c.api() + "/repos/" + r.full() + "/tarball/" + url.PathEscape(rel.tag),
		"zipball_url": c.api() + "/repos/" + r.full() + "/zipball/" + url.PathEscape(rel.tag), "body": "",
	}
}
