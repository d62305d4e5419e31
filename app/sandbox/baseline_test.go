package sandbox

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/delivery"
	"github.com/pipewright/pipewright/app/project"
)

// playTo plays DemoScript's first steps on the demo pull request and
// returns the replies.
func playTo(t *testing.T, ctx context.Context, sb *Sandbox, number, steps int) []string {
	t.Helper()
	var out []string
	for _, step := range DemoScript[:steps] {
		before := len(sb.GitHub.Comments(DemoOwner, DemoRepo, number))
		status, _, err := sb.Send(ctx, delivery.Comment{Owner: DemoOwner, Repo: DemoRepo, Branch: "main", Number: number,
			PullRequest: true, Body: step.Body, Author: step.User})
		if err != nil || status/100 != 2 {
			t.Fatalf("send %q: %d %v", step.Body, status, err)
		}
		if err := sb.WaitIdle(ctx); err != nil {
			t.Fatal(err)
		}
		for _, c := range sb.GitHub.Comments(DemoOwner, DemoRepo, number)[before:] {
			out = append(out, c.Body)
		}
	}
	return out
}

// The demo's history: when the targets come up, the reply measures and
// shows the baseline beside DORA's tiers, with read requests only; the
// saved Target Profile carries it under each target.
func TestBaselineBesideTargetsAndSaved(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	sb, err := Start(ctx, Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	repo, number := sb.SeedDemo()

	replies := playTo(t, ctx, sb, number, 8) // up to /skip: the targets are asked
	before := len(sb.GitHub.Requests())
	targets := replies[len(replies)-1]
	for _, want := range []string{"Where you stand today (measured)", "deployments to `production`", "merged pull requests",
		"1 revert", "1 `incident` issue", "| Deployment Frequency | 2", "deployments a week | High |", "| Change Failure Rate | ", "% (2 of "} {
		if !strings.Contains(targets, want) {
			t.Errorf("targets reply lacks %q:\n%s", want, targets)
		}
	}
	if i, j := strings.Index(targets, "Where you stand today"), strings.Index(targets, "| Metric | Elite |"); i < 0 || j < i {
		t.Errorf("the baseline should come just before DORA's tiers:\n%s", targets)
	}

	rest := playTo(t, ctx, sb, number, len(DemoScript))[8:]
	for _, r := range sb.GitHub.Requests()[before:] {
		if r.Method == "GET" && (strings.Contains(r.Path, "/deployments") || strings.Contains(r.Path, "/compare/")) {
			t.Errorf("%s %s: the baseline is measured once per session, not again for later replies", r.Method, r.Path)
		}
	}
	if strings.Contains(strings.Join(rest, "\n"), "Where you stand today") {
		t.Error("replies after the targets repeat the baseline")
	}
	doc, _ := repo.File(DemoBranch, project.DefaultDocPath)
	for _, want := range []string{"  - _Baseline (measured ", " from deployments to `production`):_ ", "(DORA High)"} {
		if !strings.Contains(string(doc), want) {
			t.Errorf("saved section lacks %q", want)
		}
	}
}

// An installation whose owner has not approved deployments: read: the
// reply says so and counts releases instead; nothing fails.
func TestBaselineWithoutDeploymentsPermission(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	sb, err := Start(ctx, Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	_, number := sb.SeedDemo()
	sb.GitHub.SetInstallationPermissions(sb.Installation, map[string]string{
		"contents": "write", "issues": "write", "pull_requests": "write", "metadata": "read"})
	replies := playTo(t, ctx, sb, number, 8)
	targets := replies[len(replies)-1]
	for _, want := range []string{"this installation has not granted `deployments: read`", "no deployments or releases",
		"no deployment data: set `dora.source`", "| Metric | Elite |"} {
		if !strings.Contains(targets, want) {
			t.Errorf("targets reply lacks %q:\n%s", want, targets)
		}
	}
}
