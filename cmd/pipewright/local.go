package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"time"

	"github.com/pipewright/pipewright/app/localrun"
	"github.com/pipewright/pipewright/app/project"
	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/comments"
)

func runLocal(ctx context.Context, args []string, in io.Reader, out io.Writer) error {
	fl := flag.NewFlagSet("local", flag.ContinueOnError)
	docFlag := fl.String("doc", "", "path of pipeline.md (default: from _bmad/bmm/config.yaml, else _bmad-output/planning-artifacts/pipeline.md)")
	dbFlag := fl.String("db", "", "session store: a SQLite file or postgres:// URL (default: $DATABASE_URL, else pipewright.db in the user's data directory)")
	var prefs project.Preferences
	fl.StringVar(&prefs.Comm, "lang", "", "language of the replies (default: communication_language from _bmad/bmm/config.yaml, else English)")
	fl.StringVar(&prefs.Doc, "doc-lang", "", "language of the saved section (default: document_output_language from _bmad/bmm/config.yaml, else English)")
	repoFlag := fl.String("repo", "", "owner/name on GitHub, for the DORA baseline with GITHUB_TOKEN (default: the origin remote)")
	fl.StringVar(&prefs.Skill, "skill", "", "beginner, intermediate or expert (default: user_skill_level from _bmad/bmm/config.yaml, else intermediate)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	root, _ := os.Getwd()
	settings, notices, err := localrun.LoadSettings(root, prefs)
	if err != nil {
		return err
	}
	docPath := *docFlag
	if docPath == "" {
		p, err := project.DocPath(func(name string) ([]byte, error) { return localrun.ReadProjectFile(root, name) })
		if err != nil {
			return err
		}
		docPath = p
	}
	abs, err := filepath.Abs(docPath)
	if err != nil {
		return fmt.Errorf("resolve %s: %w", docPath, err)
	}
	dsn, err := localDSN(*dbFlag)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return fmt.Errorf("open session store %s: %w", dsn, err)
	}
	defer st.Close()
	r := &localrun.Runner{
		Store: st, NotFound: store.ErrNotFound,
		Doc:      &localrun.DocFile{Path: abs, Display: docPath, Root: localrun.ProjectRoot(root)},
		Actor:    localUser(),
		Out:      out,
		Render:   comments.English(),
		Now:      time.Now,
		Settings: settings,
		Notices:  notices,
		Log:      os.Stderr,
		Versions: localVersions(),
		Baseline: localBaseline{root: root, repo: *repoFlag, now: time.Now}.measure,
	}
	return r.Run(ctx, in)
}

// localDSN picks the session store: the flag, $DATABASE_URL, else a SQLite
// file in the user's data directory, so sessions survive between runs.
func localDSN(flagValue string) (string, error) {
	if flagValue != "" {
		return flagValue, nil
	}
	if v := os.Getenv("DATABASE_URL"); v != "" {
		return v, nil
	}
	dir := os.Getenv("XDG_DATA_HOME")
	if dir == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("find a place for the session store (set --db): %w", err)
		}
		dir = filepath.Join(home, ".local", "share")
	}
	dir = filepath.Join(dir, "pipewright")
	if err := os.MkdirAll(dir, 0o700); err != nil && !errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("create %s: %w", dir, err)
	}
	return filepath.Join(dir, "pipewright.db"), nil
}

func localUser() string {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username
	}
	if v := os.Getenv("USER"); v != "" {
		return v
	}
	return "you"
}
