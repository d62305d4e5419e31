package comments

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/strategy"
)

// replyCase renders the reply to one comment on a session built from
// earlier comments: a golden of what a team sees.
type replyCase struct {
	name   string
	doc    string   // the document's text; "" means docFull
	before []string // comments applied first
	body   string   // the comment answered
	actor  string   // "" means dana
	save   *SaveOutcome
	// settings are the team's settings the session read; reread, when
	// set, the ones the answered comment's /start reads again.
	settings, reread strategy.Settings
}

var midway = []string{"/start", "/decide canary -- per-version metrics", "/decide unleash"}

func completeSet(extra ...string) []string { return append(slices.Clone(setCanary), extra...) }

var replyCases = []replyCase{
	// The session's course.
	{name: "start", body: "/start"},
	{name: "start-no-step3-context", doc: docBare, body: "/start"},
	{name: "decision-pattern", before: []string{"/start"}, body: "/decide canary -- We already watch error rate and latency per version.\nThe SRE team agreed in the review."},
	{name: "decision-no-rationale", before: []string{"/start", "/decide canary"}, body: "/decide unleash"},
	{name: "decision-rollback-subs", before: []string{"/start", "/decide canary", "/decide unleash", "/decide expand-contract"},
		body: "/decide rollback hybrid -- Pages wake people; degraded latency can wait for a human.\nTriggers: error rate above the SLO\nTesting: a rollback drill in staging each release\nOwner: SRE team"},
	{name: "decision-downtime-defaults", before: setCanary[:5], body: "/decide required"},
	{name: "decision-best-effort-notes", before: setCanary[:5], body: "/decide best effort\nDraining: not needed for us"},
	{name: "decision-recreate-required-suggestions", before: []string{"/start", "/decide recreate", "/decide none", "/decide in-deploy", "/decide manual"}, body: "/decide required"},
	{name: "decision-migrations-tool", before: []string{"/start", "/decide canary", "/decide unleash"}, body: "/decide expand-contract -- Flyway runs the expand and the contract scripts."},
	{name: "take-rollback", before: setCanary[:5], body: "/take rollback"},
	{name: "take-all-review", before: setCanary, body: "/take"},
	{name: "decision-regions-subs", before: setCanary[:6],
		body: "/decide active-passive -- A warm standby region covers a regional outage.\nOrder: primary region first\nTraffic: DNS failover with health checks"},
	{name: "decision-skip-regions", before: setCanary[:6], body: "/skip -- one region is enough"},
	{name: "decision-revised-after-save", before: completeSet("/menu C"), body: "/decide pattern blue-green -- We want instant switchback."},
	{name: "several-commands", before: []string{"/start"}, body: "/decide canary -- metrics per version\n/decide unleash\n/decide pre-deploy"},
	{name: "ask-targets", before: setCanary[:7], body: "/target frequency elite"},
	{name: "target-text", before: setCanary[:7], body: "/target lead-time less than one day, as today"},
	{name: "target-percent", before: setCanary[:7], body: "/target failure-rate 3%"},
	{name: "tiers", before: setCanary[:7], body: "/target mttr"},
	{name: "targets-all", before: setCanary[:7], body: "/target"},
	{name: "review", before: setCanary, body: "/menu"},
	{name: "review-after-last-target", before: setCanary[:7], body: "/target frequency elite\n/target lead-time elite\n/target failure-rate high\n/target mttr elite"},
	{name: "menu-a", before: setCanary, body: "/menu A"},
	// The A/P/C of one decision category, before everything is decided.
	{name: "category-menu-c", before: midway, body: "/menu C"},
	{name: "category-menu-a", before: setCanary[:4], body: "/menu A"},
	{name: "category-elicit", before: append(slices.Clone(setCanary[:4]), "/menu A"), body: "/elicit 1 -- the contract step is its own release"},
	{name: "category-accept", before: append(slices.Clone(setCanary[:4]), "/menu A", "/elicit 1"), body: "/accept"},
	{name: "category-party", before: setCanary[:5], body: "/menu P"},
	{name: "status-idle", body: "/status"},
	{name: "status-midway", before: midway, body: "/status"},
	{name: "status-saved", before: completeSet("/menu C"), body: "/status"},
	{name: "status-revised-after-save", before: completeSet("/menu C", "/decide pattern blue-green"), body: "/status"},
	{name: "status-cancelled", before: append(slices.Clone(midway), "/cancel"), body: "/status"},
	{name: "help", before: []string{"/start"}, body: "/help"},
	{name: "save-done", before: setCanary, body: "/menu C", actor: "lee",
		save: &SaveOutcome{Path: "_bmad-output/planning-artifacts/pipeline.md", CommitURL: "https://github.com/acme/checkout/commit/abc123",
			FilesURL: "https://github.com/acme/checkout/pull/7/files", PRURL: "https://github.com/acme/checkout/pull/7"}},
	{name: "save-done-local", before: setCanary, body: "/menu C", save: &SaveOutcome{Path: "pipeline.md"}},
	{name: "save-unchanged", before: completeSet("/menu C"), body: "/menu C", save: &SaveOutcome{Path: "pipeline.md", Unchanged: true}},
	{name: "save-failed", before: setCanary, body: "/menu C",
		save: &SaveOutcome{Path: "pipeline.md", Err: "pipeline.md:40: the Deployment Strategy section (lines 40-90) was edited by hand after Pipewright saved it"}},
	{name: "doc-error-step3", doc: "---\nstepsCompleted: [1, 2]\n---\n# Pipeline\n", body: "/start"},
	{name: "doc-error-yaml", doc: "---\nstepsCompleted: [1, 2, 3\n---\n# Pipeline\n", body: "/decide canary"},

	// Every notice the engine gives.
	{name: "notice-error.unknown-command", before: []string{"/start"}, body: "/deploy now"},
	{name: "notice-start.already", before: midway, body: "/start", actor: "lee"},
	{name: "notice-start.settings-changed", before: midway, body: "/start", actor: "lee",
		settings: strategy.Settings{Comm: "en", Doc: "en", Skill: "intermediate"}, reread: strategy.Settings{Comm: "en", Doc: "en", Skill: "expert"}},
	{name: "notice-error.no-document", doc: "-", body: "/start"},
	{name: "notice-error.nothing-pending", before: setCanary, body: "/accept"},
	{name: "notice-elicit.unknown-method", before: setCanary, body: "/elicit teleport"},
	{name: "notice-proposal.accepted", before: completeSet("/elicit chaos"), body: "/accept"},
	{name: "notice-proposal.rejected", before: completeSet("/elicit chaos"), body: "/reject"},
	{name: "notice-proposal.replaced", before: completeSet("/elicit chaos"), body: "/elicit on-call"},
	{name: "notice-proposal.stale", before: completeSet("/menu P", "/decide pattern rolling"), body: "/accept"},
	{name: "notice-proposal.pending", before: completeSet("/menu P"), body: "/menu C"},
	{name: "notice-proposal.waiting", before: completeSet("/elicit chaos"), body: "/menu"},
	{name: "notice-cancel.nothing", body: "/cancel"},
	{name: "notice-cancel.done", before: midway, body: "/cancel", actor: "lee"},
	{name: "notice-menu.not-ready", before: append(slices.Clone(midway), "/menu C"), body: "/menu"},
	{name: "notice-menu.unknown-choice", before: setCanary, body: "/menu Z"},
	{name: "notice-decide.missing-option", before: []string{"/start"}, body: "/decide"},
	{name: "notice-decide.ambiguous", before: []string{"/start"}, body: "/decide none"},
	{name: "notice-decide.which-category", before: setCanary, body: "/decide 2"},
	{name: "notice-decide.did-you-mean", before: []string{"/start"}, body: "/decide canery"},
	{name: "notice-decide.did-you-mean-other", before: []string{"/start"}, body: "/decide unlesh"},
	{name: "notice-decide.unknown-option", before: []string{"/start"}, body: "/decide kubernetes"},
	{name: "notice-skip.nothing", before: setCanary, body: "/skip"},
	{name: "notice-skip.required", before: []string{"/start"}, body: "/skip"},
	{name: "notice-target.did-you-mean", before: []string{"/start"}, body: "/target frequncy elite"},
	{name: "notice-target.unknown-metric", before: []string{"/start"}, body: "/target velocity high"},
	{name: "notice-take.no-session", body: "/take"},
	{name: "notice-take.nothing", before: completeSet("/take"), body: "/take"},
	{name: "notice-take.answered", before: setCanary[:5], body: "/take rollback triggers"},
	{name: "notice-take.no-suggestion", before: []string{"/start", "/decide recreate", "/decide none", "/decide in-deploy", "/decide manual", "/decide required"}, body: "/take downtime draining"},
	{name: "notice-take.undecided", before: midway, body: "/take regions"},
	{name: "notice-take.unknown-sub", before: setCanary[:5], body: "/take rollback colour"},
	{name: "notice-take.unknown", before: setCanary[:5], body: "/take everything please"},
	{name: "notice-save.dropped", before: setCanary, body: "/menu C\n/cancel"},
}

