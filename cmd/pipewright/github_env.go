package main

import (
	"net/http"
	"net/url"
	"os"
	"strings"

	"github.com/google/go-github/v62/github"
)

// envGitHub is the GitHub client `pipewright local` reads through, for
// both version checks and the DORA baseline: GITHUB_TOKEN when set, else
// unauthenticated; GITHUB_API_URL when set (GitHub Enterprise Server, or a
// stand-in), taken as given: a GHES URL already ends in /api/v3/. ok is
// false when GITHUB_API_URL is set but is no absolute URL.
func envGitHub(hc *http.Client) (gh *github.Client, ok bool) {
	gh = github.NewClient(hc)
	if tok := os.Getenv("GITHUB_TOKEN"); tok != "" {
		gh = gh.WithAuthToken(tok)
	}
	if api := os.Getenv("GITHUB_API_URL"); api != "" {
		u, err := url.Parse(strings.TrimSuffix(api, "/") + "/")
		if err != nil || u.Scheme == "" {
			return gh, false
		}
		gh.BaseURL = u
	}
	return gh, true
}
