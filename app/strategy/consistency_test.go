package strategy

import (
	"slices"
	"strings"
	"testing"
)

// pushDoc deploys by push and states no rollback triggers in step 3.
const pushDoc = `---
stepsCompleted: [1, 2, 3]
---

# CI/CD Pipeline Architecture

## Pipeline Stages

### Deploy Stage

**Method:** Push from GitHub Actions
**Tool:** Helm
**Environment Sequence:** staging → production
`

func pushEnv(t testing.TB) Env { return Env{Doc: parseDoc(t, pushDoc)} }

// ruleCase is one rule with a session where it fires and one, as close as
// possible, where it does not.
type ruleCase struct {
	rule      string
	fires     []string
	not       []string
	push      bool // both sessions start from pushDoc
	notOnPush bool // the "not" session starts from pushDoc
}

var ruleCases = []ruleCase{
	{rule: "recreate-zero-downtime", fires: []string{"/decide recreate", "/decide required"}, not: []string{"/decide recreate", "/decide best-effort"}},
	{rule: "two-versions-in-deploy", fires: []string{"/decide canary", "/decide in-deploy"}, not: []string{"/decide canary", "/decide expand-contract"}},
	{rule: "rolling-in-deploy", fires: []string{"/decide rolling", "/decide in-deploy"}, not: []string{"/decide rolling", "/decide pre-deploy"}},
	{rule: "in-deploy-zero-downtime", fires: []string{"/decide rolling", "/decide in-deploy", "/decide required"}, not: []string{"/decide recreate", "/decide in-deploy", "/decide required"}},
	{rule: "automated-post-deploy", fires: []string{"/decide post-deploy", "/decide automated"}, not: []string{"/decide post-deploy", "/decide manual"}},
	{rule: "automated-irreversible-data", fires: []string{"/decide rollback hybrid\nData: the backfill is irreversible"}, not: []string{"/decide rollback hybrid\nData: every migration has a tested down migration"}},
	{rule: "switchback-post-deploy", fires: []string{"/decide blue-green", "/decide post-deploy"}, not: []string{"/decide rolling", "/decide post-deploy"}},
	{rule: "ab-no-flags", fires: []string{"/decide ab-testing", "/decide flags none"}, not: []string{"/decide ab-testing", "/decide unleash"}},
	{rule: "active-active-no-consistency", fires: []string{"/decide active-active"}, not: []string{"/decide active-active\nConsistency: one writer region, read replicas elsewhere"}},
	{rule: "canary-manual-no-triggers", push: true, fires: []string{"/decide canary", "/decide rollback manual"}, not: []string{"/decide canary", "/decide rollback manual\nTriggers: canary error rate above stable"}},
	{rule: "gitops-push-rollback", fires: []string{"/decide rollback manual\nMechanism: kubectl rollout undo"}, not: []string{"/decide rollback manual\nMechanism: kubectl rollout undo"}, notOnPush: true},
	{rule: "flags-none-elite-frequency", fires: []string{"/decide flags none", "/target frequency elite"}, not: []string{"/decide flags none", "/target frequency twice a week"}},
	{rule: "window-frequent-deploys", fires: []string{"/decide maintenance-window", "/target frequency high"}, not: []string{"/decide maintenance-window", "/target frequency low"}},
	{rule: "recreate-elite-mttr", fires: []string{"/decide recreate", "/target mttr elite"}, not: []string{"/decide recreate", "/target mttr medium"}},
	{rule: "manual-elite-mttr", fires: []string{"/decide rollback manual", "/target mttr elite"}, not: []string{"/decide rollback hybrid", "/target mttr elite"}},
	{rule: "rolling-elite-mttr", fires: []string{"/decide rolling", "/target mttr elite"}, not: []string{"/decide blue-green", "/target mttr elite"}},
	{rule: "experiment-elite-lead-time", fires: []string{"/decide ab-testing", "/target lead-time elite"}, not: []string{"/decide ab-testing", "/target lead-time high"}},
	{rule: "automated-no-triggers", push: true, fires: []string{"/decide rollback automated"}, not: []string{"/decide rollback automated\nTriggers: health checks fail"}},
	{rule: "hybrid-no-split", fires: []string{"/decide rollback hybrid"}, not: []string{"/decide rollback hybrid\nTriggers: 5xx rolls back on its own; latency pages a person"}},
	{rule: "multi-region-automated-no-independence", fires: []string{"/decide rollback automated", "/decide active-passive"}, not: []string{"/decide rollback automated", "/decide active-passive\nIndependence: each region rolls back on its own"}},
	{rule: "active-active-in-deploy", fires: []string{"/decide in-deploy", "/decide active-active"}, not: []string{"/decide in-deploy", "/decide active-passive"}},
	{rule: "automated-recreate", fires: []string{"/decide recreate", "/decide rollback automated"}, not: []string{"/decide recreate", "/decide rollback manual"}},
	{rule: "window-with-traffic-shifting", fires: []string{"/decide blue-green", "/decide maintenance-window"}, not: []string{"/decide recreate", "/decide maintenance-window"}},
	{rule: "recreate-expand-contract", fires: []string{"/decide recreate", "/decide expand-contract"}, not: []string{"/decide canary", "/decide expand-contract"}},
}