func (rc replyCase) env(t testing.TB) strategy.Env {
	switch rc.doc {
	case "":
		return envOf(t, docFull)
	case "-":
		return strategy.Env{}
	}
	return envOf(t, rc.doc)
}

func (rc replyCase) render(t *testing.T) (string, []strategy.Message) {
	t.Helper()
	env := rc.env(t)
	env.Settings = rc.settings
	s := session(t, env, rc.before...)
	actor := rc.actor
	if actor == "" {
		actor = "dana"
	}
	if rc.reread != (strategy.Settings{}) {
		env.Settings = rc.reread
	}
	out, msgs, save := comment(t, s, env, actor, rc.body)
	r := English()
	r.Versions = map[string]string{"unleash": "v6.3.0"}
	body := r.Reply(&out, msgs)
	if rc.save != nil {
		if save == nil {
			t.Fatalf("no save for %q", rc.body)
		}
		body = r.FillSaveOutcome(body, *rc.save)
	}
	return body, msgs
}

func TestReplyGoldens(t *testing.T) {
	for _, rc := range replyCases {
		t.Run(rc.name, func(t *testing.T) {
			got, msgs := rc.render(t)
			if strings.HasPrefix(rc.name, "notice-") {
				key := strings.TrimPrefix(rc.name, "notice-")
				if !slices.ContainsFunc(msgs, func(m strategy.Message) bool { return m.Key == key }) {
					t.Fatalf("%q gave no %s notice", rc.body, key)
				}
			}
			if strings.Contains(got, SaveOutcomePlaceholder) {
				t.Errorf("the save-outcome placeholder was left in the reply")
			}
			checkProductText(t, rc.name, got)
			golden(t, "reply-"+rc.name, got)
		})
	}
}

