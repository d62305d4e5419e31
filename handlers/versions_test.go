package handlers

import (
	"context"
	"net/url"
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
	c := &VersionCache{TTL: time.Hour, FailTTL: time.Minute, Now: func() time.Time { return now }}
	ctx := context.Background()
	step := func(name string, advance time.Duration, want string, wantStatus ...int) {
		t.Helper()
		now = now.Add(advance)
		gh.ResetRequests()
		got := c.For(ctx, client, []string{"unleash", "no-such-tool"})["unleash"]
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
