package ghsource_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-github/v62/github"

	"github.com/pipewright/pipewright/app/dora"
	"github.com/pipewright/pipewright/app/dora/ghsource"
	"github.com/pipewright/pipewright/app/ghfake"
)

func day(d, h, m int) time.Time { return time.Date(2026, 9, d, h, m, 0, 0, time.UTC) }

var window = dora.Window{From: day(1, 0, 0), To: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)}

type env struct {
	s    *ghfake.Server
	repo *ghfake.Repo
	base string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	s := ghfake.New()
	base, stop := s.Start()
	t.Cleanup(stop)
	return &env{s: s, repo: s.AddRepo("acme", "shop", "main"), base: base}
}

// client mints a token from installation 1 as it stands now.
func (e *env) client(t testing.TB) *github.Client { return e.clientVia(t, nil) }

// clientVia is client sending through rt (nil: the default transport).
func (e *env) clientVia(t testing.TB, rt http.RoundTripper) *github.Client {
	t.Helper()
	u, err := url.Parse(e.base)
	if err != nil {
		t.Fatal(err)
	}
	gh := github.NewClient(&http.Client{Transport: rt}).WithAuthToken(e.s.IssueToken(1))
	gh.BaseURL = u
	return gh
}

func ok(at time.Time) []ghfake.DeploymentStatusSpec {
	return []ghfake.DeploymentStatusSpec{{State: "in_progress", At: at.Add(-time.Minute)}, {State: "success", At: at}}
}

// seedTeam writes the history of docs/dora-baseline.md's worked example:
// seven production attempts in September, one failed status, an incident
// with a rollback and a revert, a pending deployment and one to staging.
func (e *env) seedTeam(t *testing.T) {
	r := e.repo
	merge := func(title string, at time.Time) string { _, sha := r.MergePull(title, "", "dev", at); return sha }
	sha0 := merge("Zero", time.Date(2026, 8, 29, 9, 0, 0, 0, time.UTC))
	r.AddDeployment(ghfake.DeploymentSpec{SHA: sha0, Created: time.Date(2026, 8, 30, 10, 0, 0, 0, time.UTC), Statuses: ok(time.Date(2026, 8, 30, 10, 0, 0, 0, time.UTC))})
	sha1 := merge("One", day(10, 9, 0))
	r.AddDeployment(ghfake.DeploymentSpec{SHA: sha1, Created: day(10, 11, 50), Statuses: ok(day(10, 12, 0))}) // D1: lead 3h
	merge("Two", day(11, 8, 0))                                                                               // lead 26h
	sha3 := merge("Three", day(11, 10, 0))                                                                    // lead 24h
	r.AddDeployment(ghfake.DeploymentSpec{SHA: sha3, Environment: "staging", Created: day(11, 11, 0), Statuses: ok(day(11, 11, 0))})
	r.AddDeployment(ghfake.DeploymentSpec{SHA: sha3, Created: day(12, 9, 50), Statuses: ok(day(12, 10, 0))}) // D2
	sha4 := merge("Four", day(15, 9, 0))
	r.AddDeployment(ghfake.DeploymentSpec{SHA: sha4, Created: day(15, 10, 0), Statuses: []ghfake.DeploymentStatusSpec{
		{State: "in_progress", At: day(15, 10, 1)}, {State: "failure", At: day(15, 10, 5)}}}) // D3 failed
	sha5 := merge("Fix four", day(15, 10, 30))
	r.AddDeployment(ghfake.DeploymentSpec{SHA: sha5, Created: day(15, 11, 0), Statuses: ok(day(15, 11, 5))}) // D4: leads 2h05, 35m
	sha6 := merge("Six", day(19, 10, 0))
	r.AddDeployment(ghfake.DeploymentSpec{SHA: sha6, Created: day(20, 9, 55), Statuses: ok(day(20, 10, 0))}) // D5: lead 24h
	r.OpenIssue("Checkout down", []string{"incident", "sev1"}, day(20, 11, 0), day(20, 15, 0))
	r.OpenIssue("Not an incident", []string{"bug"}, day(20, 11, 30), time.Time{})
	_, _ = r.MergePull(`Revert "Six"`, "Reverts acme/shop#7", "dev", day(20, 12, 0))
	sha7 := r.Head("main")
	r.AddDeployment(ghfake.DeploymentSpec{SHA: sha5, Created: day(21, 9, 55), Statuses: ok(day(21, 10, 0))}) // D6: back to sha5
	r.AddDeployment(ghfake.DeploymentSpec{SHA: sha7, Created: day(22, 9, 55), Statuses: ok(day(22, 10, 0))}) // D7: lead 46h
	r.AddDeployment(ghfake.DeploymentSpec{SHA: sha7, Created: day(25, 9, 0)})                                // D8: no outcome yet
}

