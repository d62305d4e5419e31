package setup_test

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/server"
	"github.com/pipewright/pipewright/app/setup"
)

func TestManifestFillsTheURLs(t *testing.T) {
	for _, c := range []struct{ public, hook, redirect, err string }{
		{"https://pw.example.com", "https://pw.example.com/api/github/hook", "https://pw.example.com/setup/callback", ""},
		{"https://example.com/pipewright/", "https://example.com/pipewright/api/github/hook", "https://example.com/pipewright/setup/callback", ""},
		{"pw.example.com", "", "", "want http(s)://host"},
		{"ftp://pw.example.com", "", "", "want http(s)://host"},
	} {
		data, err := setup.Manifest(c.public)
		if c.err != "" {
			if err == nil || !strings.Contains(err.Error(), c.err) {
				t.Errorf("Manifest(%q) error %v, want %q", c.public, err, c.err)
			}
			continue
		}
		var m struct {
			Hook     struct{ URL string } `json:"hook_attributes"`
			Redirect string               `json:"redirect_url"`
		}
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		if m.Hook.URL != c.hook || m.Redirect != c.redirect {
			t.Errorf("Manifest(%q): hook %q redirect %q, want %q %q", c.public, m.Hook.URL, m.Redirect, c.hook, c.redirect)
		}
	}
}

func TestNewAppURL(t *testing.T) {
	for _, c := range []struct{ web, org, want, err string }{
		{"https://github.com", "", "https://github.com/settings/apps/new?state=s1", ""},
		{"https://github.com/", "acme-corp", "https://github.com/organizations/acme-corp/settings/apps/new?state=s1", ""},
		{"https://ghe.example.com", "Platform", "https://ghe.example.com/organizations/Platform/settings/apps/new?state=s1", ""},
		{"https://github.com", "acme/../evil", "", "not an organization name"},
		{"https://github.com", "-acme", "", "not an organization name"},
	} {
		got, err := setup.NewAppURL(c.web, c.org, "s1")
		if (err != nil) != (c.err != "") || got != c.want {
			t.Errorf("NewAppURL(%q, %q) = %q, %v; want %q, %q", c.web, c.org, got, err, c.want, c.err)
		}
	}
}

func TestCredentialsPath(t *testing.T) {
	for _, c := range []struct {
		cfg  server.Config
		want string
	}{
		{server.Config{}, "pipewright-app.json"},
		{server.Config{DatabaseURL: "/data/pipewright.db"}, "/data/pipewright-app.json"},
		{server.Config{DatabaseURL: "sqlite:///data/pw.db?_pragma=x"}, "/data/pipewright-app.json"},
		{server.Config{DatabaseURL: "file:/var/lib/pw/pw.db"}, "/var/lib/pw/pipewright-app.json"},
		{server.Config{DatabaseURL: "postgres://pw@db/pw"}, "pipewright-app.json"},
		{server.Config{DatabaseURL: "/data/pw.db", CredentialsFile: "/secrets/app.json"}, "/secrets/app.json"},
	} {
		if got := setup.CredentialsPath(c.cfg); got != c.want {
			t.Errorf("CredentialsPath(%q, %q) = %q, want %q", c.cfg.DatabaseURL, c.cfg.CredentialsFile, got, c.want)
		}
	}
}

func TestCredentialsFileRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "app.json")
	if _, err := setup.LoadCredentials(path); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("missing file: %v, want fs.ErrNotExist", err)
	}
	c := setup.Credentials{ID: 7, Slug: "pw", PEM: "-----BEGIN RSA PRIVATE KEY-----", WebhookSecret: "s3cret"}
	if err := setup.SaveCredentials(path, setup.Credentials{ID: 7}); err == nil {
		t.Error("incomplete credentials were saved")
	}
	if err := setup.SaveCredentials(path, c); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v (%v), want 0600", info.Mode(), err)
	}
	got, err := setup.LoadCredentials(path)
	if err != nil || got != c {
		t.Errorf("loaded %+v, %v", got, err)
	}
	if s := c.String(); strings.Contains(s, "s3cret") || strings.Contains(s, "PRIVATE") {
		t.Errorf("String() shows a secret: %s", s)
	}
	cfg := server.Config{WebhookSecret: "from-env"}
	c.Apply(&cfg)
	if cfg.AppID != 7 || cfg.PrivateKey != c.PEM || cfg.WebhookSecret != "from-env" || cfg.AppSlug != "pw" {
		t.Errorf("Apply: %+v", cfg)
	}
}

func TestExchange(t *testing.T) {
	api := ghfake.New()
	apiURL, closeAPI := api.Start()
	defer closeAPI()
	api.AddManifestCode("good", ghfake.ManifestApp{Slug: "pw-test"})
	ctx := context.Background()
	c, err := setup.Exchange(ctx, nil, apiURL, "good")
	if err != nil || c.Slug != "pw-test" || c.ID == 0 || c.PEM == "" || c.WebhookSecret == "" {
		t.Fatalf("exchange: %+v, %v", c, err)
	}
	for _, code := range []string{"good", "never-issued"} { // a code converts once
		if _, err := setup.Exchange(ctx, nil, apiURL, code); err == nil || !strings.Contains(err.Error(), "404") {
			t.Errorf("exchange %q again: %v, want GitHub's 404", code, err)
		}
	}
}

// The callback refuses what a registration in this browser did not start.
func TestCallbackRefusesForeignState(t *testing.T) {
	flow := &setup.Flow{PublicURL: "https://pw.example.com", WebURL: "https://github.com", APIURL: "http://127.0.0.1:1/",
		File: filepath.Join(t.TempDir(), "app.json")}
	h := setup.Handler(flow)
	page := httptest.NewRecorder()
	h.ServeHTTP(page, httptest.NewRequest("GET", "/", nil))
	cookies := page.Result().Cookies()
	if page.Code != http.StatusOK || len(cookies) != 1 {
		t.Fatalf("page: %d with %d cookies", page.Code, len(cookies))
	}
	state := cookies[0].Value
	for _, c := range []struct {
		name, query string
		cookie      bool
	}{
		{"no cookie", "?code=c&state=" + state, false},
		{"other state", "?code=c&state=0123456789abcdef0123456789abcdef", true},
		{"no state", "?code=c", true},
	} {
		req := httptest.NewRequest("GET", setup.CallbackPath+c.query, nil)
		if c.cookie {
			req.AddCookie(cookies[0])
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusBadRequest {
			t.Errorf("%s: %d, want 400", c.name, rec.Code)
		}
	}
	hook := httptest.NewRecorder()
	h.ServeHTTP(hook, httptest.NewRequest("POST", server.WebhookPath, strings.NewReader("{}")))
	if hook.Code != http.StatusServiceUnavailable {
		t.Errorf("webhook in setup mode: %d, want 503", hook.Code)
	}
	if _, err := os.Stat(flow.File); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a refused callback wrote the credentials file: %v", err)
	}
}
