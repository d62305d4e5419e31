package versions

import (
	"context"
	"maps"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-github/v62/github"

	"github.com/pipewright/pipewright/app/ghfake"
)

func TestVersionCache(t *testing.T) {
	gh := ghfake.New()
	base, stop := gh.Start()
	defer stop()
	gh.AddRepo("Unleash", "unleash", "main")
	gh.SetLatestRelease("Unleash", "unleash", "v6.0.0")
	client := github.NewClient(nil).WithAuthToken(gh.IssueToken(1))
	client.BaseURL, _ = url.Parse(base)

	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	c := &Cache{TTL: time.Hour, FailTTL: time.Minute, Now: func() time.Time { return now }}
	ctx := context.Background()
	step := func(name string, advance time.Duration, want string, wantStatus ...int) {
		t.Helper()
		now = now.Add(advance)
		gh.ResetRequests()
		got := c.For(ctx, client, []string{"unleash", "no-such-tool"}).Latest["unleash"]
		if got != want {
			t.Errorf("%s: version %q, want %q", name, got, want)
		}
		recs := gh.Requests()
		if len(recs) != len(wantStatus) {
			t.Fatalf("%s: %d requests, want %d", name, len(recs), len(wantStatus))
		}
		for i, r := range recs {
			if r.Status != wantStatus[i] {
				t.Errorf("%s: request %d answered %d, want %d", name, i+1, r.Status, wantStatus[i])
			}
		}
	}
	step("first look-up", 0, "v6.0.0", 200)
	step("cached", 30*time.Minute, "v6.0.0")
	step("revalidated, unchanged", 31*time.Minute, "v6.0.0", 304)
	gh.SetLatestRelease("Unleash", "unleash", "v6.1.0")
	step("cached, though a new release is out", 59*time.Minute, "v6.0.0")
	step("revalidated, new release", 2*time.Minute, "v6.1.0", 200)
	gh.InjectFault(ghfake.Fault{Method: "GET", PathPattern: "/releases/latest$", Status: 502})
	step("look-up fails: the verified tag stays", 2*time.Hour, "v6.1.0", 502)
	step("failure remembered", 30*time.Second, "v6.1.0")
	gh.ClearFaults()
	step("tried again after FailTTL", time.Minute, "v6.1.0", 304)
	gh.SetLatestRelease("Unleash", "unleash", "")
	step("no release any more", 2*time.Hour, "v6.1.0", 404)
}

// TestCacheOnDisk: `pipewright local` keeps its look-ups between runs: a
// second run within the TTL asks GitHub nothing, unauthenticated reads of
// public repositories work, and a failed look-up is reported as unverified
// and remembered on disk too.
func TestCacheOnDisk(t *testing.T) {
	gh := ghfake.New()
	base, stop := gh.Start()
	defer stop()
	for repo, tag := range map[string]string{"argoproj/argo-cd": "v3.2.1", "argoproj/argo-rollouts": "v1.8.3"} {
		owner, name, _ := strings.Cut(repo, "/")
		gh.AddRepo(owner, name, "master")
		gh.SetLatestRelease(owner, name, tag)
	}
	client := github.NewClient(nil) // no token: as a local run without GITHUB_TOKEN
	client.BaseURL, _ = url.Parse(base)
	path := filepath.Join(t.TempDir(), "pipewright", "versions.json")
	ctx := context.Background()
	tools := []string{"argo-cd", "argo-rollouts", "flyway"}

	first := (&Cache{Path: path}).For(ctx, client, tools)
	if first.Latest["argo-cd"] != "v3.2.1" || first.Latest["argo-rollouts"] != "v1.8.3" {
		t.Fatalf("first run found %v", first.Latest)
	}
	if !slices.Equal(first.Unverified, []string{"flyway"}) {
		t.Errorf("unverified %v, want flyway (no such repository here)", first.Unverified)
	}
	if n := len(gh.Requests()); n != 3 {
		t.Errorf("first run made %d requests, want 3", n)
	}

	gh.ResetRequests()
	second := (&Cache{Path: path}).For(ctx, client, tools)
	if n := len(gh.Requests()); n != 0 {
		t.Errorf("a second run within the TTL made %d requests, want none: %+v", n, gh.Requests())
	}
	if !maps.Equal(second.Latest, first.Latest) || !slices.Equal(second.Unverified, first.Unverified) {
		t.Errorf("second run found %v %v, want %v %v", second.Latest, second.Unverified, first.Latest, first.Unverified)
	}
}
