package ghfake

import (
	"crypto/rand"
	"net/http"
	"time"
)

// App is the GitHub App the server plays host to.
type App struct {
	ID    int64
	Slug  string
	Name  string
	Owner string // login of the account that owns the app
}

// DefaultApp is used unless WithApp says otherwise.
var DefaultApp = App{ID: 424242, Slug: "pipewright", Name: "Pipewright", Owner: "pipewright"}

// DefaultPermissions are what AddInstallation grants.
var DefaultPermissions = map[string]string{
	"contents": "write", "issues": "write", "pull_requests": "write", "metadata": "read", "deployments": "read",
}

type installation struct {
	id      int64
	account string
	perms   map[string]string
	created time.Time
}

type token struct {
	value        string
	installation int64
	expires      time.Time
	perms        map[string]string
}

// App returns the app this server authenticates.
func (s *Server) App() App { return s.app }

// BotLogin is the login the app's comments and commits appear under.
func (s *Server) BotLogin() string { return s.app.Slug + "[bot]" }

// AddInstallation installs the app on account with DefaultPermissions.
func (s *Server) AddInstallation(id int64, account string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addInstallation(id, account)
}

func (s *Server) addInstallation(id int64, account string) *installation {
	perms := map[string]string{}
	for k, v := range DefaultPermissions {
		perms[k] = v
	}
	in := &installation{id: id, account: account, perms: perms, created: s.now()}
	s.installations[id] = in
	return in
}

// IssueToken mints an installation token directly, for tests that do not
// go through the JWT exchange. The installation is added if missing.
func (s *Server) IssueToken(installationID int64) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	in := s.installations[installationID]
	if in == nil {
		in = s.addInstallation(installationID, s.app.Owner)
	}
	return s.mint(in, in.perms).value
}

// RevokeTokens makes every issued token fail with 401, as an expired one
// would, so a test can prove the client fetches a fresh one.
func (s *Server) RevokeTokens() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens = map[string]*token{}
}

func (s *Server) mint(in *installation, perms map[string]string) *token {
	const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 36)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alnum[int(b[i])%len(alnum)]
	}
	t := &token{value: "ghs_" + string(b), installation: in.id, expires: s.now().Add(time.Hour), perms: perms}
	s.tokens[t.value] = t
	return t
}

var permRank = map[string]int{"read": 1, "write": 2, "admin": 3}

// createToken is POST /app/installations/{id}/access_tokens. Asking for
// more than the installation has is a 422, as on GitHub.
func (s *Server) createToken(c *call) {
	id, ok := c.intParam("id")
	if !ok {
		return
	}
	in := s.installations[id]
	if in == nil {
		c.fail(http.StatusNotFound, "Not Found")
		return
	}
	var req struct {
		Permissions map[string]string `json:"permissions"`
	}
	if !c.decode(&req) {
		return
	}
	perms := in.perms
	if len(req.Permissions) > 0 {
		for k, v := range req.Permissions {
			if permRank[v] == 0 || permRank[v] > permRank[in.perms[k]] {
				c.fail(http.StatusUnprocessableEntity, "The permissions requested are not granted to this installation.")
				return
			}
		}
		perms = req.Permissions
	}
	t := s.mint(in, perms)
	c.json(http.StatusCreated, obj{"token": t.value, "expires_at": t.expires.Format(time.RFC3339),
		"permissions": perms, "repository_selection": "all"})
}

func (s *Server) getApp(c *call) { c.json(http.StatusOK, s.appObj(c)) }

func (s *Server) getInstallation(c *call) {
	id, ok := c.intParam("id")
	if !ok {
		return
	}
	in := s.installations[id]
	if in == nil {
		c.fail(http.StatusNotFound, "Not Found")
		return
	}
	ts := in.created.Format(time.RFC3339)
	c.json(http.StatusOK, obj{
		"id": in.id, "account": s.userObj(c, in.account, "Organization"), "repository_selection": "all",
		"access_tokens_url": c.api() + "/app/installations/" + itoa(in.id) + "/access_tokens",
		"repositories_url":  c.api() + "/installation/repositories",
		"html_url":          c.web() + "/organizations/" + in.account + "/settings/installations/" + itoa(in.id),
		"app_id":            s.app.ID, "app_slug": s.app.Slug, "target_id": s.userID(in.account),
		"target_type": "Organization", "permissions": in.perms, "events": []string{"issue_comment", "pull_request", "push"},
		"created_at": ts, "updated_at": ts, "single_file_name": nil, "has_multiple_single_files": false,
		"single_file_paths": []string{}, "suspended_by": nil, "suspended_at": nil,
	})
}

// appObj is the app as GET /app and performed_via_github_app show it.
func (s *Server) appObj(c *call) obj {
	return obj{
		"id": s.app.ID, "slug": s.app.Slug, "node_id": nodeID("A_", s.app.ID), "client_id": "Iv1." + hexID(s.app.ID),
		"owner": s.userObj(c, s.app.Owner, "Organization"), "name": s.app.Name, "description": "",
		"external_url": c.web() + "/" + s.app.Owner, "html_url": c.web() + "/apps/" + s.app.Slug,
		"created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z",
		"permissions": DefaultPermissions, "events": []string{"issue_comment", "pull_request", "push"},
		"installations_count": len(s.installations),
	}
}
