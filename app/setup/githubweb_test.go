package setup_test

import (
	"encoding/json"
	"fmt"
	"html/template"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/manifest"
	"gopkg.in/yaml.v3"
)

// appYMLPermissions is what app.yml asks for: the manifest the page sends
// must carry exactly these, no more (least privilege) and no fewer.
func appYMLPermissions() (map[string]string, error) {
	var m struct {
		Permissions map[string]string `yaml:"default_permissions"`
	}
	if err := yaml.Unmarshal(manifest.App, &m); err != nil {
		return nil, err
	}
	if len(m.Permissions) == 0 {
		return nil, fmt.Errorf("app.yml has no default_permissions")
	}
	return m.Permissions, nil
}

// githubWeb plays github.com's side of the manifest flow on loopback: the
// "Create GitHub App" page that receives the posted manifest, and the
// redirect back to Pipewright with a code the API stand-in converts.
type githubWeb struct {
	*httptest.Server
	api  *ghfake.Server
	app  ghfake.ManifestApp
	want struct{ hook, redirect string }

	mu       sync.Mutex
	problems []string
	owner    string // "" for a personal account, else the organization
	posted   bool
}

var createPage = template.Must(template.New("create").Parse(`<!doctype html>
<html><head><title>Create GitHub App</title></head><body>
<h1 id="title">Create GitHub App {{.Name}}</h1>
<form method="post" action="/settings/apps/create">
<input type="hidden" name="state" value="{{.State}}">
<input type="hidden" name="redirect_url" value="{{.Redirect}}">
<button type="submit" id="github-create">Create GitHub App for {{.Owner}}</button>
</form></body></html>`))

func newGitHubWeb(api *ghfake.Server, app ghfake.ManifestApp, publicURL string) *githubWeb {
	g := &githubWeb{api: api, app: app}
	g.want.hook, g.want.redirect = publicURL+"/api/github/hook", publicURL+"/setup/callback"
	mux := http.NewServeMux()
	mux.HandleFunc("POST /settings/apps/new", func(w http.ResponseWriter, r *http.Request) { g.newApp(w, r, "") })
	mux.HandleFunc("POST /organizations/{org}/settings/apps/new", func(w http.ResponseWriter, r *http.Request) {
		g.newApp(w, r, r.PathValue("org"))
	})
	mux.HandleFunc("POST /settings/apps/create", g.create)
	g.Server = httptest.NewServer(mux)
	return g
}

func (g *githubWeb) problem(format string, args ...any) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.problems = append(g.problems, fmt.Sprintf(format, args...))
}

// newApp checks the manifest as GitHub would read it and shows the form.
func (g *githubWeb) newApp(w http.ResponseWriter, r *http.Request, org string) {
	var m struct {
		Name           string            `json:"name"`
		Public         *bool             `json:"public"`
		RedirectURL    string            `json:"redirect_url"`
		Permissions    map[string]string `json:"default_permissions"`
		Events         []string          `json:"default_events"`
		HookAttributes struct {
			URL    string `json:"url"`
			Active bool   `json:"active"`
		} `json:"hook_attributes"`
	}
	if err := json.Unmarshal([]byte(r.PostFormValue("manifest")), &m); err != nil {
		g.problem("manifest is not JSON: %v", err)
	}
	state := r.URL.Query().Get("state")
	want, err := appYMLPermissions()
	if err != nil {
		g.problem("%v", err)
	}
	for _, c := range []struct {
		ok   bool
		what string
	}{
		{m.HookAttributes.URL == g.want.hook, fmt.Sprintf("hook url %q, want %q", m.HookAttributes.URL, g.want.hook)},
		{m.HookAttributes.Active, "hook inactive"},
		{m.RedirectURL == g.want.redirect, fmt.Sprintf("redirect_url %q, want %q", m.RedirectURL, g.want.redirect)},
		{maps.Equal(m.Permissions, want), fmt.Sprintf("permissions %v, want %v", m.Permissions, want)},
		{slices.Contains(m.Events, "issue_comment"), fmt.Sprintf("events %v lack issue_comment", m.Events)},
		{m.Public != nil && !*m.Public, "the App must be private"},
		{m.Name != "", "no name"},
		{len(state) >= 32, fmt.Sprintf("state %q is not a nonce", state)},
	} {
		if !c.ok {
			g.problem("%s", c.what)
		}
	}
	g.mu.Lock()
	g.owner, g.posted = org, true
	g.mu.Unlock()
	owner := org
	if owner == "" {
		owner = "your account"
	}
	_ = createPage.Execute(w, map[string]string{"Name": m.Name, "State": state, "Redirect": m.RedirectURL, "Owner": owner})
}

// create registers a code with the API stand-in and sends the person back.
func (g *githubWeb) create(w http.ResponseWriter, r *http.Request) {
	const code = "manifest-code-1"
	g.api.AddManifestCode(code, g.app)
	back := r.PostFormValue("redirect_url") + "?" + url.Values{"code": {code}, "state": {r.PostFormValue("state")}}.Encode()
	http.Redirect(w, r, back, http.StatusFound)
}

func (g *githubWeb) report() (owner string, posted bool, problems string) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.owner, g.posted, strings.Join(g.problems, "; ")
}
