package sandbox_test

import (
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/project"
	"github.com/pipewright/pipewright/app/store/storetest"
	"github.com/pipewright/pipewright/handlers"
)

// flagTools are the tools the feature-flag category offers (LaunchDarkly's
// Go SDK publishes releases, but the hosted service has no version of its
// own, so it is never looked up); deployTools the example's step 3 tool
// (Argo CD) and the companion canary needs.
var (
	flagTools   = map[string]string{"launchdarkly": "v7.10.0", "unleash": "v6.3.0", "flagsmith": "v2.180.1"}
	deployTools = map[string]string{"argo-cd": "v3.2.1", "argo-rollouts": "v1.8.3"}
)

func (e *env) publishReleases() {
	for _, tools := range []map[string]string{flagTools, deployTools} {
		for tool, tag := range tools {
			owner, name, _ := strings.Cut(handlers.ToolRepos[tool], "/")
			e.GitHub.AddRepo(owner, name, "main")
			e.GitHub.SetLatestRelease(owner, name, tag)
		}
	}
}

func TestToolVersionsAreVerified(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, e *env) {
		e.publishReleases()
		repo := e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
		th := e.PullRequest("acme", "shop", prSpec("dana", "plan"))
		e.say(t, th, "dana", "/start")
		e.GitHub.ResetRequests()
		e.say(t, th, "dana", "/decide canary\n/menu C")
		reply := lastReply(t, th)
		mustContain(t, "flags question", reply, "**Unleash** (latest v6.3.0)", "**LaunchDarkly**", "**Flagsmith** (latest v2.180.1)",
			"Latest releases verified on GitHub: Argo CD v3.2.1; Argo Rollouts v1.8.3.")
		// LaunchDarkly is a hosted service: its Go SDK's release is not its version.
		if strings.Contains(reply, "v7.10.0") {
			t.Errorf("the flags question shows LaunchDarkly's Go SDK release as its version:\n%s", reply)
		}
		if n := len(requests(e.GitHub.Requests(), "GET", "/releases/latest")); n != len(flagTools)-1+len(deployTools) {
			t.Errorf("%d release look-ups, want one per versioned tool shown (%d)", n, len(flagTools)-1+len(deployTools))
		}

		// A steady-state decision shows no versions and looks none up.
		e.GitHub.ResetRequests()
		e.say(t, th, "dana", "/decide unleash")
		if looks := requests(e.GitHub.Requests(), "GET", "/releases/latest"); len(looks) != 0 {
			t.Errorf("/decide unleash looked releases up again:\n%s", describe(looks))
		}
		e.say(t, th, "dana", strings.TrimPrefix(decideAll, "/start\n/decide canary -- We export per-version error rates.\n")+"\n/menu C")
		doc, _ := repo.File("plan", project.DefaultDocPath)
		mustContain(t, "saved section", string(doc), "**Tool:** Unleash (v6.3.0)")

		// Another session within the cache's lifetime asks GitHub nothing new.
		other := e.Issue("acme", "shop", 40, "Step 4 again")
		e.GitHub.ResetRequests()
		e.say(t, other, "dana", "/start\n/decide canary\n/menu C")
		mustContain(t, "flags question", lastReply(t, other), "**Unleash** (latest v6.3.0)")
		for _, r := range requests(e.GitHub.Requests(), "GET", "/releases/latest") {
			if r.Status != 304 {
				t.Errorf("release looked up again within the cache's lifetime: %s -> %d", r.Path, r.Status)
			}
		}
	})
}

func TestToolVersionsNotVerified(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		setup func(e *env)
	}{
		{"no such repositories", func(e *env) {}},
		{"no releases", func(e *env) {
			e.publishReleases()
			for tool := range flagTools {
				owner, name, _ := strings.Cut(handlers.ToolRepos[tool], "/")
				e.GitHub.SetLatestRelease(owner, name, "")
			}
		}},
		{"GitHub fails", func(e *env) {
			e.publishReleases()
			e.GitHub.InjectFault(ghfakeFault("GET", "/releases/latest$", 500))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			storetest.Each(t, func(t *testing.T, dsn string) {
				e := start(t, dsn, nil)
				tt.setup(e)
				repo := e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
				th := e.PullRequest("acme", "shop", prSpec("dana", "plan"))
				e.say(t, th, "dana", "/start\n/decide canary\n/menu C")
				reply := lastReply(t, th)
				mustContain(t, "flags question", reply, "**Unleash**<br>")
				if n := strings.Count(reply, "Not verified on GitHub"); n != 1 || strings.Contains(reply, "(version not verified)") {
					t.Errorf("reply says %d times that versions are not verified, want once and on no line:\n%s", n, reply)
				}
				e.GitHub.ResetRequests()
				e.say(t, th, "dana", strings.TrimPrefix(decideAll, "/start\n/decide canary -- We export per-version error rates.\n")+"\n/menu C")
				doc, _ := repo.File("plan", project.DefaultDocPath)
				mustContain(t, "saved section", string(doc), "**Tool:** Unleash (version not verified)")
				if looks := requests(e.GitHub.Requests(), "GET", "/releases/latest"); len(looks) != 0 {
					t.Errorf("a failed look-up was repeated at once:\n%s", describe(looks))
				}
			})
		})
	}
}
