package handlers

import (
	"cmp"
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
// limit when they answer 304. A failed look-up is remembered too, for
// FailTTL, so a reply does not wait on the same failing requests again.
type VersionCache struct {
	TTL     time.Duration // default 6 h
	FailTTL time.Duration // default 10 min
	Now     func() time.Time

	mu      sync.Mutex
	entries map[string]versionEntry
}

type versionEntry struct {
	tag     string
	etag    string
	checked time.Time
	failed  bool // the last look-up failed; tag is what an earlier one found
}

func (c *VersionCache) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// For returns the latest release of each tool it could verify; a tool it
// could not verify is absent, and the reply says "version not verified".
// The look-ups run at once: the reply waits for one round trip, not one
// per tool.
func (c *VersionCache) For(ctx context.Context, gh *github.Client, tools []string) map[string]string {
	if c == nil || len(tools) == 0 {
		return nil
	}
	out := map[string]string{}
	var mu sync.Mutex
	var wg sync.WaitGroup
	for _, tool := range tools {
		wg.Go(func() {
			if tag := c.lookup(ctx, gh, tool); tag != "" {
				mu.Lock()
				out[tool] = tag
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return out
}

func (c *VersionCache) entry(tool string) (versionEntry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[tool]
	return e, ok
}

func (c *VersionCache) lookup(ctx context.Context, gh *github.Client, tool string) string {
	repo, ok := ToolRepos[tool]
	if !ok || gh == nil {
		return ""
	}
	e, have := c.entry(tool)
	ttl := cmp.Or(c.TTL, 6*time.Hour)
	if e.failed {
		ttl = cmp.Or(c.FailTTL, 10*time.Minute)
	}
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
		e.checked, e.failed = c.now(), false
	case err != nil:
		// Keep what an earlier look-up verified, if anything, and try
		// again after FailTTL rather than on every reply.
		zerolog.Ctx(ctx).Info().Err(err).Str("tool", tool).Msg("latest release not verified")
		e.checked, e.failed = c.now(), true
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
