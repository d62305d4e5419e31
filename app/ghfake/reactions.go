package ghfake

import (
	"net/http"
	"time"
)

// reactionKinds are the contents GitHub accepts, in its rollup order.
var reactionKinds = []string{"+1", "-1", "laugh", "hooray", "confused", "heart", "rocket", "eyes"}

type reaction struct {
	id      int64
	user    string
	bot     bool
	content string
	created time.Time
}

// Reaction is one reaction as a test sees it.
type Reaction struct {
	User    string
	Content string
}

func reactionsOf(rs []*reaction) []Reaction {
	var out []Reaction
	for _, x := range rs {
		out = append(out, Reaction{User: x.user, Content: x.content})
	}
	return out
}

// Reactions lists the reactions on comment id.
func (s *Server) Reactions(commentID int64) []Reaction {
	s.mu.Lock()
	defer s.mu.Unlock()
	if cm := s.comments[commentID]; cm != nil {
		return reactionsOf(cm.reactions)
	}
	return nil
}

// IssueReactions lists the reactions on the issue or PR itself.
func (s *Server) IssueReactions(owner, repo string, number int) []Reaction {
	s.mu.Lock()
	defer s.mu.Unlock()
	return reactionsOf(s.mustRepo(owner, repo).mustIssue(number).reactions)
}

// reactionRollup is the "reactions" summary inside issues and comments.
func reactionRollup(url string, rs []*reaction) obj {
	o := obj{"url": url + "/reactions", "total_count": len(rs)}
	for _, k := range reactionKinds {
		o[k] = 0
	}
	for _, x := range rs {
		o[x.content] = o[x.content].(int) + 1
	}
	return o
}

// react adds the app's reaction: 201 when new, 200 with the existing one
// when the app already reacted with the same content, as on GitHub.
func (s *Server) react(c *call, list *[]*reaction) {
	var req struct{ Content string }
	if !c.decode(&req) {
		return
	}
	valid := false
	for _, k := range reactionKinds {
		valid = valid || k == req.Content
	}
	if !valid {
		c.invalid(obj{"resource": "Reaction", "code": "invalid", "field": "content"})
		return
	}
	user := s.BotLogin()
	for _, x := range *list {
		if x.user == user && x.content == req.Content {
			c.json(http.StatusOK, s.reactionObj(c, x))
			return
		}
	}
	s.nextID++
	x := &reaction{id: s.nextID, user: user, bot: true, content: req.Content, created: s.now()}
	*list = append(*list, x)
	c.json(http.StatusCreated, s.reactionObj(c, x))
}

func (s *Server) reactionObj(c *call, x *reaction) obj {
	typ := "User"
	if x.bot {
		typ = "Bot"
	}
	return obj{"id": x.id, "node_id": nodeID("REA_", x.id), "user": s.userObj(c, x.user, typ),
		"content": x.content, "created_at": stamp(x.created)}
}

func (s *Server) reactToComment(c *call) {
	if cm := s.commentOf(c); cm != nil {
		s.react(c, &cm.reactions)
	}
}

func (s *Server) reactToIssue(c *call) {
	if _, is := s.issueOf(c); is != nil {
		s.react(c, &is.reactions)
	}
}
