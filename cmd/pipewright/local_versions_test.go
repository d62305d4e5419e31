package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/ghfake"
)

const versionsDoc = `---
stepsCompleted: [1, 2, 3]
---

# CI/CD Pipeline Architecture

## Pipeline Stages

### Deploy Stage

**Method:** GitOps (pull-based)
**Tool:** Argo CD (v3.1.0)
**Environment Sequence:** dev → staging → production
`

// TestLocalVerifiesVersions: ` + "`pipewright local`" + ` looks tool versions up through
// the GitHub API named by GITHUB_API_URL (here the stand-in), without a
// token when none is set, compares step 3's own version, keeps what it
// found on disk for the next run, and offline says "not verified" once.
func TestLocalVerifiesVersions(t *testing.T) {
	gh := ghfake.New()
	base, stop := gh.Start()
	defer stop()
	releases := map[string]string{"argoproj/argo-cd": "v3.2.1", "argoproj/argo-rollouts": "v1.8.3",
		"Unleash/unleash": "v6.3.0", "Flagsmith/flagsmith": "v2.180.1", "launchdarkly/go-server-sdk": "v7.10.0"}
	for repo, tag := range releases {
		owner, name, _ := strings.Cut(repo, "/")
		gh.AddRepo(owner, name, "master")
		gh.SetLatestRelease(owner, name, tag)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	t.Setenv("GITHUB_API_URL", base)
	t.Setenv("GITHUB_TOKEN", "")
	t.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "cache"))
	t.Setenv("DATABASE_URL", "")
	run := func(doc string, lines ...string) string {
		t.Helper()
		path := filepath.Join(dir, doc)
		if err := os.WriteFile(path, []byte(versionsDoc), 0o600); err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		in := strings.NewReader(strings.Join(lines, "\n") + "\n")
		if err := runLocal(context.Background(), []string{"--doc", path, "--db", filepath.Join(dir, doc+".db")}, in, &out); err != nil {
			t.Fatalf("local: %v\n%s", err, out.String())
		}
		return out.String()
	}

	out := run("a.md", "/start", "/decide canary", "/menu C", "/decide unleash")
	want := "Latest releases verified on GitHub: Argo CD v3.2.1 (step 3 names v3.1.0: a newer release is out); Argo Rollouts v1.8.3."
	if !strings.Contains(out, want) {
		t.Fatalf("reply lacks %q:\n%s", want, out)
	}
	if strings.Contains(out, "LaunchDarkly (latest") || strings.Contains(out, "v7.10.0") {
		t.Errorf("LaunchDarkly is a hosted service, yet its Go SDK's release is shown as its version:\n%s", out)
	}
	if !strings.Contains(out, "Unleash (latest v6.3.0)") {
		t.Errorf("the flags question does not show Unleash's version:\n%s", out)
	}
	// Step 3's tool, the companion, then the flag tools of the question
	// that have versions of their own (not LaunchDarkly, a hosted service):
	// one look-up each, without a token.
	if n := len(gh.Requests()); n != len(releases)-1 {
		t.Errorf("%d requests, want one per versioned tool (%d)", n, len(releases)-1)
	}
	for _, r := range gh.Requests() {
		owner, rest, _ := strings.Cut(strings.TrimPrefix(r.Path, "/repos/"), "/")
		name, _, _ := strings.Cut(rest, "/")
		if releases[owner+"/"+name] == "" || owner == "launchdarkly" || !strings.HasSuffix(r.Path, "/releases/latest") || r.Status != 200 {
			t.Errorf("unexpected request %s %s -> %d", r.Method, r.Path, r.Status)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "cache", "pipewright", "versions.json")); err != nil {
		t.Errorf("no version cache in the user cache directory: %v", err)
	}

	// The next run, within the cache's lifetime, asks GitHub nothing.
	gh.ResetRequests()
	if out := run("b.md", "/start", "/decide canary", "/menu C", "/decide unleash"); !strings.Contains(out, want) {
		t.Errorf("second run lacks %q:\n%s", want, out)
	}
	if n := len(gh.Requests()); n != 0 {
		t.Errorf("second run made %d requests, want none", n)
	}

	// Offline (GitHub unreachable): said once, not on every line.
	t.Setenv("XDG_CACHE_HOME", filepath.Join(dir, "cache-offline"))
	stop()
	out = run("c.md", "/start", "/decide canary", "/menu C", "/decide unleash")
	for _, tool := range []string{"Argo CD", "Argo Rollouts", "Unleash"} {
		n := 0
		for _, line := range strings.Split(out, "\n") {
			if strings.HasPrefix(line, "🔎 Not verified on GitHub") && strings.Contains(line, tool) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("offline, %s is said to be not verified %d times in the run, want once:\n%s", tool, n, out)
		}
	}
	if strings.Contains(out, "version not verified") {
		t.Errorf("a line of the flags table says it is not verified:\n%s", out)
	}
}