func TestReadTeamHistory(t *testing.T) {
	e := newEnv(t)
	e.seedTeam(t)
	in := ghsource.Read(context.Background(), e.client(t), "acme", "shop", ghsource.Options{Window: window})
	b := dora.Measure(in, window.To)

	if in.Source != dora.SourceDeployments || len(in.Notes) != 0 {
		t.Fatalf("source %q notes %+v, want deployments and nothing to say", in.Source, in.Notes)
	}
	want := dora.Counts{Deployments: 7, Failed: 2, Rollbacks: 1, Changes: 7, Reverts: 1, Incidents: 1, IncidentLabel: "incident"}
	if b.Counts != want {
		t.Errorf("counts = %+v, want %+v", b.Counts, want)
	}
	check := func(m dora.Metric, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s: got %v, want %v", m, got, want)
		}
	}
	f, _ := b.Figure(dora.Frequency)
	check(dora.Frequency, f.Samples, 6)
	check(dora.Frequency, f.Band, dora.Low)
	// Leads 35m, 2h05, 3h, 24h, 24h, 26h, 46h: median 24h (high), p90 46h.
	f, _ = b.Figure(dora.LeadTime)
	check(dora.LeadTime, f.Samples, 7)
	check(dora.LeadTime, f.Median, 24*time.Hour)
	check(dora.LeadTime, f.P90, 46*time.Hour)
	check(dora.LeadTime, f.Band, dora.High)
	// Each pull request left one commit authored at its merge: the same
	// seven from first commit.
	check(dora.LeadTime, *f.FromCommit, dora.Lead{Median: 24 * time.Hour, P90: 46 * time.Hour, Samples: 7})
	// D3 failed, D5 had an incident, a rollback and a revert: 2 of 7.
	f, _ = b.Figure(dora.FailureRate)
	check(dora.FailureRate, f.Rate, 2.0/7)
	check(dora.FailureRate, f.Band, dora.Low)
	// The incident's 4h and D3's failure to D4's success, 1h: median 2h30.
	f, _ = b.Figure(dora.Recovery)
	check(dora.Recovery, f.Median, 150*time.Minute)
	check(dora.Recovery, f.Band, dora.High)

	assertReadOnly(t, e.s.Requests(), ghsource.DefaultMaxRequests)
}

// assertReadOnly checks every request was a GET the OpenAPI description
// lists, with parameters it knows, and that there were at most max.
func assertReadOnly(t *testing.T, reqs []ghfake.RequestRecord, most int) {
	t.Helper()
	var spec struct {
		Endpoints []struct {
			Path  string
			Query []string
		}
	}
	data, err := os.ReadFile("../../ghfake/testdata/openapi-dora.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &spec); err != nil {
		t.Fatal(err)
	}
	if len(reqs) > most {
		t.Errorf("%d requests, want at most %d", len(reqs), most)
	}
	for _, r := range reqs {
		if r.Method != "GET" || r.ContentCreating {
			t.Errorf("%s %s: a measurement only reads", r.Method, r.Path)
		}
		i := slices.IndexFunc(spec.Endpoints, func(ep struct {
			Path  string
			Query []string
		}) bool {
			return matchTemplate(ep.Path, r.Path)
		})
		if i < 0 {
			t.Errorf("GET %s is not an endpoint the OpenAPI description lists", r.Path)
			continue
		}
		q, _ := url.ParseQuery(r.Query)
		for k := range q {
			if !slices.Contains(spec.Endpoints[i].Query, k) {
				t.Errorf("GET %s?%s: %q is not a parameter of %s", r.Path, r.Query, k, spec.Endpoints[i].Path)
			}
		}
	}
}

