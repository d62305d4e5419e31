package gitsource_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/dora"
	"github.com/pipewright/pipewright/app/dora/gitsource"
)

type repo struct {
	t   *testing.T
	dir string
}

func (r repo) git(at time.Time, args ...string) {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-C", r.dir}, args...)...)
	stamp := at.Format(time.RFC3339)
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+stamp, "GIT_COMMITTER_DATE="+stamp,
		"GIT_AUTHOR_NAME=dev", "GIT_AUTHOR_EMAIL=dev@example.com", "GIT_COMMITTER_NAME=dev", "GIT_COMMITTER_EMAIL=dev@example.com")
	if out, err := cmd.CombinedOutput(); err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
}

func (r repo) commit(msg string, at time.Time) {
	r.t.Helper()
	if err := os.WriteFile(filepath.Join(r.dir, "f.txt"), []byte(msg+at.String()), 0o644); err != nil {
		r.t.Fatal(err)
	}
	r.git(at, "add", "f.txt")
	r.git(at, "commit", "-q", "-m", msg)
}

// d is an hour of a day in September 2026, the month the tests measure.
func d(day, hour int) time.Time { return time.Date(2026, 9, day, hour, 0, 0, 0, time.UTC) }

func needGit(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
}

// newRepo is a repository on main with one commit and a lightweight tag
// v0.9.0 (dated by its commit) from before the window.
func newRepo(t *testing.T) repo {
	t.Helper()
	needGit(t)
	r := repo{t, t.TempDir()}
	r.git(d(1, 0), "init", "-q", "-b", "main")
	r.commit("Zero", time.Date(2026, 8, 20, 9, 0, 0, 0, time.UTC))
	r.git(time.Date(2026, 8, 20, 12, 0, 0, 0, time.UTC), "tag", "v0.9.0")
	return r
}

func TestReadLocalHistory(t *testing.T) {
	r := newRepo(t)
	r.commit("One", d(2, 9))
	r.commit("Two", d(3, 9))
	r.git(d(3, 15), "tag", "-a", "-m", "release", "v1.0.0") // annotated, 6 h and 30 h after its changes
	r.commit("Three", d(5, 9))
	r.git(d(5, 10), "tag", "v1.1.0-rc.1") // a pre-release: not a deployment
	r.commit(`Revert "Three"`, d(6, 9))
	r.git(d(6, 11), "tag", "-a", "-m", "release", "v1.1.0") // 26 h and 2 h after its changes

	w := dora.Window{From: d(1, 0), To: d(30, 0)}
	in, err := gitsource.Read(context.Background(), r.dir, w)
	if err != nil {
		t.Fatal(err)
	}
	b := dora.Measure(in, w.To)
	if b.Source != dora.SourceTags || len(b.Notes) != 1 || b.Notes[0].Key != "git-history" {
		t.Errorf("source %q notes %+v, want tags and the git-history note", b.Source, b.Notes)
	}
	if b.Counts.Deployments != 2 || b.Counts.Changes != 4 || b.Counts.Reverts != 1 {
		t.Errorf("counts = %+v, want 2 releases (no pre-release), 4 changes, 1 revert", b.Counts)
	}
	// Leads 2h, 6h, 26h, 30h: median 16h, p90 30h.
	if f, _ := b.Figure(dora.LeadTime); f.Median != 16*time.Hour || f.P90 != 30*time.Hour || f.Samples != 4 {
		t.Errorf("lead time = %+v, want median 16h, p90 30h from 4", f)
	}
}

func TestReadNotARepository(t *testing.T) {
	needGit(t)
	_, err := gitsource.Read(context.Background(), t.TempDir(), dora.Window{From: time.Now().AddDate(0, 0, -90), To: time.Now()})
	if err == nil {
		t.Error("a folder that is not a git repository should say so")
	}
}

// Lead time from first commit reads each commit's author date (not the
// committer's: a rebase rewrites that) and the parents that tell a merged
// branch's commits from the line it landed on.
func TestReadFirstCommits(t *testing.T) {
	r := newRepo(t)
	r.git(d(2, 0), "checkout", "-q", "-b", "feature")
	r.commit("A1", d(2, 9))
	amend := exec.Command("git", "-C", r.dir, "commit", "-q", "--amend", "--no-edit", "--date="+d(2, 9).Format(time.RFC3339))
	amend.Env = append(os.Environ(), "GIT_COMMITTER_DATE="+d(3, 20).Format(time.RFC3339)) // committed again later, authored d(2, 9)
	if out, err := amend.CombinedOutput(); err != nil {
		t.Fatalf("amend: %v\n%s", err, out)
	}
	r.commit("A2", d(3, 9))
	r.git(d(3, 10), "checkout", "-q", "main")
	if err := os.WriteFile(filepath.Join(r.dir, "g.txt"), []byte("push"), 0o644); err != nil {
		t.Fatal(err)
	}
	r.git(d(4, 0), "add", "g.txt")
	r.git(d(4, 0), "commit", "-q", "-m", "Push")
	r.git(d(4, 9), "merge", "-q", "--no-ff", "-m", "Merge feature", "feature")
	if err := os.WriteFile(filepath.Join(r.dir, "g.txt"), []byte("fix"), 0o644); err != nil {
		t.Fatal(err)
	}
	r.git(d(4, 10), "commit", "-q", "-a", "-m", "Fix")
	r.git(d(4, 12), "tag", "-a", "-m", "release", "v1.0.0")

	w := dora.Window{From: d(1, 0), To: d(30, 0)}
	in, err := gitsource.Read(context.Background(), r.dir, w)
	if err != nil {
		t.Fatal(err)
	}
	// Push 12 h; the merge's first commit is A1, authored 51 h before; Fix 2 h.
	b := dora.Measure(in, w.To)
	f, _ := b.Figure(dora.LeadTime)
	if l := f.FromCommit; l == nil || l.Median != 12*time.Hour || l.P90 != 51*time.Hour || l.Samples != 3 {
		t.Errorf("from first commit = %+v, want median 12h, p90 51h from 3 changes", l)
	}
}
