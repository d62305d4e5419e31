package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/google/go-github/v62/github"
	"gopkg.in/yaml.v3"

	"github.com/pipewright/pipewright/app/dora"
	"github.com/pipewright/pipewright/app/dora/ghsource"
	"github.com/pipewright/pipewright/app/dora/gitsource"
	"github.com/pipewright/pipewright/app/strategy"
)

// localBaseline measures the DORA baseline for pipewright local: through
// the GitHub API when GITHUB_TOKEN is set and the repository is known
// (--repo, else the origin remote), else, or when GitHub cannot be
// reached, from the git history under root.
type localBaseline struct {
	root, repo string
	now        func() time.Time
}

func (l localBaseline) measure(ctx context.Context, s strategy.Session) (dora.Baseline, bool) {
	cfg := l.config()
	if !cfg.Enabled() {
		return dora.Baseline{}, false
	}
	now := l.now().UTC()
	opts := ghsource.OptionsFor(cfg, s.Stage3.Environments, now)
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if gh, owner, name, ok := l.client(ctx); ok {
		in := ghsource.Read(ctx, gh, owner, name, opts)
		if !unreachable(in) {
			return dora.Measure(in, now), true
		}
	}
	in, err := gitsource.Read(ctx, l.root, opts.Window)
	if err != nil {
		return dora.Baseline{}, false // not a git repository either: nothing to measure from
	}
	return dora.Measure(in, now), true
}

// unreachable: GitHub answered nothing at all (offline, wrong URL).
func unreachable(in dora.Input) bool {
	return in.Source == dora.SourceNone && slices.ContainsFunc(in.Notes, func(n dora.Note) bool { return n.Key == "read-failed" })
}

// client is a GitHub client for the repository, when there is a token.
func (l localBaseline) client(ctx context.Context) (*github.Client, string, string, bool) {
	repo := l.repo
	if repo == "" {
		repo = gitsource.OriginRepo(ctx, l.root)
	}
	owner, name, ok := strings.Cut(repo, "/")
	if os.Getenv("GITHUB_TOKEN") == "" || !ok || owner == "" || name == "" {
		return nil, "", "", false
	}
	gh, ok := envGitHub(nil)
	if !ok {
		return nil, "", "", false
	}
	return gh, owner, name, true
}

// config is the dora: block of .github/pipewright.yml under root, if any.
func (l localBaseline) config() dora.Config {
	var f struct {
		Dora dora.Config `yaml:"dora"`
	}
	data, err := os.ReadFile(filepath.Join(l.root, ".github", "pipewright.yml"))
	if err == nil {
		_ = yaml.Unmarshal(data, &f) // a broken file is reported where it matters; here it means defaults
	}
	return f.Dora
}
