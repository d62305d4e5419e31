package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/project"
	"github.com/pipewright/pipewright/app/sandbox"
)

// upToTargets are the terminal lines that bring a session to the targets.
const upToTargets = "/start\n/decide canary\n/decide unleash\n/decide expand-contract\n/decide automated\n/decide required\n/skip\n/target frequency elite\n"

// localProject is a folder holding pipeline.md where BMAD writes it.
func localProject(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	doc := filepath.Join(root, filepath.FromSlash(project.DefaultDocPath))
	if err := os.MkdirAll(filepath.Dir(doc), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(doc, sandbox.ExamplePipeline(), 0o644); err != nil {
		t.Fatal(err)
	}
	return root
}

func runIn(t *testing.T, root string, args ...string) string {
	t.Helper()
	t.Chdir(root)
	var out bytes.Buffer
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := runLocal(ctx, append([]string{"--db", filepath.Join(t.TempDir(), "s.db")}, args...), strings.NewReader(upToTargets), &out); err != nil {
		t.Fatalf("pipewright local: %v\n%s", err, out.String())
	}
	return out.String()
}

// With GITHUB_TOKEN and --repo, pipewright local measures through the
// GitHub API (GITHUB_API_URL points it at the stand-in).
func TestLocalBaselineThroughGitHub(t *testing.T) {
	gh := ghfake.New()
	base, stop := gh.Start()
	defer stop()
	repo := gh.AddRepo("acme", "shop", "main")
	sandbox.SeedDeliveryHistory(repo, time.Now())
	t.Setenv("GITHUB_TOKEN", gh.IssueToken(1))
	t.Setenv("GITHUB_API_URL", base)
	out := runIn(t, localProject(t), "--repo", "acme/shop")
	for _, want := range []string{"Where you stand today (measured)", "deployments to `production`", "1 `incident` issue"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	measuring := 0
	for _, r := range gh.Requests() {
		if !strings.HasSuffix(r.Path, "/releases/latest") { // tool versions are looked up too
			measuring++
		}
	}
	if measuring == 0 || measuring > 40 {
		t.Errorf("%d requests to measure the baseline, want 1 to 40", measuring)
	}
}

// Without a token it measures the local git history, and says so.
func TestLocalBaselineFromGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	t.Setenv("GITHUB_TOKEN", "")
	root := localProject(t)
	git := func(at time.Time, args ...string) {
		cmd := exec.Command("git", append([]string{"-C", root}, args...)...)
		s := at.Format(time.RFC3339)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_DATE="+s, "GIT_COMMITTER_DATE="+s, "GIT_AUTHOR_NAME=d", "GIT_AUTHOR_EMAIL=d@x", "GIT_COMMITTER_NAME=d", "GIT_COMMITTER_EMAIL=d@x")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	now := time.Now()
	git(now, "init", "-q", "-b", "main")
	git(now, "add", ".")
	git(now.AddDate(0, 0, -10), "commit", "-q", "-m", "Pipeline architecture")
	git(now.AddDate(0, 0, -9), "tag", "-a", "-m", "r", "v1.0.0")
	out := runIn(t, root)
	for _, want := range []string{"Where you stand today (measured)", "Measured from the local git history", "1 git tag"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}
