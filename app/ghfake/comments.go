package ghfake

import (
	"fmt"
	"net/http"
	"time"
	"unicode/utf8"
)

// maxCommentBody is GitHub's limit, counted in characters, not bytes.
const maxCommentBody = 65536

type comment struct {
	id               int64
	repo             *Repo
	issue            *issue
	user             string
	viaApp           bool
	body             string
	created, updated time.Time
	reactions        []*reaction
}

// Comment is an issue comment as a test sees it.
type Comment struct {
	ID        int64
	User      string
	Body      string
	CreatedAt time.Time
	UpdatedAt time.Time
	Reactions []Reaction
}

// AddComment seeds a comment by user (a person) and returns its id.
func (s *Server) AddComment(owner, repo string, number int, user, body string) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.mustRepo(owner, repo)
	return s.addComment(r, r.mustIssue(number), user, false, body).id
}

func (s *Server) addComment(r *Repo, is *issue, user string, viaApp bool, body string) *comment {
	s.nextID++
	cm := &comment{id: s.nextID, repo: r, issue: is, user: user, viaApp: viaApp, body: body, created: s.now(), updated: s.now()}
	is.comments = append(is.comments, cm)
	s.comments[cm.id] = cm
	return cm
}

// Comments returns what the app posted on issue or PR #number, oldest
// first, with current bodies and reactions; seeded comments are left out.
func (s *Server) Comments(owner, repo string, number int) []Comment {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Comment
	for _, cm := range s.mustRepo(owner, repo).mustIssue(number).comments {
		if cm.viaApp {
			out = append(out, Comment{ID: cm.id, User: cm.user, Body: cm.body, CreatedAt: cm.created,
				UpdatedAt: cm.updated, Reactions: reactionsOf(cm.reactions)})
		}
	}
	return out
}

func (s *Server) commentObj(c *call, cm *comment) obj {
	api := fmt.Sprintf("%s/repos/%s/issues/comments/%d", c.api(), cm.repo.full(), cm.id)
	kind := "issues"
	if cm.issue.pr != nil {
		kind = "pull"
	}
	o := obj{
		"url": api, "html_url": fmt.Sprintf("%s/%s/%s/%d#issuecomment-%d", c.web(), cm.repo.full(), kind, cm.issue.number, cm.id),
		"issue_url": fmt.Sprintf("%s/repos/%s/issues/%d", c.api(), cm.repo.full(), cm.issue.number),
		"id":        cm.id, "node_id": nodeID("IC_", cm.id), "user": s.person(c, cm.user),
		"created_at": stamp(cm.created), "updated_at": stamp(cm.updated),
		"author_association": cm.repo.association(cm.user), "body": cm.body,
		"reactions": reactionRollup(api, cm.reactions), "performed_via_github_app": nil,
	}
	if cm.viaApp {
		o["performed_via_github_app"] = s.appObj(c)
	}
	return o
}

// commentOf finds the route's comment within the route's repository.
func (s *Server) commentOf(c *call) *comment {
	r := s.repoOf(c)
	if r == nil {
		return nil
	}
	id, ok := c.intParam("id")
	if !ok {
		return nil
	}
	cm := s.comments[id]
	if cm == nil || cm.repo != r {
		c.fail(http.StatusNotFound, "Not Found")
		return nil
	}
	return cm
}

// checkBody applies GitHub's rules: a body is required and at most 65,536
// characters.
func (c *call) checkBody(body *string) bool {
	switch {
	case body == nil:
		c.notSupplied("body")
	case *body == "":
		c.invalid(obj{"resource": "IssueComment", "code": "missing_field", "field": "body"})
	case utf8.RuneCountInString(*body) > maxCommentBody:
		c.invalid(obj{"resource": "IssueComment", "code": "custom", "field": "body",
			"message": fmt.Sprintf("body is too long (maximum is %d characters)", maxCommentBody)})
	default:
		return true
	}
	return false
}

func (s *Server) listComments(c *call) {
	_, is := s.issueOf(c)
	if is == nil {
		return
	}
	// since: only comments updated at or after it (ISO 8601), as GitHub.
	var since time.Time
	if v := c.r.URL.Query().Get("since"); v != "" {
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			c.fail(http.StatusUnprocessableEntity, "Invalid value for since: "+v)
			return
		}
		since = t
	}
	all := make([]obj, 0, len(is.comments))
	for _, cm := range is.comments {
		if !cm.updated.Before(since) {
			all = append(all, s.commentObj(c, cm))
		}
	}
	c.json(http.StatusOK, c.paginate(all))
}

// createComment is POST issues/{n}/comments: 201, Location, comment object.
func (s *Server) createComment(c *call) {
	r, is := s.issueOf(c)
	if is == nil {
		return
	}
	var req struct{ Body *string }
	if !c.decode(&req) || !c.checkBody(req.Body) {
		return
	}
	cm := s.addComment(r, is, s.BotLogin(), true, *req.Body)
	o := s.commentObj(c, cm)
	c.out.header.Set("Location", o["url"].(string))
	c.json(http.StatusCreated, o)
}

func (s *Server) getComment(c *call) {
	if cm := s.commentOf(c); cm != nil {
		c.json(http.StatusOK, s.commentObj(c, cm))
	}
}

func (s *Server) editComment(c *call) {
	cm := s.commentOf(c)
	if cm == nil {
		return
	}
	var req struct{ Body *string }
	if !c.decode(&req) || !c.checkBody(req.Body) {
		return
	}
	cm.body, cm.updated = *req.Body, s.now()
	c.json(http.StatusOK, s.commentObj(c, cm))
}

func (s *Server) deleteComment(c *call) {
	cm := s.commentOf(c)
	if cm == nil {
		return
	}
	delete(s.comments, cm.id)
	for i, x := range cm.issue.comments {
		if x == cm {
			cm.issue.comments = append(cm.issue.comments[:i:i], cm.issue.comments[i+1:]...)
			break
		}
	}
	c.out.status = http.StatusNoContent
}
