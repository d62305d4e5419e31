package comments

import (
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/pipelinedoc"
	"github.com/pipewright/pipewright/app/strategy"
)

var update = flag.Bool("update", false, "rewrite golden files")

var t0 = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// docFull is a pipeline.md with steps 1-3 done and step 3's decisions.
const docFull = `---
project_name: 'checkout-service'
stepsCompleted: [1, 2, 3]
---

# CI/CD Pipeline Architecture - checkout-service

## Pipeline Stages

### Deploy Stage

**Method:** GitOps (pull-based)
**Tool:** Argo CD
**Environment Sequence:** dev → staging → production

### Promote Stage

**Promotion Gates:** smoke tests and SLO burn-rate check
**Promotion Mechanism:** PR to the environment overlay, merged automatically when gates pass

### Verify Stage

**Rollback Triggers:** error rate above the SLO during rollout
`

// docBare has steps 1-3 done but says nothing about the stages.
const docBare = "---\nstepsCompleted: [1, 2, 3]\n---\n\n# Pipeline\n\nThe stages were decided in a meeting.\n"

func envOf(t testing.TB, text string) strategy.Env {
	t.Helper()
	doc, err := pipelinedoc.Parse("pipeline.md", []byte(text))
	if err != nil {
		return strategy.Env{DocErr: err}
	}
	return strategy.Env{Doc: doc}
}

// comment applies one comment body, as the GitHub shell does.
func comment(t testing.TB, s strategy.Session, env strategy.Env, actor, body string) (strategy.Session, []strategy.Message, *strategy.Save) {
	t.Helper()
	var cmds []strategy.Command
	for i, c := range Parse(body) {
		cmds = append(cmds, c.Engine("c-"+string(rune('a'+i)), actor, t0))
	}
	if len(cmds) == 0 {
		t.Fatalf("no command in %q", body)
	}
	out, effects := strategy.ApplyAll(s, cmds, env)
	var msgs []strategy.Message
	var save *strategy.Save
	for _, e := range effects {
		switch e := e.(type) {
		case strategy.Reply:
			msgs = append(msgs, e.Messages...)
		case strategy.Save:
			save = &e
		}
	}
	return out, msgs, save
}

// session applies comments in turn, each by dana; a save succeeds, as the
// shell records it.
func session(t testing.TB, env strategy.Env, bodies ...string) strategy.Session {
	t.Helper()
	var s strategy.Session
	for _, b := range bodies {
		var save *strategy.Save
		s, _, save = comment(t, s, env, "dana", b)
		if save != nil {
			s = strategy.RecordSave(s, strategy.SaveRecord{Revision: save.Revision, Commit: "https://github.com/acme/checkout/commit/abc123", By: "dana", At: t0})
		}
	}
	return s
}

// The three decision sets of the section goldens.
var (
	setCanary = []string{
		"/start",
		"/decide canary -- We already watch error rate and latency per version in Argo Rollouts.",
		"/decide unleash -- Self-hosted, so flag data stays in our cluster.",
		"/decide expand-contract",
		"/decide automated\nTriggers: error rate above the SLO during the canary analysis",
		"/decide required",
		"/skip -- One region serves all our customers.",
		"/target frequency elite\n/target lead-time elite\n/target failure-rate high\n/target mttr elite",
	}
	setRecreate = []string{
		"/start",
		"/decide recreate -- A nightly batch system; nobody uses it during the window.",
		"/decide none",
		"/decide in-deploy -- Migrations run in the deploy job, before the new pods start.",
		"/decide manual\nTriggers: the on-call engineer judges the nightly run failed\nMechanism: redeploy the previous image tag\nData: restore the pre-deploy snapshot\nTesting: rehearsed before each quarter\nOwner: platform team",
		"/decide maintenance window\nDraining: not needed",
		"/decide active-active -- Two regions so a regional outage is survivable.\nOrder: the smaller region first\nConsistency: the database replicates synchronously between regions\nIndependence: each region rolls back on its own\nTraffic: DNS latency routing with health checks",
		"/target frequency low\n/target lead-time a change is live by the next window\n/target failure-rate medium\n/target mttr the next window at the latest",
	}
	setBlueGreen = []string{
		"/start",
		"/decide blue-green",
		"/decide custom",
		"/decide pre-deploy",
		"/decide hybrid",
		"/decide best-effort",
		"/decide active-passive",
		"/target frequency high\n/target lead-time high\n/target failure-rate elite\n/target mttr high",
	}
)

func goldenPath(name string) string { return filepath.Join("testdata", "golden", name+".md") }

// golden compares got with testdata/golden/<name>.md, or writes it with -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	goldenAt(t, goldenPath(name), got)
}

// goldenAt compares got with the file at path, or writes it with -update.
func goldenAt(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./comments -run %s -update to create it)", err, t.Name())
	}
	if string(want) != got {
		t.Errorf("%s differs from the golden file (rerun with -update and review the diff):\n%s", path, firstDiff(string(want), got))
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return "line " + itoa(i+1) + ":\n want: " + w + "\n  got: " + g
		}
	}
	return "(no line differs)"
}

var (
	placeholderRE = regexp.MustCompile(`\{[a-z_.-]+\}`)
	// durationRE is a time estimate: a number with a unit of time.
	durationRE = regexp.MustCompile(`(?i)\b\d+(?:[.,]\d+)?\s*(?:ms|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|months?|mos?|y|yrs?|years?|sprints?|quarters?)\b`)
	// pingRE is what GitHub reads as a mention.
	pingRE = regexp.MustCompile(`@[A-Za-z0-9]`)
)

// checkProductText: no unfilled placeholder, no time estimate, no ping.
func checkProductText(t *testing.T, name, text string) {
	t.Helper()
	if m := placeholderRE.FindString(text); m != "" {
		t.Errorf("%s: placeholder %s survived", name, m)
	}
	if m := durationRE.FindString(text); m != "" {
		t.Errorf("%s: time estimate %q", name, m)
	}
	if m := pingRE.FindString(text); m != "" {
		t.Errorf("%s: would mention someone: %q", name, m)
	}
}
