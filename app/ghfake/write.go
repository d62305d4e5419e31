package ghfake

import (
	"encoding/base64"
	"net/http"
	"strings"
	"time"
)

// ProtectBranch makes API writes to branch (contents PUT, ref update or
// delete) fail with status, using the message GitHub gives for it:
// 409 "Repository rule violations found" (rulesets), 422 "Protected branch
// update failed for refs/heads/<b>." (classic protection), or 403 "Resource
// not accessible by integration". Status 0 lifts the protection.
func (r *Repo) ProtectBranch(branch string, status int) {
	r.s.mu.Lock()
	defer r.s.mu.Unlock()
	if status == 0 {
		delete(r.protected, branch)
		return
	}
	r.protected[branch] = status
}

// refuseProtected answers for a protected branch and reports whether it did.
func (r *Repo) refuseProtected(c *call, branch string) bool {
	st, ok := r.protected[branch]
	if !ok {
		return false
	}
	msg := map[int]string{
		http.StatusConflict:            "Repository rule violations found\n\nChanges must be made through a pull request.\n\n",
		http.StatusUnprocessableEntity: "Protected branch update failed for refs/heads/" + branch + ".",
		http.StatusForbidden:           "Resource not accessible by integration",
	}[st]
	if msg == "" {
		msg = http.StatusText(st)
	}
	c.fail(st, msg)
	return true
}

type sigIn struct {
	Name  string `json:"name"`
	Email string `json:"email"`
	Date  string `json:"date"`
}

func (s *Server) botSig() Signature {
	return Signature{Name: s.BotLogin(), Email: itoa(s.userID(s.BotLogin())) + "+" + s.BotLogin() + "@users.noreply.github.com", Date: s.now()}
}

// sig picks the given signature or falls back, as GitHub does.
func (s *Server) sig(in *sigIn, fallback Signature) Signature {
	if in == nil || in.Name == "" || in.Email == "" {
		return fallback
	}
	out := Signature{Name: in.Name, Email: in.Email, Date: s.now()}
	if t, err := time.Parse(time.RFC3339, in.Date); err == nil {
		out.Date = t.UTC()
	}
	return out
}

// putContents is PUT /repos/{o}/{r}/contents/{path}. The checks run in the
// order GitHub's do: required fields, base64, branch, protection, then the
// sha: missing on an existing file is 422 "sha wasn't supplied", stale is
// 409 "<path> does not match <sha>", and a sha for a new file is ignored.
func (s *Server) putContents(c *call) {
	r := s.repoOf(c)
	if r == nil {
		return
	}
	var req struct {
		Message   *string `json:"message"`
		Content   *string `json:"content"`
		SHA       string  `json:"sha"`
		Branch    string  `json:"branch"`
		Committer *sigIn  `json:"committer"`
		Author    *sigIn  `json:"author"`
	}
	if !c.decode(&req) {
		return
	}
	var missing []string
	if req.Message == nil {
		missing = append(missing, "message")
	}
	if req.Content == nil {
		missing = append(missing, "content")
	}
	if len(missing) > 0 {
		c.notSupplied(missing...)
		return
	}
	data, err := base64.StdEncoding.DecodeString(strings.NewReplacer("\n", "", "\r", "").Replace(*req.Content))
	if err != nil {
		c.fail(http.StatusUnprocessableEntity, "content is not valid Base64")
		return
	}
	path := strings.Trim(c.p["path"], "/")
	branch := req.Branch
	if branch == "" {
		branch = r.defaultBranch
	}
	branch = strings.TrimPrefix(branch, "refs/heads/")
	if _, ok := r.heads[branch]; !ok {
		c.fail(http.StatusNotFound, "Branch "+branch+" not found")
		return
	}
	if path == "" {
		c.fail(http.StatusNotFound, "Not Found")
		return
	}
	if r.refuseProtected(c, branch) {
		return
	}
	old, exists := r.fileAt(branch, path)
	switch {
	case exists && req.SHA == "":
		c.notSupplied("sha")
		return
	case exists && req.SHA != gitHash("blob", old):
		c.fail(http.StatusConflict, path+" does not match "+req.SHA)
		return
	}
	committer := s.sig(req.Committer, s.botSig())
	author := s.sig(req.Author, committer)
	cm := r.write(branch, map[string][]byte{path: data}, *req.Message, author, committer)
	status := http.StatusCreated
	if exists {
		status = http.StatusOK
	}
	c.json(status, obj{"content": s.contentObj(c, r, branch, path, data), "commit": s.gitCommitObj(c, r, cm)})
}

// gitCommitObj is the git-data commit shape (contents PUT, git/commits).
func (s *Server) gitCommitObj(c *call, r *Repo, cm *commitObj) obj {
	api := c.api() + "/repos/" + r.full()
	parents := []obj{}
	for _, p := range cm.Parents {
		parents = append(parents, obj{"sha": p, "url": api + "/git/commits/" + p, "html_url": c.web() + "/" + r.full() + "/commit/" + p})
	}
	return obj{
		"sha": cm.SHA, "node_id": nodeIDOf("C_", r.full()+":"+cm.SHA), "url": api + "/git/commits/" + cm.SHA,
		"html_url":  c.web() + "/" + r.full() + "/commit/" + cm.SHA,
		"author":    obj{"name": cm.Author.Name, "email": cm.Author.Email, "date": stamp(cm.Author.Date)},
		"committer": obj{"name": cm.Committer.Name, "email": cm.Committer.Email, "date": stamp(cm.Committer.Date)},
		"tree":      obj{"sha": cm.treeSHA, "url": api + "/git/trees/" + cm.treeSHA},
		"message":   cm.Message, "parents": parents,
		"verification": obj{"verified": false, "reason": "unsigned", "signature": nil, "payload": nil},
	}
}
