// Package setup registers Pipewright as a GitHub App from the browser. When
// `pipewright serve` starts without App credentials it serves a page that
// posts app.yml to GitHub's "create a GitHub App from a manifest" form;
// GitHub sends the person back with a code, which Pipewright exchanges for
// the App's id, key and webhook secret, stores in a 0600 file and starts
// serving webhooks with, without a restart.
package setup

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/pipewright/pipewright/app/manifest"
)

// Paths the setup flow serves.
const (
	CallbackPath = "/setup/callback"
	HookPath     = "/api/github/hook" // server.WebhookPath
)

// Manifest returns app.yml as the JSON GitHub's manifest flow expects, with
// the webhook and redirect URLs under publicURL.
func Manifest(publicURL string) ([]byte, error) {
	base, err := url.Parse(strings.TrimSuffix(publicURL, "/"))
	if err != nil || (base.Scheme != "https" && base.Scheme != "http") || base.Host == "" {
		return nil, fmt.Errorf("public URL %q: want http(s)://host[/path]", publicURL)
	}
	var m map[string]any
	if err := yaml.Unmarshal(manifest.App, &m); err != nil {
		return nil, fmt.Errorf("parse app.yml: %w", err)
	}
	hook, _ := m["hook_attributes"].(map[string]any)
	if hook == nil {
		hook = map[string]any{}
		m["hook_attributes"] = hook
	}
	hook["url"] = base.String() + HookPath
	hook["active"] = true
	m["redirect_url"] = base.String() + CallbackPath
	return json.Marshal(m)
}

// orgName is GitHub's rule for organization logins.
var orgName = regexp.MustCompile(`^[A-Za-z0-9](?:[A-Za-z0-9]|-[A-Za-z0-9]){0,38}$`)

// NewAppURL is GitHub's form for registering an App from a manifest: for
// the person's own account, or for an organization when org is set.
func NewAppURL(webURL, org, state string) (string, error) {
	base := strings.TrimSuffix(webURL, "/")
	path := "/settings/apps/new"
	if org != "" {
		if !orgName.MatchString(org) {
			return "", fmt.Errorf("%q is not an organization name", org)
		}
		path = "/organizations/" + org + "/settings/apps/new"
	}
	return base + path + "?state=" + url.QueryEscape(state), nil
}

// InstallURL is where the App is installed on repositories.
func InstallURL(webURL, slug string) string {
	return strings.TrimSuffix(webURL, "/") + "/apps/" + url.PathEscape(slug) + "/installations/new"
}