// decideLines turns "/decide x\nKey: v" into the command with its fields.
func decideLines(t testing.TB, env Env, lines []string) Session {
	s := run(t, Session{}, env, "/start")
	for _, l := range lines {
		head, rest, _ := strings.Cut(l, "\n")
		var fields []string
		if rest != "" {
			fields = strings.Split(rest, "\n")
		}
		s, _ = ApplyAll(s, []Command{c(head, fields...)}, env)
	}
	return s
}

func TestEveryRuleFiresAndNot(t *testing.T) {
	if len(Rules) < 20 {
		t.Fatalf("%d consistency rules, want at least 20", len(Rules))
	}
	covered := map[string]bool{}
	for _, rc := range ruleCases {
		covered[rc.rule] = true
		t.Run(rc.rule, func(t *testing.T) {
			if _, ok := RuleByID(rc.rule); !ok {
				t.Fatalf("no rule %q", rc.rule)
			}
			fireEnv, notEnv := okEnv(t), okEnv(t)
			if rc.push {
				fireEnv, notEnv = pushEnv(t), pushEnv(t)
			}
			if rc.notOnPush {
				notEnv = pushEnv(t)
			}
			if got := Analyze(ptr(decideLines(t, fireEnv, rc.fires))); !slices.Contains(got, rc.rule) {
				t.Errorf("%v: rule does not fire (fired %v)", rc.fires, got)
			}
			if got := Analyze(ptr(decideLines(t, notEnv, rc.not))); slices.Contains(got, rc.rule) {
				t.Errorf("%v: rule fires", rc.not)
			}
		})
	}
	for _, r := range Rules {
		if !covered[r.ID] {
			t.Errorf("rule %q has no fires/does-not-fire case", r.ID)
		}
	}
}

func ptr(s Session) *Session { return &s }

// TestRulesNeverFireOnOpenDecisions: a started session with nothing decided
// conflicts with nothing, and rule ids are unique.
func TestRulesNeverFireOnOpenDecisions(t *testing.T) {
	for _, env := range []Env{okEnv(t), pushEnv(t)} {
		if got := Analyze(ptr(run(t, Session{}, env, "/start"))); len(got) != 0 {
			t.Errorf("fired on an empty session: %v", got)
		}
	}
	seen := map[string]bool{}
	for _, r := range Rules {
		if seen[r.ID] || len(r.Concerns) == 0 || r.When == nil {
			t.Errorf("rule %q is repeated or incomplete", r.ID)
		}
		seen[r.ID] = true
	}
}

// TestAcceptedAnswersCountForRules: a sub-decision the team answered in an
// accepted enhancement counts as answered, so the rule stops firing.
func TestAcceptedAnswersCountForRules(t *testing.T) {
	env := pushEnv(t)
	s := decideLines(t, env, []string{"/decide canary", "/decide unleash", "/decide pre-deploy", "/decide rollback automated", "/decide required", "/decide single-region"})
	s = run(t, s, env, allTargets...)
	if !slices.Contains(Analyze(&s), "automated-no-triggers") {
		t.Fatalf("automated-no-triggers does not fire: %v", Analyze(&s))
	}
	s, _ = ApplyAll(s, []Command{c("/elicit failure-modes", "Triggers: error rate of the canary above stable")}, env)
	s, _ = ApplyAll(s, []Command{c("/accept")}, env)
	if slices.Contains(Analyze(&s), "automated-no-triggers") {
		t.Errorf("still fires after the team's triggers were accepted")
	}
}
