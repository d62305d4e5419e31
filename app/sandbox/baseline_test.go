package sandbox

import (
	"context"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/delivery"
	"github.com/pipewright/pipewright/app/project"
	"github.com/pipewright/pipewright/app/service"
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

// The demo's history: when the session reaches the targets, the reply
// measures and shows the baseline just before them, with read requests
// only, once; the saved Target Profile carries it under each target.
func TestBaselineBesideTargetsAndSaved(t *testing.T) {
	ctx, sb, number := startDemo(t, service.Options{})
	repo := sb.GitHub.Repo(DemoOwner, DemoRepo)

	replies := playTo(t, ctx, sb, number, len(DemoScript))
	var shown []string
	for _, r := range replies {
		if strings.Contains(r, "Where you stand today (measured)") {
			shown = append(shown, r)
		}
	}
	if len(shown) != 1 {
		t.Fatalf("the baseline was shown in %d replies, want once (when the targets are set)", len(shown))
	}
	targets := shown[0]
	for _, want := range []string{"deployments to `production`", "merged pull requests", "1 revert", "1 `incident` issue",
		"| Deployment Frequency | 2", "deployments a week | High |", "| Change Failure Rate | ", "% (2 of "} {
		if !strings.Contains(targets, want) {
			t.Errorf("targets reply lacks %q:\n%s", want, targets)
		}
	}
	if i, j := strings.Index(targets, "Where you stand today"), strings.Index(targets, "Target recorded"); j >= 0 && j < i {
		t.Errorf("the baseline should come before the targets it stands beside:\n%s", targets)
	}
	measuring := 0
	for _, r := range sb.GitHub.Requests() {
		if strings.Contains(r.Path, "/deployments") || strings.Contains(r.Path, "/compare/") {
			measuring++
			if r.Method != "GET" || r.ContentCreating {
				t.Errorf("%s %s: measuring only reads", r.Method, r.Path)
			}
		}
	}
	if measuring == 0 || measuring > 40 {
		t.Errorf("%d deployment and compare requests, want one bounded measurement", measuring)
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
	ctx, sb, number := startDemo(t, service.Options{})
	sb.GitHub.SetInstallationPermissions(sb.Installation, map[string]string{
		"contents": "write", "issues": "write", "pull_requests": "write", "metadata": "read"})
	replies := playTo(t, ctx, sb, number, len(DemoScript)-1)
	targets := replies[len(replies)-1]
	for _, want := range []string{"this installation has not granted `deployments: read`", "no deployments or releases",
		"no deployment data: set `dora.source`"} {
		if !strings.Contains(targets, want) {
			t.Errorf("targets reply lacks %q:\n%s", want, targets)
		}
	}
}
