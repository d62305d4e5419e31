// Package versions verifies the tools a session names against their latest
// GitHub release (the seed's "verify current technology versions", done
// against GitHub's releases API instead of a web search). The tool →
// repository table is data (app/knowledge). Both modes use it: the server
// with its installation's client, `pipewright local` with GITHUB_TOKEN or
// none, its cache kept on disk between runs.
package versions

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/google/go-github/v62/github"
	"github.com/rs/zerolog"

	"github.com/pipewright/pipewright/app/knowledge"
)

// Repos maps each tool id whose GitHub release is its version to its
// repository.
func Repos() map[string]string {
	out := map[string]string{}
	for _, t := range knowledge.Load().All() {
		if t.Checked() {
			out[t.ID] = t.Repo
		}
	}
	return out
}

// Result is what a look-up found: the latest release of each tool it
// verified, and the tools it tried and could not verify.
type Result struct {
	Latest     map[string]string
	Unverified []string
}

// Cache keeps latest-release tags for TTL and revalidates them with
// conditional requests, which GitHub does not count against the rate limit
// when they answer 304. A failed look-up is remembered for FailTTL, so
// replies do not wait on the same failing requests again. With Path set,
// entries survive between runs in that file.
type Cache struct {
	TTL     time.Duration // default 6 h
	FailTTL time.Duration // default 10 min
	Now     func() time.Time
	Path    string

	mu      sync.Mutex
	entries map[string]Entry
	loaded  bool
}

// Entry is one tool's cached look-up.
type Entry struct {
	Tag     string    `json:"tag,omitempty"`
	ETag    string    `json:"etag,omitempty"`
	Checked time.Time `json:"checked"`
	Failed  bool      `json:"failed,omitempty"` // the last look-up failed; Tag is what an earlier one found
}

func (c *Cache) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// For looks the tools up at once (the reply waits for one round trip, not
// one per tool) and reports what it verified. Tools without a repository
// in the table are skipped: there is nothing to verify them against.
func (c *Cache) For(ctx context.Context, gh *github.Client, tools []string) Result {
	if c == nil || len(tools) == 0 {
		return Result{}
	}
	c.load()
	repos := Repos()
	res := Result{Latest: map[string]string{}}
	var mu sync.Mutex
	var wg sync.WaitGroup
	seen := map[string]bool{}
	for _, tool := range tools {
		repo, ok := repos[tool]
		if !ok || seen[tool] {
			continue
		}
		seen[tool] = true
		wg.Go(func() {
			tag := c.lookup(ctx, gh, tool, repo)
			mu.Lock()
			defer mu.Unlock()
			if tag != "" {
				res.Latest[tool] = tag
			} else {
				res.Unverified = append(res.Unverified, tool)
			}
		})
	}
	wg.Wait()
	c.save(ctx)
	return res
}

func (c *Cache) entry(tool string) (Entry, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[tool]
	return e, ok
}

func (c *Cache) lookup(ctx context.Context, gh *github.Client, tool, repo string) string {
	e, have := c.entry(tool)
	ttl := cmp.Or(c.TTL, 6*time.Hour)
	if e.Failed {
		ttl = cmp.Or(c.FailTTL, 10*time.Minute)
	}
	if have && c.now().Sub(e.Checked) < ttl {
		return e.Tag
	}
	if gh == nil {
		return ""
	}
	req, err := gh.NewRequest(http.MethodGet, "repos/"+repo+"/releases/latest", nil)
	if err != nil {
		return ""
	}
	if have && e.ETag != "" {
		req.Header.Set("If-None-Match", e.ETag)
	}
	var rel github.RepositoryRelease
	resp, err := gh.Do(ctx, req, &rel)
	switch {
	case resp != nil && resp.StatusCode == http.StatusNotModified:
		e.Checked, e.Failed = c.now(), false
	case err != nil:
		// Keep what an earlier look-up verified, if anything, and try
		// again after FailTTL rather than on every reply.
		zerolog.Ctx(ctx).Info().Err(err).Str("tool", tool).Msg("latest release not verified")
		e.Checked, e.Failed = c.now(), true
	default:
		e = Entry{Tag: rel.GetTagName(), ETag: resp.Header.Get("ETag"), Checked: c.now()}
	}
	c.mu.Lock()
	if c.entries == nil {
		c.entries = map[string]Entry{}
	}
	c.entries[tool] = e
	c.mu.Unlock()
	return e.Tag
}

// load reads the cache file once; a missing or unreadable file is an empty
// cache (it is only a cache).
func (c *Cache) load() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.loaded || c.Path == "" {
		return
	}
	c.loaded = true
	data, err := os.ReadFile(c.Path)
	if err != nil {
		return
	}
	var entries map[string]Entry
	if json.Unmarshal(data, &entries) == nil {
		c.entries = entries
	}
}

// save writes the cache file through a temporary file, so a reader never
// sees half of it.
func (c *Cache) save(ctx context.Context) {
	if c.Path == "" {
		return
	}
	c.mu.Lock()
	data, err := json.MarshalIndent(c.entries, "", "  ")
	c.mu.Unlock()
	if err == nil {
		err = os.MkdirAll(filepath.Dir(c.Path), 0o700)
	}
	if err == nil || errors.Is(err, fs.ErrExist) {
		tmp := c.Path + ".tmp"
		if err = os.WriteFile(tmp, data, 0o600); err == nil {
			err = os.Rename(tmp, c.Path)
		}
	}
	if err != nil {
		zerolog.Ctx(ctx).Info().Err(err).Str("path", c.Path).Msg("version cache not written")
	}
}
