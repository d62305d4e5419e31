package main

import (
	"context"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/go-github/v62/github"

	"github.com/pipewright/pipewright/app/versions"
)

// localVersions verifies tool versions for `pipewright local` through the
// GitHub API: GITHUB_TOKEN when set, else unauthenticated (GitHub allows a
// few dozen such reads an hour, which the cache keeps well within);
// GITHUB_API_URL when set (GitHub Enterprise Server, or a stand-in). The
// cache lives in the user cache directory, so a run within its lifetime
// asks GitHub nothing new and an offline run says "not verified" quickly.
func localVersions() func(context.Context, []string) versions.Result {
	gh := github.NewClient(&http.Client{Timeout: 10 * time.Second})
	if tok := os.Getenv("GITHUB_TOKEN"); tok != "" {
		gh = gh.WithAuthToken(tok)
	}
	if api := os.Getenv("GITHUB_API_URL"); api != "" {
		if !strings.HasSuffix(api, "/") {
			api += "/"
		}
		if u, err := url.Parse(api); err == nil && u.Scheme != "" {
			gh.BaseURL = u // as given: a GHES URL already ends in /api/v3/
		}
	}
	cache := &versions.Cache{TTL: 6 * time.Hour, FailTTL: 10 * time.Minute}
	if dir, err := os.UserCacheDir(); err == nil {
		cache.Path = filepath.Join(dir, "pipewright", "versions.json")
	}
	return func(ctx context.Context, tools []string) versions.Result {
		ctx, cancel := context.WithTimeout(ctx, 15*time.Second)
		defer cancel()
		return cache.For(ctx, gh, tools)
	}
}
