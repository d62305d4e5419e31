package ghfake

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"
	"time"
)

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func hexID(n int64) string { return fmt.Sprintf("%016x", n) }

// nodeID imitates GitHub's opaque global IDs: a type prefix and base64.
func nodeID(prefix string, id int64) string { return nodeIDOf(prefix, itoa(id)) }

func nodeIDOf(prefix, key string) string {
	return prefix + base64.RawURLEncoding.EncodeToString([]byte("ghfake:"+key))
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// userID hands out stable ids per login, in order of first sight.
func (s *Server) userID(login string) int64 {
	if id, ok := s.users[login]; ok {
		return id
	}
	id := int64(5000 + len(s.users))
	s.users[login] = id
	return id
}

// userObj is GitHub's "simple user" shape, as in every recorded body.
func (s *Server) userObj(c *call, login, typ string) obj {
	id := s.userID(login)
	u := c.api() + "/users/" + login
	html := c.web() + "/" + login
	if typ == "Bot" {
		html = c.web() + "/apps/" + strings.TrimSuffix(login, "[bot]")
	}
	return obj{
		"login": login, "id": id, "node_id": nodeID("U_", id),
		"avatar_url": "https://avatars.githubusercontent.com/u/" + itoa(id) + "?v=4", "gravatar_id": "",
		"url": u, "html_url": html, "followers_url": u + "/followers",
		"following_url": u + "/following{/other_user}", "gists_url": u + "/gists{/gist_id}",
		"starred_url": u + "/starred{/owner}{/repo}", "subscriptions_url": u + "/subscriptions",
		"organizations_url": u + "/orgs", "repos_url": u + "/repos", "events_url": u + "/events{/privacy}",
		"received_events_url": u + "/received_events", "type": typ, "site_admin": false,
	}
}

// actorObj shows the caller: the app's bot user for installation tokens.
func (s *Server) actorObj(c *call) obj { return s.userObj(c, s.BotLogin(), "Bot") }

// repoTemplates are the hypermedia URL templates every repository carries.
var repoTemplates = []string{
	"forks_url:/forks", "keys_url:/keys{/key_id}", "collaborators_url:/collaborators{/collaborator}",
	"teams_url:/teams", "hooks_url:/hooks", "issue_events_url:/issues/events{/number}", "events_url:/events",
	"assignees_url:/assignees{/user}", "branches_url:/branches{/branch}", "tags_url:/tags",
	"blobs_url:/git/blobs{/sha}", "git_tags_url:/git/tags{/sha}", "git_refs_url:/git/refs{/sha}",
	"trees_url:/git/trees{/sha}", "statuses_url:/statuses/{sha}", "languages_url:/languages",
	"stargazers_url:/stargazers", "contributors_url:/contributors", "subscribers_url:/subscribers",
	"subscription_url:/subscription", "commits_url:/commits{/sha}", "git_commits_url:/git/commits{/sha}",
	"comments_url:/comments{/number}", "issue_comment_url:/issues/comments{/number}",
	"contents_url:/contents/{+path}", "compare_url:/compare/{base}...{head}", "merges_url:/merges",
	"archive_url:/{archive_format}{/ref}", "downloads_url:/downloads", "issues_url:/issues{/number}",
	"pulls_url:/pulls{/number}", "milestones_url:/milestones{/number}",
	"notifications_url:/notifications{?since,all,participating}", "labels_url:/labels{/name}",
	"releases_url:/releases{/id}", "deployments_url:/deployments",
}

// repoObj is the full repository object. The permissions block is the
// installation's view (push, not admin), as GitHub shows it to an app.
func (s *Server) repoObj(c *call, r *Repo) obj {
	api := c.api() + "/repos/" + r.full()
	html := c.web() + "/" + r.full()
	visibility := "public"
	if r.private {
		visibility = "private"
	}
	o := obj{
		"id": r.id, "node_id": nodeID("R_", r.id), "name": r.name, "full_name": r.full(), "private": r.private,
		"owner": s.userObj(c, r.owner, "User"), "html_url": html, "description": nil, "fork": r.parent != nil,
		"url": api, "created_at": stamp(r.created), "updated_at": stamp(r.created), "pushed_at": stamp(r.created),
		"git_url": "git://" + strings.TrimPrefix(html, "https://") + ".git", "ssh_url": "git@github.com:" + r.full() + ".git",
		"clone_url": html + ".git", "svn_url": html, "homepage": nil, "size": 0, "stargazers_count": 0,
		"watchers_count": 0, "language": nil, "has_issues": true, "has_projects": true, "has_downloads": true,
		"has_wiki": true, "has_pages": false, "forks_count": 0, "mirror_url": nil, "archived": false,
		"disabled": false, "open_issues_count": 0, "license": nil, "allow_forking": true, "is_template": false,
		"web_commit_signoff_required": false, "topics": []string{}, "visibility": visibility, "forks": 0,
		"open_issues": 0, "watchers": 0, "default_branch": r.defaultBranch,
		"permissions": obj{"admin": false, "maintain": false, "push": true, "triage": true, "pull": true},
	}
	for _, t := range repoTemplates {
		k, v, _ := strings.Cut(t, ":")
		o[k] = api + v
	}
	return o
}

func (s *Server) getRepo(c *call) {
	if r := s.repoOf(c); r != nil {
		c.json(200, s.repoObj(c, r))
	}
}

// repoOf finds the route's repository or answers 404 as GitHub does.
func (s *Server) repoOf(c *call) *Repo {
	r := s.repos[strings.ToLower(c.p["owner"]+"/"+c.p["repo"])]
	if r == nil {
		c.fail(404, "Not Found")
	}
	return r
}