func matchTemplate(tmpl, path string) bool {
	ts, ps := strings.Split(strings.Trim(tmpl, "/"), "/"), strings.Split(strings.Trim(path, "/"), "/")
	if len(ts) != len(ps) {
		return false
	}
	for i := range ts {
		if !strings.HasPrefix(ts[i], "{") && ts[i] != ps[i] {
			return false
		}
	}
	return true
}

// An installation that has not approved deployments: read falls back to
// releases and says so; nothing fails.
func TestReadWithoutDeploymentsPermission(t *testing.T) {
	e := newEnv(t)
	e.seedTeam(t)
	perms := map[string]string{"contents": "write", "issues": "write", "pull_requests": "write", "metadata": "read"}
	e.s.SetInstallationPermissions(1, perms)
	commits := e.repo.Commits("main")
	e.repo.PublishRelease("v0.9.0", commits[1].SHA, time.Date(2026, 8, 30, 10, 0, 0, 0, time.UTC), false)
	e.repo.PublishRelease("v1.0.0", commits[2].SHA, day(10, 12, 0), false)
	e.repo.PublishRelease("v1.1.0-rc.1", commits[4].SHA, day(12, 9, 0), true)
	e.repo.PublishRelease("v1.1.0", commits[4].SHA, day(12, 10, 0), false)

	in := ghsource.Read(context.Background(), e.client(t), "acme", "shop", ghsource.Options{Window: window})
	if in.Source != dora.SourceReleases {
		t.Fatalf("source = %q, want releases", in.Source)
	}
	if len(in.Notes) == 0 || in.Notes[0].Key != "permission-missing" {
		t.Fatalf("notes = %+v, want permission-missing first", in.Notes)
	}
	b := dora.Measure(in, window.To)
	if b.Counts.Deployments != 2 {
		t.Errorf("deployments = %d, want the 2 published releases of the window (not the pre-release)", b.Counts.Deployments)
	}
	if f, _ := b.Figure(dora.FailureRate); f.Known() {
		t.Errorf("failure rate from 2 releases = %+v, want too little data", f)
	}
	// v1.0.0 shipped "One" (3h); v1.1.0 shipped "Two" and "Three" (26h, 24h).
	if f, _ := b.Figure(dora.LeadTime); f.Median != 24*time.Hour || f.Samples != 3 {
		t.Errorf("lead time = %+v, want 24h from 3 changes", f)
	}
	assertReadOnly(t, e.s.Requests(), ghsource.DefaultMaxRequests)
}

func TestReadNothingToCount(t *testing.T) {
	e := newEnv(t)
	in := ghsource.Read(context.Background(), e.client(t), "acme", "shop", ghsource.Options{Window: window})
	if in.Source != dora.SourceNone || len(in.Notes) != 1 || in.Notes[0].Key != "no-deployment-data" {
		t.Fatalf("source %q notes %+v, want none and no-deployment-data", in.Source, in.Notes)
	}
	b := dora.Measure(in, window.To)
	for _, f := range b.Figures {
		if f.Known() {
			t.Errorf("%s = %+v from no data, want a reason instead of a number", f.Metric, f)
		}
	}
}

