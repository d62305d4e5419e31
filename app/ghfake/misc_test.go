package ghfake_test

import (
	"net/http"
	"testing"

	"github.com/pipewright/pipewright/app/ghfake"
)

func TestPermissionLevels(t *testing.T) {
	e := newEnv(t)
	e.s.AddRepo("o", "pub", "main")
	priv := e.s.AddRepo("o", "priv", "main")
	priv.SetPrivate(true)
	for _, u := range []string{"admin", "maintain", "write", "triage", "read", "none"} {
		e.s.SetPermission("o", "pub", "u-"+u, u)
	}
	tests := []struct {
		repo, user, perm, role string
		push                   bool
	}{
		{"pub", "u-admin", "admin", "admin", true},
		{"pub", "u-maintain", "write", "maintain", true},
		{"pub", "u-write", "write", "write", true},
		{"pub", "u-triage", "read", "triage", false},
		{"pub", "u-read", "read", "read", false},
		{"pub", "u-none", "none", "", false},
		{"pub", "stranger", "read", "read", false},
		{"priv", "stranger", "none", "", false},
		{"pub", "o", "admin", "admin", true},
	}
	for _, tt := range tests {
		t.Run(tt.repo+"/"+tt.user, func(t *testing.T) {
			lvl, _, err := e.gh.Repositories.GetPermissionLevel(ctx, "o", tt.repo, tt.user)
			if err != nil || lvl.GetPermission() != tt.perm || lvl.GetUser().GetLogin() != tt.user {
				t.Fatalf("%+v %v", lvl, err)
			}
			_, body := e.raw(t, "GET", "repos/o/"+tt.repo+"/collaborators/"+tt.user+"/permission", nil)
			m := body.(map[string]any)
			perms := m["user"].(map[string]any)["permissions"].(map[string]any)
			if m["role_name"] != tt.role || perms["push"] != tt.push {
				t.Fatalf("role_name %v push %v", m["role_name"], perms["push"])
			}
		})
	}
	e.s.SetPermissionForbidden("o", "pub", true)
	_, _, err := e.gh.Repositories.GetPermissionLevel(ctx, "o", "pub", "u-admin")
	if er := errStatus(t, err, 403); er.Message != "Must have push access to view collaborator permission." {
		t.Fatalf("message %q", er.Message)
	}
}

// TestLatestReleaseETag: a conditional GET with the current ETag is a 304
// with no body that does not spend rate limit; a new release changes it.
func TestLatestReleaseETag(t *testing.T) {
	e := newEnv(t)
	e.s.AddRepo("o", "r", "main")
	_, _, err := e.gh.Repositories.GetLatestRelease(ctx, "o", "r")
	errStatus(t, err, 404)

	e.s.SetLatestRelease("o", "r", "v1.2.0")
	rel, resp, err := e.gh.Repositories.GetLatestRelease(ctx, "o", "r")
	if err != nil || rel.GetTagName() != "v1.2.0" || rel.GetHTMLURL() != "https://github.com/o/r/releases/tag/v1.2.0" {
		t.Fatalf("%+v %v", rel, err)
	}
	etag := resp.Header.Get("ETag")
	conditional := func() *http.Response {
		req, _ := e.gh.NewRequest("GET", "repos/o/r/releases/latest", nil)
		req.Header.Set("If-None-Match", etag)
		resp, _ := e.gh.Do(ctx, req, nil) // go-github reports 304 as an error; the response is what matters
		return resp.Response
	}
	before := e.s.RateRemaining(e.tok)
	if r := conditional(); r.StatusCode != 304 || r.ContentLength > 0 {
		t.Fatalf("status %d length %d", r.StatusCode, r.ContentLength)
	}
	if after := e.s.RateRemaining(e.tok); after != before {
		t.Fatalf("304 spent rate limit: %d -> %d", before, after)
	}
	e.s.SetLatestRelease("o", "r", "v1.3.0")
	if r := conditional(); r.StatusCode != 200 {
		t.Fatalf("after a new release: %d", r.StatusCode)
	}
}

func TestManifestConversion(t *testing.T) {
	_, pemBytes := appKey(t)
	s := ghfake.New()
	base, stop := s.Start()
	defer stop()
	s.AddManifestCode("abc123", ghfake.ManifestApp{ID: 99, Slug: "pipewright-dev", PEM: string(pemBytes), WebhookSecret: "shh"})
	gh := clientFor(t, base, "") // the conversion needs no credentials
	cfg, resp, err := gh.Apps.CompleteAppManifest(ctx, "abc123")
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("%v %v", resp, err)
	}
	if cfg.GetID() != 99 || cfg.GetSlug() != "pipewright-dev" || cfg.GetPEM() != string(pemBytes) ||
		cfg.GetWebhookSecret() != "shh" || cfg.GetClientID() == "" || cfg.GetClientSecret() == "" {
		t.Fatalf("config %+v", cfg)
	}
	_, _, err = gh.Apps.CompleteAppManifest(ctx, "abc123")
	errStatus(t, err, 404)
}

func TestRepositoryObject(t *testing.T) {
	e := newEnv(t)
	e.s.AddRepo("acme", "widgets", "trunk").SetPrivate(true)
	repo, _, err := e.gh.Repositories.Get(ctx, "acme", "widgets")
	if err != nil || !repo.GetPrivate() || repo.GetDefaultBranch() != "trunk" || repo.GetOwner().GetLogin() != "acme" ||
		!repo.GetPermissions()["push"] || repo.GetPermissions()["admin"] {
		t.Fatalf("%+v %v", repo, err)
	}
	_, _, err = e.gh.Repositories.Get(ctx, "acme", "nope")
	if er := errStatus(t, err, 404); er.Message != "Not Found" {
		t.Fatalf("%q", er.Message)
	}
}

// TestPrivateReposAreHiddenFromAnonymousReads: the reads GitHub answers
// without a credential for a public repository (releases, deployments,
// compare, issues) answer 404 for a private one, as GitHub hides it; with
// the installation's token they answer.
func TestPrivateReposAreHiddenFromAnonymousReads(t *testing.T) {
	e := newEnv(t)
	priv := e.s.AddRepo("o", "priv", "main")
	priv.SetPrivate(true)
	e.s.SetLatestRelease("o", "priv", "v1.0.0")
	e.s.AddRepo("o", "pub", "main")
	e.s.SetLatestRelease("o", "pub", "v1.0.0")
	for _, path := range []string{"releases", "releases/latest", "deployments", "issues", "compare/main...main"} {
		for _, tt := range []struct {
			repo, tok string
			want      int
		}{
			{"priv", "", http.StatusNotFound},
			{"priv", e.tok, http.StatusOK},
			{"pub", "", http.StatusOK},
		} {
			req, _ := http.NewRequest("GET", e.base+"repos/o/"+tt.repo+"/"+path, nil)
			if tt.tok != "" {
				req.Header.Set("Authorization", "token "+tt.tok)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("GET %s of %s with token %v: %d, want %d", path, tt.repo, tt.tok != "", resp.StatusCode, tt.want)
			}
		}
	}
}