// TestEveryEngineNoticeHasAGolden reads the engine's sources for the notice
// keys it can give, so a new notice cannot ship without a golden.
func TestEveryEngineNoticeHasAGolden(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "app", "strategy", "*.go"))
	if err != nil || len(files) == 0 {
		t.Fatalf("engine sources: %v", err)
	}
	keyRE := regexp.MustCompile(`notice\("([a-z.-]+)"`)
	have := map[string]bool{}
	for _, rc := range replyCases {
		have[strings.TrimPrefix(rc.name, "notice-")] = true
	}
	en := English().Lang
	var keys []string
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range keyRE.FindAllStringSubmatch(string(src), -1) {
			keys = append(keys, m[1])
		}
	}
	sort.Strings(keys)
	if len(keys) < 15 {
		t.Fatalf("found only %d notice keys in the engine: %v", len(keys), keys)
	}
	for _, k := range slices.Compact(keys) {
		if !have[k] {
			t.Errorf("notice %q has no reply golden", k)
		}
		if _, ok := en.Messages[k]; !ok {
			t.Errorf("notice %q is not in the English catalogue", k)
		}
	}
}

// TestMessageGoldens renders each message kind alone.
func TestMessageGoldens(t *testing.T) {
	env := envOf(t, docFull)
	mid := session(t, env, midway...)
	r := English()
	cases := []struct {
		name string
		s    strategy.Session
		msg  strategy.Message
	}{
		{"menu", mid, strategy.Message{Kind: strategy.MsgMenu}},
		{"help", strategy.Session{}, strategy.Message{Kind: strategy.MsgHelp}},
		{"doc-error", strategy.Session{}, strategy.Message{Kind: strategy.MsgDocError, Err: errors.New("pipeline.md: the file does not exist")}},
		{"tiers-frequency", mid, strategy.Message{Kind: strategy.MsgTiers, Metric: strategy.MetricFrequency}},
		{"tiers-lead-time", mid, strategy.Message{Kind: strategy.MsgTiers, Metric: strategy.MetricLeadTime}},
		{"tiers-failure-rate", mid, strategy.Message{Kind: strategy.MsgTiers, Metric: strategy.MetricFailure}},
		{"tiers-mttr", mid, strategy.Message{Kind: strategy.MsgTiers, Metric: strategy.MetricMTTR}},
	}
	for _, cat := range strategy.Categories {
		cases = append(cases, struct {
			name string
			s    strategy.Session
			msg  strategy.Message
		}{"ask-" + string(cat.ID), mid, strategy.Message{Kind: strategy.MsgAsk, Category: cat.ID}})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := r.Reply(&tc.s, []strategy.Message{tc.msg})
			checkProductText(t, tc.name, got)
			golden(t, "message-"+tc.name, got)
		})
	}
}

