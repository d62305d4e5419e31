package ghfake

import (
	"encoding/base64"
	"maps"
	"net/http"
	"net/url"
	pathpkg "path"
	"slices"
	"strings"
)

// escPath escapes each segment the way GitHub writes content URLs: space is
// %20, '+' is %2B, '#' is %23.
func escPath(p string) string {
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
	}
	return strings.Join(segs, "/")
}

// wrap64 is base64 in 60-character lines, each ending in "\n", exactly as
// GitHub (Ruby's Base64.encode64) sends file content.
func wrap64(data []byte) string {
	enc := base64.StdEncoding.EncodeToString(data)
	var b strings.Builder
	for len(enc) > 60 {
		b.WriteString(enc[:60] + "\n")
		enc = enc[60:]
	}
	if enc != "" {
		b.WriteString(enc + "\n")
	}
	return b.String()
}

// contentObj is the file object without its content, as PUT returns it.
func (s *Server) contentObj(c *call, r *Repo, ref, path string, data []byte) obj {
	esc, sha := escPath(path), gitHash("blob", data)
	self := c.api() + "/repos/" + r.full() + "/contents/" + esc + "?ref=" + url.QueryEscape(ref)
	git := c.api() + "/repos/" + r.full() + "/git/blobs/" + sha
	html := c.web() + "/" + r.full() + "/blob/" + url.PathEscape(ref) + "/" + esc
	return obj{"name": pathpkg.Base(path), "path": path, "sha": sha, "size": len(data), "url": self,
		"html_url": html, "git_url": git, "type": "file", "_links": obj{"self": self, "git": git, "html": html},
		"download_url": "http://" + c.r.Host + "/raw/" + r.full() + "/" + url.PathEscape(ref) + "/" + esc}
}

// getContents is GET /repos/{o}/{r}/contents/{path}: a file object with
// wrapped base64, the raw bytes for the raw media type, or a directory list.
func (s *Server) getContents(c *call) {
	r := s.repoOf(c)
	if r == nil {
		return
	}
	ref := c.r.URL.Query().Get("ref")
	sha, name, ok := r.resolve(ref)
	if !ok {
		c.fail(http.StatusNotFound, "No commit found for the ref "+ref)
		return
	}
	path := strings.Trim(c.p["path"], "/")
	tree := r.commits[sha].tree
	if data, ok := tree[path]; ok {
		c.out.header.Set("ETag", `W/"`+gitHash("blob", data)+`"`)
		if accept := c.r.Header.Get("Accept"); strings.Contains(accept, ".raw") {
			c.out.header.Set("Content-Type", strings.TrimSpace(strings.Split(accept, ",")[0])+"; charset=utf-8")
			c.out.body.Write(data)
			return
		}
		o := s.contentObj(c, r, name, path, data)
		o["content"], o["encoding"] = wrap64(data), "base64"
		c.json(http.StatusOK, o)
		return
	}
	list, seen := []obj{}, map[string]bool{}
	for _, p := range slices.Sorted(maps.Keys(tree)) {
		rest, ok := strings.CutPrefix(p, path+"/")
		if path == "" {
			rest, ok = p, true
		}
		if !ok {
			continue
		}
		child, _, isDir := strings.Cut(rest, "/")
		full := strings.TrimPrefix(path+"/"+child, "/")
		switch {
		case !isDir:
			list = append(list, s.contentObj(c, r, name, full, tree[p]))
		case !seen[child]:
			seen[child] = true
			api := c.api() + "/repos/" + r.full()
			list = append(list, obj{"name": child, "path": full, "sha": gitHash("tree", []byte(full)), "size": 0,
				"url": api + "/contents/" + escPath(full) + "?ref=" + url.QueryEscape(name), "type": "dir",
				"html_url": c.web() + "/" + r.full() + "/tree/" + url.PathEscape(name) + "/" + escPath(full),
				"git_url":  api + "/git/trees/" + gitHash("tree", []byte(full)), "download_url": nil})
		}
	}
	if len(list) == 0 && path != "" {
		c.fail(http.StatusNotFound, "Not Found")
		return
	}
	c.json(http.StatusOK, list)
}

// getRaw serves download_url links, as raw.githubusercontent.com would.
func (s *Server) getRaw(c *call) {
	r := s.repos[strings.ToLower(c.p["owner"]+"/"+c.p["repo"])]
	if r != nil {
		if sha, _, ok := r.resolve(c.p["ref"]); ok {
			if data, ok := r.commits[sha].tree[c.p["path"]]; ok {
				c.out.header.Set("Content-Type", "text/plain; charset=utf-8")
				c.out.body.Write(data)
				return
			}
		}
	}
	c.out.status = http.StatusNotFound
	c.out.header.Set("Content-Type", "text/plain; charset=utf-8")
	c.out.body.WriteString("404: Not Found")
}
