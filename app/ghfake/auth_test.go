package ghfake_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/bradleyfalzon/ghinstallation/v2"
	"github.com/google/go-github/v62/github"
	"github.com/pipewright/pipewright/app/ghfake"
)

// TestInstallationTokenViaGhinstallation proves the JWT exchange with the
// real ghinstallation transport, on both URL layouts.
func TestInstallationTokenViaGhinstallation(t *testing.T) {
	priv, pemBytes := appKey(t)
	for _, prefix := range []string{"", "/api/v3"} {
		t.Run("prefix="+prefix, func(t *testing.T) {
			s := ghfake.New(ghfake.WithPathPrefix(prefix), ghfake.WithAppPublicKey(&priv.PublicKey))
			base, stop := s.Start()
			defer stop()
			if want := prefix + "/"; !strings.HasSuffix(base, want) {
				t.Fatalf("base %q does not end in %q", base, want)
			}
			s.AddInstallation(77, "acme")
			s.AddRepo("acme", "widgets", "main")

			tr, err := ghinstallation.New(http.DefaultTransport, s.App().ID, 77, pemBytes)
			if err != nil {
				t.Fatal(err)
			}
			tr.BaseURL = strings.TrimSuffix(base, "/")
			gh, err := github.NewClient(&http.Client{Transport: tr}).WithEnterpriseURLs(base, base)
			if prefix == "" {
				gh = github.NewClient(&http.Client{Transport: tr})
				gh.BaseURL, err = gh.BaseURL.Parse(base)
			}
			if err != nil {
				t.Fatal(err)
			}
			repo, _, err := gh.Repositories.Get(ctx, "acme", "widgets")
			if err != nil {
				t.Fatal(err)
			}
			if repo.GetFullName() != "acme/widgets" || repo.GetDefaultBranch() != "main" {
				t.Fatalf("repo = %s@%s", repo.GetFullName(), repo.GetDefaultBranch())
			}
			tok, err := tr.Token(ctx)
			if err != nil || !strings.HasPrefix(tok, "ghs_") || len(tok) != 40 {
				t.Fatalf("token %q, %v", tok, err)
			}
			recs := s.Requests()
			if recs[0].Method != "POST" || recs[0].Path != "/app/installations/77/access_tokens" || recs[0].Status != 201 {
				t.Fatalf("first request = %+v", recs[0])
			}
			if recs[1].Path != "/repos/acme/widgets" || recs[1].Status != 200 {
				t.Fatalf("second request = %+v", recs[1])
			}
		})
	}
}

func TestAppJWTEndpoints(t *testing.T) {
	priv, pemBytes := appKey(t)
	s := ghfake.New(ghfake.WithAppPublicKey(&priv.PublicKey))
	base, stop := s.Start()
	defer stop()
	s.AddInstallation(9, "acme")
	atr, err := ghinstallation.NewAppsTransport(http.DefaultTransport, s.App().ID, pemBytes)
	if err != nil {
		t.Fatal(err)
	}
	gh := github.NewClient(&http.Client{Transport: atr})
	gh.BaseURL, _ = gh.BaseURL.Parse(base)

	app, _, err := gh.Apps.Get(ctx, "")
	if err != nil || app.GetSlug() != "pipewright" || app.GetID() != s.App().ID {
		t.Fatalf("app = %+v, %v", app, err)
	}
	inst, _, err := gh.Apps.GetInstallation(ctx, 9)
	if err != nil || inst.GetAccount().GetLogin() != "acme" || inst.GetAppID() != s.App().ID {
		t.Fatalf("installation = %+v, %v", inst, err)
	}
	_, _, err = gh.Apps.GetInstallation(ctx, 10)
	errStatus(t, err, 404)

	tok, resp, err := gh.Apps.CreateInstallationToken(ctx, 9, &github.InstallationTokenOptions{
		Permissions: &github.InstallationPermissions{Administration: github.String("write")}})
	if e := errStatus(t, err, 422); !strings.Contains(e.Message, "not granted") {
		t.Fatalf("message %q (token %v, resp %v)", e.Message, tok, resp)
	}
	tok, resp, err = gh.Apps.CreateInstallationToken(ctx, 9, &github.InstallationTokenOptions{
		Permissions: &github.InstallationPermissions{Issues: github.String("read")}})
	if err != nil || resp.StatusCode != 201 || tok.GetPermissions().GetIssues() != "read" {
		t.Fatalf("token %+v status %v err %v", tok, resp, err)
	}
}

func TestJWTSignedByAnotherKeyIsRefused(t *testing.T) {
	priv, _ := appKey(t)
	s := ghfake.New(ghfake.WithAppPublicKey(&priv.PublicKey))
	base, stop := s.Start()
	defer stop()
	s.AddInstallation(1, "acme")
	_, other := otherKey(t)
	tr, err := ghinstallation.New(http.DefaultTransport, s.App().ID, 1, other)
	if err != nil {
		t.Fatal(err)
	}
	tr.BaseURL = strings.TrimSuffix(base, "/")
	if _, err := tr.Token(ctx); err == nil || !strings.Contains(err.Error(), "401") {
		t.Fatalf("want a 401 from the token exchange, got %v", err)
	}
}

func TestTokenAuth(t *testing.T) {
	e := newEnv(t)
	e.s.AddRepo("acme", "widgets", "")
	tests := []struct {
		name, header string
		status       int
		message      string
	}{
		{"token scheme", "token " + e.tok, 200, ""},
		{"bearer scheme", "Bearer " + e.tok, 200, ""},
		{"no header", "", 401, "Requires authentication"},
		{"unknown token", "token ghs_nope", 401, "Bad credentials"},
		{"jwt-shaped garbage", "Bearer a.b.c", 401, "Bad credentials"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, _ := http.NewRequest("GET", e.base+"repos/acme/widgets", nil)
			if tt.header != "" {
				req.Header.Set("Authorization", tt.header)
			}
			gh := clientFor(t, e.base, "")
			var v map[string]any
			resp, err := gh.Do(ctx, req, &v)
			if tt.status == 200 {
				if err != nil || v["full_name"] != "acme/widgets" {
					t.Fatalf("got %v %v", v, err)
				}
				return
			}
			if er := errStatus(t, err, tt.status); er.Message != tt.message {
				t.Fatalf("message %q, want %q", er.Message, tt.message)
			}
			if resp.Header.Get("X-RateLimit-Limit") == "" {
				t.Fatal("401 without rate-limit headers")
			}
		})
	}
	e.s.RevokeTokens()
	_, _, err := e.gh.Repositories.Get(ctx, "acme", "widgets")
	errStatus(t, err, 401)
}