// TestAskTables: each option is one row of six cells (seven for the
// migrations, with their downtime effect), in catalogue order,
// with a /decide line for it.
func TestAskTables(t *testing.T) {
	r := English()
	s := session(t, envOf(t, docFull), "/start")
	for _, cat := range strategy.Categories {
		got := r.ask(&s, cat.ID)
		rows := 0
		for _, line := range strings.Split(got, "\n") {
			if !strings.HasPrefix(line, "| ") || strings.HasPrefix(line, "| #") {
				continue
			}
			rows++
			want := 6
			if cat.ID == strategy.CatMigrations {
				want = 7 // and the downtime effect the seed asks for
			}
			if n := cells(line); n != want {
				t.Errorf("%s: row has %d cells: %s", cat.ID, n, line)
			}
		}
		if rows != len(cat.Options) {
			t.Errorf("%s: %d rows for %d options", cat.ID, rows, len(cat.Options))
		}
		for _, o := range cat.Options {
			if !strings.Contains(got, "`/decide "+o.ID+" -- <why>`") {
				t.Errorf("%s: no command for %s", cat.ID, o.ID)
			}
		}
		if (cat.SkipOption != "") != strings.Contains(got, "/skip") {
			t.Errorf("%s: /skip offered wrongly", cat.ID)
		}
	}
}

// cells counts the cells of a table row: the pipes no backslash escapes,
// less one.
func cells(row string) int {
	n := 0
	for i := 0; i < len(row); i++ {
		if row[i] == '|' && (i == 0 || row[i-1] != '\\') {
			n++
		}
	}
	return n - 1
}

// TestGoldenFilesClean checks every golden on disk, so a stale one that no
// test writes any more cannot hide a placeholder or an estimate.
func TestGoldenFilesClean(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.md"))
	if err != nil || len(files) < 60 {
		t.Fatalf("found %d golden files (%v)", len(files), err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(filepath.Base(f), "baseline-") {
			// A measured baseline reports durations of the past (its
			// point), not estimates: TestBaselineGoldens checks the rest.
			continue
		}
		checkProductText(t, f, string(data))
	}
}
