package handlers

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"strings"

	"github.com/google/go-github/v62/github"
	"gopkg.in/yaml.v3"

	"github.com/pipewright/pipewright/app/dora"
	"github.com/pipewright/pipewright/app/pipelinedoc"
	"github.com/pipewright/pipewright/app/project"
	"github.com/pipewright/pipewright/app/strategy"
	"github.com/pipewright/pipewright/comments"
)

// RepoConfigPath is Pipewright's optional per-repository configuration.
const RepoConfigPath = ".github/pipewright.yml"

// RepoConfig is .github/pipewright.yml.
type RepoConfig struct {
	Path     string   `yaml:"path"`     // pipeline.md, relative to the repository root
	Deciders []string `yaml:"deciders"` // if set, only these logins (with write access) may change sessions
	// DecidersFrom is the branch Deciders was read from: always the
	// default branch (deciders.go), never a pull request's head.
	DecidersFrom string `yaml:"-"`
	// Dora configures the measured DORA baseline (window, environment,
	// source, incident label, on or off).
	Dora dora.Config `yaml:"dora"`
	// communication_language, document_output_language and
	// user_skill_level, each overriding _bmad/bmm/config.yaml's (settings.go).
	Preferences project.Preferences `yaml:",inline"`
}

// docLocation is where a session's pipeline.md is read from and written to.
type docLocation struct {
	Path      string // in the repository
	Owner     string // the repository holding the branch (a fork for fork PRs)
	Repo      string
	Ref       string // branch
	Fork      bool
	CanModify bool // maintainers may push to the fork's branch
}

// contentsReader reads files of one repository at one ref.
func contentsReader(ctx context.Context, gh *github.Client, owner, repo, ref string) project.ReadFunc {
	return func(name string) ([]byte, error) {
		data, _, err := getFile(ctx, gh, owner, repo, name, ref)
		return data, err
	}
}

// getFile returns a file's bytes and blob sha; a missing file wraps fs.ErrNotExist.
func getFile(ctx context.Context, gh *github.Client, owner, repo, path, ref string) ([]byte, string, error) {
	fc, _, resp, err := gh.Repositories.GetContents(ctx, owner, repo, path, &github.RepositoryContentGetOptions{Ref: ref})
	if err != nil {
		if resp != nil && resp.StatusCode == http.StatusNotFound {
			return nil, "", fmt.Errorf("%s@%s: %w", path, ref, fs.ErrNotExist)
		}
		return nil, "", &readFailure{path: path, ref: ref, err: err}
	}
	if fc == nil {
		return nil, "", fmt.Errorf("%s@%s is a directory, not a file", path, ref)
	}
	text, err := fc.GetContent()
	if err != nil {
		return nil, "", fmt.Errorf("decode %s@%s: %w", path, ref, err)
	}
	return []byte(text), fc.GetSHA(), nil
}

// locate finds where the document lives for this comment: the PR's head
// branch on a PR, the default branch on an issue. It also returns a reader
// of that branch with the usual files already on their way (see prefetch).
func (p *Processor) locate(ctx context.Context, gh *github.Client, owner, repo string, number int, isPR bool, defaultBranch string) (docLocation, *RepoConfig, project.ReadFunc, error) {
	loc := docLocation{Owner: owner, Repo: repo, Ref: defaultBranch}
	var trusted project.ReadFunc // the default branch's, for who may decide
	if isPR {
		trusted = prefetch(ctx, gh, owner, repo, defaultBranch, RepoConfigPath)
		pr, _, err := gh.PullRequests.Get(ctx, owner, repo, number)
		if err != nil {
			return loc, nil, nil, fmt.Errorf("read pull request #%d: %w", number, err)
		}
		head := pr.GetHead()
		loc.Ref = head.GetRef()
		if hr := head.GetRepo(); hr != nil && !strings.EqualFold(hr.GetFullName(), owner+"/"+repo) {
			loc.Owner, loc.Repo, loc.Fork = hr.GetOwner().GetLogin(), hr.GetName(), true
			loc.CanModify = pr.GetMaintainerCanModify()
		}
	}
	read := prefetch(ctx, gh, loc.Owner, loc.Repo, loc.Ref, docPaths...)
	if trusted == nil {
		trusted = read // an issue reads the default branch anyway
	}
	cfg, err := readRepoConfig(read, loc.Ref)
	if err != nil {
		return loc, nil, read, err
	}
	if err := trustDeciders(cfg, trusted, defaultBranch); err != nil {
		return loc, nil, read, err
	}
	if cfg.Path != "" {
		loc.Path = cfg.Path
		return loc, cfg, read, checkDocPath(loc.Path, "path", RepoConfigPath, loc.Ref)
	}
	if loc.Path, err = project.DocPath(read); err != nil {
		return loc, cfg, read, err
	}
	return loc, cfg, read, checkDocPath(loc.Path, "planning_artifacts", project.ConfigPath, loc.Ref)
}