// Sixty daily deployments: statuses are read for as many as the budget
// allows after the lists (40 - 1 deployments page - 1 pulls - 1 incidents -
// 8 kept for compares = 29), the window starts at the oldest of them, and
// the budget holds.
func TestReadStaysWithinBudget(t *testing.T) {
	e := newEnv(t)
	for i := range 60 {
		_, sha := e.repo.MergePull("Change", "", "dev", day(1, 8, 0).AddDate(0, 0, i))
		e.repo.AddDeployment(ghfake.DeploymentSpec{SHA: sha, Created: day(1, 9, 0).AddDate(0, 0, i), Statuses: ok(day(1, 10, 0).AddDate(0, 0, i))})
	}
	in := ghsource.Read(context.Background(), e.client(t), "acme", "shop", ghsource.Options{Window: window})
	if !slices.ContainsFunc(in.Notes, func(n dora.Note) bool { return n.Key == "window-shortened" }) {
		t.Errorf("notes = %+v, want window-shortened", in.Notes)
	}
	b := dora.Measure(in, window.To)
	if b.Counts.Deployments != 29 {
		t.Errorf("deployments = %d, want the 29 whose statuses were read", b.Counts.Deployments)
	}
	assertReadOnly(t, e.s.Requests(), ghsource.DefaultMaxRequests)
}

// Lead time from first commit comes from the compares already read: each
// commit's author date (commits[].commit.author.date, not the committer's,
// which a rebase rewrites) and parents. Not one request more.
func TestReadFirstCommits(t *testing.T) {
	e := newEnv(t)
	r := e.repo
	_, sha0 := r.MergePull("Zero", "", "dev", time.Date(2026, 8, 29, 9, 0, 0, 0, time.UTC))
	r.AddDeployment(ghfake.DeploymentSpec{SHA: sha0, Created: time.Date(2026, 8, 30, 10, 0, 0, 0, time.UTC), Statuses: ok(time.Date(2026, 8, 30, 10, 0, 0, 0, time.UTC))})
	r.MergeBranch("Checkout", "dev", []time.Time{day(8, 9, 0), day(9, 9, 0)}, day(10, 9, 0))                  // first commit 51 h before D1
	_, sha1 := r.MergePull("Squash", "", "dev", day(10, 10, 0))                                               // 2 h
	r.AddDeployment(ghfake.DeploymentSpec{SHA: sha1, Created: day(10, 11, 50), Statuses: ok(day(10, 12, 0))}) // D1
	_, sha2 := r.MergeBranch("Search", "dev", []time.Time{day(11, 8, 0)}, day(11, 10, 0))                     // 28 h
	r.AddDeployment(ghfake.DeploymentSpec{SHA: sha2, Created: day(12, 11, 50), Statuses: ok(day(12, 12, 0))}) // D2

	// Counted as the client sends them: the stand-in records a request
	// only after answering it.
	var sent countingTransport
	gh := e.clientVia(t, &sent)
	in := ghsource.Read(context.Background(), gh, "acme", "shop", ghsource.Options{Window: window})
	b := dora.Measure(in, window.To)
	f, _ := b.Figure(dora.LeadTime)
	if l := f.FromCommit; l == nil || l.Median != 28*time.Hour || l.P90 != 51*time.Hour || l.Samples != 3 {
		t.Errorf("from first commit = %+v, want median 28h, p90 51h from 3 changes", l)
	}
	// From merge: 3 h, 2 h and 26 h; the band is this one's.
	if f.Median != 3*time.Hour || f.Samples != 3 || f.Band != dora.Elite {
		t.Errorf("from merge = %+v, want 3h from 3, elite", f)
	}
	// 1 deployments page, 1 pulls, 1 incidents, 3 statuses, 2 compares.
	if n := sent.n.Load(); n != 8 {
		t.Errorf("%d requests, want the 8 the measurement made before it counted from commits", n)
	}
	assertReadOnly(t, e.s.Requests(), ghsource.DefaultMaxRequests)
}

type countingTransport struct{ n atomic.Int32 }

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return http.DefaultTransport.RoundTrip(r)
}
