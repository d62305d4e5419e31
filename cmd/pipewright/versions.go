package main

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"github.com/pipewright/pipewright/app/versions"
)

// localVersions verifies tool versions for `pipewright local` through the
// GitHub API: GITHUB_TOKEN when set, else unauthenticated (GitHub allows a
// few dozen such reads an hour, which the cache keeps well within). The
// cache lives in the user cache directory, so a run within its lifetime
// asks GitHub nothing new and an offline run says "not verified" quickly.
func localVersions() func(context.Context, []string) versions.Result {
	gh, _ := envGitHub(&http.Client{Timeout: 10 * time.Second}) // an unusable GITHUB_API_URL: github.com
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
