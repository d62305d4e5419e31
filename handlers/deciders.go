package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/google/go-github/v62/github"
	"github.com/rs/zerolog"

	"github.com/pipewright/pipewright/app/pipelinedoc"
	"github.com/pipewright/pipewright/app/project"
)

// Who may decide is a trust decision, so it is read the way GitHub reads
// CODEOWNERS: from the repository's default branch, which only people
// trusted to merge can change. A pull request's head is its author's: read
// from there, a writer who is not a decider could delete the list on their
// branch and decide, and a fork author could name only themselves and lock
// the maintainers out of their own thread. The document and the team's
// other settings are still read from the head, where the work is.

// trustDeciders replaces cfg's deciders with those of .github/pipewright.yml
// on the default branch, read by read. A missing file means no list; a
// file that cannot be read or parsed fails the read, so a list is never
// dropped by an error.
func trustDeciders(cfg *RepoConfig, read project.ReadFunc, defaultBranch string) error {
	base, err := readRepoConfig(read, defaultBranch)
	if err != nil {
		return err
	}
	cfg.Deciders, cfg.DecidersFrom = base.Deciders, defaultBranch
	return nil
}

// isDecider applies the deciders list: empty lets anyone with write access.
func isDecider(deciders []string, login string) bool {
	if len(deciders) == 0 {
		return true
	}
	for _, d := range deciders {
		if strings.EqualFold(strings.TrimPrefix(strings.TrimSpace(d), "@"), login) {
			return true
		}
	}
	return false
}

// trustLegacyDeciders replaces the deciders of a session started before the
// rule above with the default branch's.
func (p *Processor) trustLegacyDeciders(ctx context.Context, gh *github.Client, e *commentEvent, rec *sessionRecord) error {
	branch := e.Repository.DefaultBranch
	cfg := &RepoConfig{}
	err := trustDeciders(cfg, contentsReader(ctx, gh, e.owner(), e.repo(), branch), branch)
	var bad *pipelinedoc.Error
	if errors.As(err, &bad) {
		// A broken file will not mend on retry; /start reports it.
		zerolog.Ctx(ctx).Warn().Err(err).Msg("deciders of a session kept: the default branch's configuration does not read")
		return nil
	}
	if err != nil {
		return fmt.Errorf("read the deciders on %s: %w", branch, err)
	}
	rec.Deciders, rec.DecidersFrom = cfg.Deciders, cfg.DecidersFrom
	return nil
}
