package handlers

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/google/go-github/v62/github"
	"github.com/rs/zerolog"
)

// ToolRepos maps the tools a decision can name to the GitHub repository
// whose latest release is that tool's current version (the seed's "verify
// current technology versions", done against GitHub instead of the web).
var ToolRepos = map[string]string{
	"launchdarkly":   "launchdarkly/go-server-sdk",
	"unleash":        "Unleash/unleash",
	"flagsmith":      "Flagsmith/flagsmith",
	"openfeature":    "open-feature/go-sdk",
	"argo-rollouts":  "argoproj/argo-rollouts",
	"argo-cd":        "argoproj/argo-cd",
	"flagger":        "fluxcd/flagger",
	"flux":           "fluxcd/flux2",
	"liquibase":      "liquibase/liquibase",
	"flyway":         "flyway/flyway",
	"atlas":          "ariga/atlas",
	"golang-migrate": "golang-migrate/migrate",
}

// VersionCache keeps latest-release tags for hours and revalidates them
// with conditional requests, which GitHub does not count against the rate
// limit when they answer 304.
type VersionCache struct {
	TTL time.Duration
	Now func() time.Time

	mu      sync.Mutex
	entries map[string]versionEntry
}

type versionEntry struct {
	tag     string
	etag    string
	checked time.Time
}

func (c *VersionCache) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// For returns the latest release of each tool it could verify; a tool it
// could not verify is absent, and the reply says "version not verified".
func (c *VersionCache) For(ctx context.Context, gh *github.Client, tools []string) map[string]string {
	if c == nil || len(tools) == 0 {
		return nil
	}
	out := map[string]string{}
	for _, tool := range tools {
		if tag := c.lookup(ctx, gh, tool); tag != "" {
			out[tool] = tag
		}
	}
	return out
}

func (c *VersionCache) lookup(ctx context.Context, gh *github.Client, tool string) string {
	repo, ok := ToolRepos[tool]
	if !ok || gh == nil {
		return ""
	}
	ttl := c.TTL
	if ttl == 0 {
		ttl = 6 * time.Hour
	}
	c.mu.Lock()
	e, have := c.entries[tool]
	c.mu.Unlock()
	if have && c.now().Sub(e.checked) < ttl {
		return e.tag
	}
	req, err := gh.NewRequest(http.MethodGet, "repos/"+repo+"/releases/latest", nil)
	if err != nil {
		return ""
	}
	if have && e.etag != "" {
		req.Header.Set("If-None-Match", e.etag)
	}
	var rel github.RepositoryRelease
	resp, err := gh.Do(ctx, req, &rel)
	switch {
	case resp != nil && resp.StatusCode == http.StatusNotModified:
		e.checked = c.now()
	case err != nil:
		zerolog.Ctx(ctx).Info().Err(err).Str("tool", tool).Msg("latest release not verified")
		return ""
	default:
		e = versionEntry{tag: rel.GetTagName(), etag: resp.Header.Get("ETag"), checked: c.now()}
	}
	c.mu.Lock()
	if c.entries == nil {
		c.entries = map[string]versionEntry{}
	}
	c.entries[tool] = e
	c.mu.Unlock()
	return e.tag
}