// checkDocPath refuses a document path Pipewright must not read or write
// (project.CheckDocPath), naming the setting that gave it and where it was
// read: whoever writes the head branch chooses it.
func checkDocPath(p, setting, file, ref string) error {
	err := project.CheckDocPath(p)
	var pe *project.PathError
	if !errors.As(err, &pe) {
		return err
	}
	return &comments.SettingRefusal{Setting: setting, File: file, Ref: ref, Value: p, Problem: pe.Problem, Err: err}
}

// readRepoConfig reads .github/pipewright.yml from the branch read reads.
func readRepoConfig(read project.ReadFunc, ref string) (*RepoConfig, error) {
	data, err := read(RepoConfigPath)
	if errors.Is(err, fs.ErrNotExist) {
		return &RepoConfig{}, nil
	}
	if err != nil {
		return nil, err
	}
	var cfg RepoConfig
	if err := yaml.Unmarshal(data, &cfg); err != nil {
		return nil, &pipelinedoc.Error{File: RepoConfigPath, Msg: fmt.Sprintf("not valid YAML on branch %s: %v", ref, err)}
	}
	return &cfg, nil
}

// readDoc reads and parses the document for the engine; problems become the
// engine's DocErr so the team sees them in the reply. The team's languages
// and skill level are read with it, so even that reply speaks them.
func (p *Processor) readDoc(ctx context.Context, gh *github.Client, e *commentEvent) (docLocation, *RepoConfig, strategy.Env) {
	loc, cfg, read, env := p.readDocAt(ctx, gh, e)
	if read != nil {
		env.Settings, env.Notices = settingsFor(read, cfg)
	}
	return loc, cfg, env
}

func (p *Processor) readDocAt(ctx context.Context, gh *github.Client, e *commentEvent) (docLocation, *RepoConfig, project.ReadFunc, strategy.Env) {
	loc, cfg, read, err := p.locate(ctx, gh, e.owner(), e.repo(), e.Issue.Number, e.isPR(), e.Repository.DefaultBranch)
	if err != nil {
		return loc, cfg, read, strategy.Env{DocErr: publicDocError(ctx, err, comments.DoingReadPR)}
	}
	data, err := read(loc.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return loc, cfg, read, strategy.Env{DocErr: &pipelinedoc.Error{File: loc.Path, Kind: pipelinedoc.ErrNoDocument, Msg: fmt.Sprintf("not found on branch %s; complete steps 1 to 3 first, or set `path` in %s", comments.Name(loc.Ref), RepoConfigPath)}}
	}
	if err != nil {
		return loc, cfg, read, strategy.Env{DocErr: publicDocError(ctx, err, comments.DoingReadFile)}
	}
	doc, err := pipelinedoc.Parse(loc.Path, data)
	if err != nil {
		return loc, cfg, read, strategy.Env{DocErr: err}
	}
	return loc, cfg, read, strategy.Env{Doc: doc}
}
