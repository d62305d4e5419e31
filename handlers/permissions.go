package handlers

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/google/go-github/v62/github"

	"github.com/pipewright/pipewright/comments"
)

// DefaultPermissionTTL is how long a permission look-up is trusted: long
// enough to cover a team's burst of decisions (so a /decide costs one round
// trip, the reply), short enough that a revoked collaborator loses the
// ability to decide within minutes.
const DefaultPermissionTTL = 5 * time.Minute

// PermissionCache remembers repository permissions briefly: a session's
// commands come in bursts from the same people, and each look-up is a
// GitHub round trip before the reply.
type PermissionCache struct {
	TTL time.Duration
	Now func() time.Time

	mu      sync.Mutex
	entries map[string]permEntry
}

type permEntry struct {
	level   string
	expires time.Time
}

func (c *PermissionCache) now() time.Time {
	if c.Now != nil {
		return c.Now()
	}
	return time.Now()
}

// Level returns "admin", "maintain", "write", "triage", "read" or "none".
func (c *PermissionCache) Level(ctx context.Context, gh *github.Client, owner, repo, login string) (string, error) {
	key := strings.ToLower(owner + "/" + repo + "@" + login)
	c.mu.Lock()
	if e, ok := c.entries[key]; ok && c.now().Before(e.expires) {
		c.mu.Unlock()
		return e.level, nil
	}
	c.mu.Unlock()
	perm, resp, err := gh.Repositories.GetPermissionLevel(ctx, owner, repo, login)
	if err != nil {
		if resp != nil && resp.StatusCode == http.StatusNotFound {
			return "none", nil
		}
		return "", fmt.Errorf("permission of %s on %s/%s: %w", login, owner, repo, err)
	}
	// GitHub reports maintain as "write" here; both may change sessions.
	level := perm.GetPermission()
	ttl := c.TTL
	if ttl == 0 {
		ttl = DefaultPermissionTTL
	}
	c.mu.Lock()
	if c.entries == nil {
		c.entries = map[string]permEntry{}
	}
	c.entries[key] = permEntry{level: level, expires: c.now().Add(ttl)}
	c.mu.Unlock()
	return level, nil
}

// mayChange says whether the sender may run the session-changing commands
// among cmds: write, maintain or admin on the repository. Read-only
// commands need no look-up at all.
func (p *Processor) mayChange(ctx context.Context, gh *github.Client, e *commentEvent, cmds []comments.Command) (bool, error) {
	if !changesSession(cmds) {
		return true, nil
	}
	return p.canWrite(ctx, gh, e)
}

// canWrite says whether the sender has write, maintain or admin on the
// repository.
func (p *Processor) canWrite(ctx context.Context, gh *github.Client, e *commentEvent) (bool, error) {
	level, err := p.Perms.Level(ctx, gh, e.owner(), e.repo(), e.Sender.Login)
	if err != nil {
		return false, err
	}
	switch level {
	case "admin", "maintain", "write":
		return true, nil
	}
	return false, nil
}
