package strategy

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/pipelinedoc"
)

type applyCase struct {
	name string
	from func(testing.TB) Session
	env  func(testing.TB) Env // nil: a document with steps 1-3 done
	cmds []Command
	want []string // shape of the one reply
	// save is the wanted Save's revision relative to the input's; nil: none.
	save *int
	// unchanged: the returned session equals the input.
	unchanged bool
	check     func(t *testing.T, in, out Session, msgs []Message)
}

func idle(testing.TB) Session { return Session{} }

func after(lines ...string) func(testing.TB) Session {
	return func(t testing.TB) Session { return run(t, started(t), okEnv(t), lines...) }
}

func rel(n int) *int { return &n }

func errEnv(err error) func(testing.TB) Env {
	return func(testing.TB) Env { return Env{DocErr: err} }
}

func step2Env(t testing.TB) Env {
	return Env{Doc: parseDoc(t, "---\nstepsCompleted: [1, 2]\n---\n# Pipeline\n")}
}

func TestApplyAll(t *testing.T) {
	docErr := &pipelinedoc.Error{File: "pipeline.md", Line: 2, Msg: "frontmatter is not valid YAML", Kind: pipelinedoc.ErrInvalidYAML}
	cases := []applyCase{
		// --- /start ---
		{name: "start", from: idle, cmds: []Command{c("/start")}, want: []string{"context", "ask:pattern"},
			check: func(t *testing.T, in, out Session, _ []Message) {
				if out.Phase != PhaseDeciding || out.Current != CatPattern || out.DocPath != "pipeline.md" ||
					out.StartedBy != "dana" || !out.StartedAt.Equal(t0) || out.Revision != 0 {
					t.Errorf("started session: %+v", out)
				}
				if out.Stage3.DeployTool != "Argo CD" || !slices.Equal(out.Stage3.Environments, []string{"dev", "staging", "production"}) {
					t.Errorf("step 3 context not kept: %+v", out.Stage3)
				}
				if len(out.History) != 1 || out.History[0].Action != "start" {
					t.Errorf("history: %+v", out.History)
				}
			}},
		{name: "start with a document error", from: idle, env: errEnv(docErr), cmds: []Command{c("/start")},
			want: []string{"doc-error"}, unchanged: true,
			check: func(t *testing.T, _, _ Session, msgs []Message) {
				if !errors.Is(msgs[0].Err, pipelinedoc.ErrInvalidYAML) {
					t.Errorf("error shown: %v", msgs[0].Err)
				}
			}},
		{name: "start without a document", from: idle, env: func(testing.TB) Env { return Env{} }, cmds: []Command{c("/start")},
			want: []string{"notice:error.no-document"}, unchanged: true},
		{name: "start before step 3 is complete", from: idle, env: step2Env, cmds: []Command{c("/start")},
			want: []string{"doc-error"}, unchanged: true,
			check: func(t *testing.T, _, _ Session, msgs []Message) {
				if !errors.Is(msgs[0].Err, pipelinedoc.ErrStep3Required) {
					t.Errorf("error shown: %v", msgs[0].Err)
				}
			}},
		{name: "start when already started", from: after("/decide canary"), cmds: []Command{by(c("/start"), "lee")},
			want: []string{"notice:start.already", "menu:pattern"}, unchanged: true,
			check: func(t *testing.T, _, _ Session, msgs []Message) {
				if arg(msgs[0], "by") != "dana" {
					t.Errorf("start.already names %q, want who started it", arg(msgs[0], "by"))
				}
			}},
		{name: "a first /decide starts the session", from: idle, cmds: []Command{c("/decide canary -- metrics per version")},
			want: []string{"context", "decision:pattern", "menu:pattern"},
			check: func(t *testing.T, _, out Session, _ []Message) {
				mustDeepEqual(t, "decisions", decisions(out), map[CategoryID]string{CatPattern: "canary"})
				if out.Phase != PhaseDeciding || out.Revision != 1 || out.Current != CatFlags || out.Decisions[CatPattern].Rationale != "metrics per version" {
					t.Errorf("session: %+v", out)
				}
			}},
		{name: "a first /decide is refused when step 3 is not done", from: idle, env: step2Env,
			cmds: []Command{c("/decide canary")}, want: []string{"doc-error"}, unchanged: true},
		{name: "a first /decide of an unknown option starts the session and asks once", from: after("/cancel"),
			cmds: []Command{c("/decide kubernetes")}, want: []string{"context", "notice:decide.unknown-option", "ask:pattern"},
			check: func(t *testing.T, _, out Session, _ []Message) {
				if out.Phase != PhaseDeciding || len(out.Decisions) != 0 {
					t.Errorf("session: %+v", out)
				}
			}},
		{name: "a first /target starts the session", from: idle, cmds: []Command{c("/target mttr elite")},
			want: []string{"context", "target:mttr", "ask:pattern"},
			check: func(t *testing.T, _, out Session, _ []Message) {
				if out.Phase != PhaseDeciding || out.Targets[MetricMTTR] == nil {
					t.Errorf("session: %+v", out)
				}
			}},
		{name: "/accept on no session starts none", from: idle, cmds: []Command{c("/accept")},
			want: []string{"notice:error.nothing-pending"}, unchanged: true},
		{name: "/menu on no session starts none", from: idle, cmds: []Command{c("/menu C")},
			want: []string{"status", "notice:menu.not-ready"}, unchanged: true},
		{name: "/elicit on no session starts none", from: idle, cmds: []Command{c("/elicit 3")},
			want: []string{"status", "notice:menu.not-ready"}, unchanged: true},

		// --- /decide ---
		{name: "an option of another category", from: started, cmds: []Command{c("/decide unleash")},
			want: []string{"decision:flags", "menu:flags"},
			check: func(t *testing.T, _, out Session, _ []Message) {
				mustDeepEqual(t, "decisions", decisions(out), map[CategoryID]string{CatFlags: "unleash"})
				if out.Current != CatPattern {
					t.Errorf("current moved to %q", out.Current)
				}
			}},
		{name: "an option of two categories is ambiguous", from: started, cmds: []Command{c("/decide none")},
			want: []string{"notice:decide.ambiguous", "ask:pattern"}, unchanged: true},
		{name: "a typo asks and changes nothing", from: started, cmds: []Command{c("/decide canery -- it is safe")},
			want: []string{"notice:decide.did-you-mean"}, unchanged: true,
			check: func(t *testing.T, _, _ Session, msgs []Message) {
				if arg(msgs[0], "option") != "canary" || arg(msgs[0], "category") != "pattern" || arg(msgs[0], "input") != "canery" {
					t.Errorf("suggestion: %+v", msgs[0].Args)
				}
			}},
		{name: "a typo of another category's option", from: started, cmds: []Command{c("/decide unlesh")},
			want: []string{"notice:decide.did-you-mean-other"}, unchanged: true,
			check: func(t *testing.T, _, _ Session, msgs []Message) {
				if arg(msgs[0], "option") != "unleash" || arg(msgs[0], "category") != "flags" {
					t.Errorf("suggestion: %+v", msgs[0].Args)
				}
			}},
		{name: "a typo after a named category", from: started, cmds: []Command{c("/decide rollback hybird")},
			want: []string{"notice:decide.did-you-mean"}, unchanged: true,
			check: func(t *testing.T, _, _ Session, msgs []Message) {
				if arg(msgs[0], "option") != "hybrid" || arg(msgs[0], "category") != "rollback" {
					t.Errorf("suggestion: %+v", msgs[0].Args)
				}
			}},
		{name: "an unknown option lists the options", from: started, cmds: []Command{c("/decide kubernetes")},
			want: []string{"notice:decide.unknown-option", "ask:pattern"}, unchanged: true},
		{name: "an unknown option of a named category", from: started, cmds: []Command{c("/decide rollback teleport")},
			want: []string{"notice:decide.unknown-option", "ask:rollback"}, unchanged: true},
		{name: "a number out of range", from: started, cmds: []Command{c("/decide 9")},
			want: []string{"notice:decide.unknown-option", "ask:pattern"}, unchanged: true},
		{name: "no option", from: started, cmds: []Command{c("/decide")},
			want: []string{"notice:decide.missing-option", "ask:pattern"}, unchanged: true},
		{name: "a bare option once everything is decided needs its category", from: complete, cmds: []Command{c("/decide 2")},
			want: []string{"notice:decide.which-category", "review"}, unchanged: true},
		{name: "revising a saved decision goes back to review", from: saved,
			cmds: []Command{by(c("/decide pattern recreate -- we can afford a window"), "lee")},
			want: []string{"decision:pattern", "review"},
			check: func(t *testing.T, in, out Session, _ []Message) {
				d := out.Decisions[CatPattern]
				if d.Option != "recreate" || d.Rationale != "we can afford a window" || d.By != "lee" {
					t.Errorf("revised decision: %+v", d)
				}
				if out.Revision != in.Revision+1 || out.Phase != PhaseReview || !reflect.DeepEqual(out.Saved, in.Saved) {
					t.Errorf("after revision: revision %d (was %d), phase %q, saved %+v", out.Revision, in.Revision, out.Phase, out.Saved)
				}
			}},
		{name: "revising an earlier category while deciding", from: after("/decide canary -- first", "/decide unleash"),
			cmds: []Command{c("/decide pattern rolling")}, want: []string{"decision:pattern", "menu:pattern"},
			check: func(t *testing.T, in, out Session, _ []Message) {
				if d := out.Decisions[CatPattern]; d.Option != "rolling" || d.Rationale != "" {
					t.Errorf("a new option keeps nothing of the old one: %+v", d)
				}
				if out.Current != CatMigrations || out.Revision != in.Revision+1 {
					t.Errorf("current %q revision %d", out.Current, out.Revision)
				}
			}},
		{name: "a follow-up with only fields keeps the rationale", from: after("/decide rollback automated -- we trust our probes"),
			cmds: []Command{c("/decide rollback automated", "Triggers: error budget burn")},
			want: []string{"decision:rollback", "menu:rollback"},
			check: func(t *testing.T, _, out Session, _ []Message) {
				d := out.Decisions[CatRollback]
				if d.Rationale != "we trust our probes" || d.Subs["triggers"] != "error budget burn" {
					t.Errorf("merged decision: %+v", d)
				}
			}},
		{name: "sub-decisions matched, the rest kept as notes", from: after(allSix[:3]...),
			cmds: []Command{c("/decide hybrid -- pages wake people",
				"Rollback Criteria: 5xx above the SLO", "MECHANISM: argo rollouts abort", "data handling: none needed",
				"Drills: every release", "Owner: SRE team", "Owner: SRE team")},
			want: []string{"decision:rollback", "menu:rollback"},
			check: func(t *testing.T, _, out Session, _ []Message) {
				d := out.Decisions[CatRollback]
				mustDeepEqual(t, "subs", d.Subs, map[string]string{
					"triggers": "5xx above the SLO", "mechanism": "argo rollouts abort", "data": "none needed", "testing": "every release"})
				mustDeepEqual(t, "notes", d.Notes, []string{"Owner: SRE team"})
			}},
		{name: "sub-decisions of an option they do not apply to are notes", from: after(allSix[:4]...),
			cmds: []Command{c("/decide best effort", "Draining: thirty seconds")},
			want: []string{"decision:downtime", "menu:downtime"},
			check: func(t *testing.T, _, out Session, _ []Message) {
				d := out.Decisions[CatDowntime]
				if d.Option != "best-effort" || d.Subs != nil || !slices.Equal(d.Notes, []string{"Draining: thirty seconds"}) {
					t.Errorf("decision: %+v", d)
				}
			}},
		{name: "multi-region sub-decisions", from: started,
			cmds: []Command{c("/decide multi region active active", "Order: eu-west first", "DNS: latency routing", "Single: yes")},
			want: []string{"decision:regions", "menu:regions"},
			check: func(t *testing.T, _, out Session, _ []Message) {
				d := out.Decisions[CatRegions]
				mustDeepEqual(t, "subs", d.Subs, map[string]string{"order": "eu-west first", "traffic": "latency routing"})
				mustDeepEqual(t, "notes", d.Notes, []string{"Single: yes"})
			}},

		// --- /skip ---
		{name: "skip the multi-region category", from: after(allSix[:5]...), cmds: []Command{c("/skip -- one region is enough")},
			want: []string{"decision:regions", "menu:regions"},
			check: func(t *testing.T, _, out Session, _ []Message) {
				if d := out.Decisions[CatRegions]; d.Option != "single-region" || d.Rationale != "one region is enough" {
					t.Errorf("skip recorded %+v", d)
				}
			}},
		{name: "skip regions by name", from: started, cmds: []Command{c("/skip multi-region")},
			want: []string{"decision:regions", "menu:regions"},
			check: func(t *testing.T, _, out Session, _ []Message) {
				mustDeepEqual(t, "decisions", decisions(out), map[CategoryID]string{CatRegions: "single-region"})
			}},
		{name: "a required category cannot be skipped", from: started, cmds: []Command{c("/skip")},
			want: []string{"notice:skip.required", "ask:pattern"}, unchanged: true,
			check: func(t *testing.T, _, _ Session, msgs []Message) {
				if arg(msgs[0], "category") != "pattern" {
					t.Errorf("names %q", arg(msgs[0], "category"))
				}
			}},
		{name: "a named required category cannot be skipped", from: started, cmds: []Command{c("/skip rollback")},
			want: []string{"notice:skip.required", "ask:pattern"}, unchanged: true},
		{name: "nothing to skip", from: complete, cmds: []Command{c("/skip")},
			want: []string{"notice:skip.nothing", "review"}, unchanged: true},

		// --- /target ---
		{name: "target: a typo of a metric", from: started, cmds: []Command{c("/target frequncy elite")},
			want: []string{"notice:target.did-you-mean"}, unchanged: true,
			check: func(t *testing.T, _, _ Session, msgs []Message) {
				if arg(msgs[0], "metric") != "frequency" {
					t.Errorf("suggests %q", arg(msgs[0], "metric"))
				}
			}},
		{name: "target: an unknown metric", from: started, cmds: []Command{c("/target velocity high")},
			want: []string{"notice:target.unknown-metric", "ask-targets"}, unchanged: true},
		{name: "target: no text shows the tiers", from: started, cmds: []Command{c("/target mean time to recovery")},
			want: []string{"tiers:mttr"}, unchanged: true},
		{name: "target: nothing at all shows all targets", from: started, cmds: []Command{c("/target")},
			want: []string{"ask-targets"}, unchanged: true},
		{name: "the last target opens the review", from: after(append(slices.Clone(allSix), allTargets[:3]...)...),
			cmds: []Command{c("/target mttr elite")}, want: []string{"baseline:auto", "target:mttr", "review"},
			check: func(t *testing.T, in, out Session, _ []Message) {
				if out.Phase != PhaseReview || out.Revision != in.Revision+1 {
					t.Errorf("phase %q revision %d", out.Phase, out.Revision)
				}
			}},
		{name: "targets after the categories are asked together", from: after(allSix[:5]...),
			cmds: []Command{c("/decide single-region"), c("/target lead-time elite")},
			want: []string{"decision:regions", "baseline:auto", "target:lead-time", "ask-targets"}},

		// --- /menu, /accept, /reject, /elicit ---
		{name: "menu before everything is decided", from: after(append(allSix, "/menu C")...), cmds: []Command{c("/menu")},
			want: []string{"status", "notice:menu.not-ready", "baseline:auto", "ask-targets"}, unchanged: true},
		{name: "menu C before everything is decided saves nothing", from: after(append(allSix, "/menu C")...), cmds: []Command{c("/menu C")},
			want: []string{"status", "notice:menu.not-ready", "baseline:auto", "ask-targets"}, unchanged: true},
		{name: "C of the last category's menu continues to the targets", from: after(allSix...), cmds: []Command{c("/menu C")},
			want: []string{"baseline:auto", "ask-targets"}},
		{name: "menu", from: complete, cmds: []Command{c("/menu")}, want: []string{"review"}, unchanged: true},
		{name: "menu A", from: complete, cmds: []Command{c("/menu A")}, want: []string{"methods"},
			check: func(t *testing.T, in, out Session, msgs []Message) {
				if len(out.Offered) != 5 || !slices.Equal(msgs[0].Items, out.Offered) || out.Revision != in.Revision || out.Pending != nil {
					t.Errorf("offered %v, shown %v, revision %d, pending %v", out.Offered, msgs[0].Items, out.Revision, out.Pending)
				}
			}},
		{name: "menu P", from: complete, cmds: []Command{c("/menu p")}, want: []string{"party"},
			check: func(t *testing.T, in, out Session, msgs []Message) {
				if out.Pending == nil || out.Pending.Kind != KindParty || out.Revision != in.Revision || !reflect.DeepEqual(out.Decisions, in.Decisions) {
					t.Errorf("pending %+v, revision %d", out.Pending, out.Revision)
				}
			}},
		{name: "menu party mode", from: complete, cmds: []Command{c("/menu party mode")}, want: []string{"party"}},
		{name: "menu C", from: complete, cmds: []Command{c("/menu C")}, want: []string{"save-outcome"}, save: rel(0), unchanged: true},
		{name: "menu [C] Continue", from: complete, cmds: []Command{c("/menu [C] Continue")}, want: []string{"save-outcome"}, save: rel(0), unchanged: true},
		{name: "menu continue when saved", from: saved, cmds: []Command{c("/menu continue")}, want: []string{"save-outcome"}, save: rel(0), unchanged: true},
		{name: "menu: not a choice", from: complete, cmds: []Command{c("/menu Z")}, want: []string{"notice:menu.unknown-choice", "menu"}, unchanged: true},
		{name: "accept with nothing pending", from: complete, cmds: []Command{c("/accept")},
			want: []string{"notice:error.nothing-pending", "menu"}, unchanged: true},
		{name: "reject with nothing pending", from: started, cmds: []Command{c("/reject")},
			want: []string{"notice:error.nothing-pending", "menu"}, unchanged: true,
			check: func(t *testing.T, _, _ Session, msgs []Message) {
				if arg(msgs[0], "command") != "/reject" {
					t.Errorf("command %q", arg(msgs[0], "command"))
				}
			}},
		{name: "elicit a method by number", from: complete, cmds: []Command{c("/elicit 2")}, want: []string{"elicit"},
			check: func(t *testing.T, in, out Session, msgs []Message) {
				if out.Pending == nil || out.Pending.Method != RankMethods(&in)[1].ID || out.Revision != in.Revision {
					t.Errorf("pending %+v", out.Pending)
				}
			}},

		// --- /cancel ---
		{name: "cancel archives the decisions", from: after(allSix[:3]...), cmds: []Command{by(c("/cancel"), "lee")},
			want: []string{"notice:cancel.done"},
			check: func(t *testing.T, in, out Session, msgs []Message) {
				if out.Phase != PhaseCancelled || out.Decisions != nil || out.Targets != nil || out.Revision != in.Revision+1 {
					t.Errorf("cancelled: %+v", out)
				}
				if len(out.Archived) != 1 || !reflect.DeepEqual(out.Archived[0], in.Decisions) {
					t.Errorf("archived %+v, want %+v", out.Archived, in.Decisions)
				}
				if arg(msgs[0], "by") != "lee" {
					t.Errorf("by %q", arg(msgs[0], "by"))
				}
			}},
		{name: "cancel with no session", from: idle, cmds: []Command{c("/cancel")}, want: []string{"notice:cancel.nothing"}, unchanged: true},
		{name: "cancel twice", from: after("/decide canary", "/cancel"), cmds: []Command{c("/cancel")}, want: []string{"notice:cancel.nothing"}, unchanged: true},
		{name: "start after cancel keeps the archive and the revision", from: after("/decide canary", "/decide unleash", "/cancel"),
			cmds: []Command{c("/start")}, want: []string{"context", "ask:pattern"},
			check: func(t *testing.T, in, out Session, _ []Message) {
				if out.Phase != PhaseDeciding || len(out.Decisions) != 0 || out.Revision != in.Revision {
					t.Errorf("restarted: %+v", out)
				}
				if len(out.Archived) != 1 || out.Archived[0][CatFlags].Option != "unleash" {
					t.Errorf("archive lost: %+v", out.Archived)
				}
				if len(out.History) != len(in.History)+1 {
					t.Errorf("history not kept: %d entries, had %d", len(out.History), len(in.History))
				}
			}},
		{name: "a new /start after a save archives the saved round", from: saved, cmds: []Command{c("/cancel"), c("/start")},
			want: []string{"notice:cancel.done", "context", "ask:pattern"},
			check: func(t *testing.T, in, out Session, _ []Message) {
				if len(out.Archived) != 1 || len(out.Archived[0]) != 6 || out.Revision <= in.Revision {
					t.Errorf("archive %+v revision %d", out.Archived, out.Revision)
				}
			}},

		// --- /status, /help, unknown ---
		{name: "status with no session", from: idle, cmds: []Command{c("/status")}, want: []string{"status"}, unchanged: true},
		{name: "status mid-way", from: after("/decide canary"), cmds: []Command{c("/status")}, want: []string{"status", "menu:pattern"}, unchanged: true},
		{name: "status complete", from: complete, cmds: []Command{c("/status")}, want: []string{"status", "review"}, unchanged: true},
		{name: "status saved", from: saved, cmds: []Command{c("/status")}, want: []string{"status", "next-step"}, unchanged: true},
		{name: "status cancelled", from: after("/cancel"), cmds: []Command{c("/status")}, want: []string{"status"}, unchanged: true},
		{name: "help", from: started, cmds: []Command{c("/help")}, want: []string{"help"}, unchanged: true},
		{name: "an unknown command", from: started, cmds: []Command{c("/deploy canary")},
			want: []string{"notice:error.unknown-command", "help"}, unchanged: true,
			check: func(t *testing.T, _, _ Session, msgs []Message) {
				if arg(msgs[0], "command") != "/deploy" {
					t.Errorf("command %q", arg(msgs[0], "command"))
				}
			}},

		// --- several commands in one comment ---
		{name: "several decisions, the next question once at the end", from: started,
			cmds: []Command{c("/decide canary -- a"), c("/decide unleash"), c("/decide pre-deploy")},
			want: []string{"decision:pattern", "decision:flags", "decision:migrations", "menu:migrations"}},
		{name: "a failure in the middle changes only what it names", from: started,
			cmds: []Command{c("/decide canary"), c("/decide canery"), c("/decide unleash")},
			want: []string{"decision:pattern", "notice:decide.did-you-mean-other", "decision:flags", "menu:flags"},
			check: func(t *testing.T, _, out Session, _ []Message) {
				mustDeepEqual(t, "decisions", decisions(out), map[CategoryID]string{CatPattern: "canary", CatFlags: "unleash"})
			}},
		{name: "start and decide in one comment", from: idle, cmds: []Command{c("/start"), c("/decide 2")},
			want: []string{"context", "decision:pattern", "menu:pattern"}},
		{name: "menu C then a revision saves the final revision", from: complete,
			cmds: []Command{c("/menu C"), c("/decide pattern blue-green")},
			want: []string{"save-outcome", "decision:pattern"}, save: rel(1)},
		{name: "menu C then cancel saves nothing", from: complete, cmds: []Command{c("/menu C"), c("/cancel")},
			want: []string{"notice:save.dropped", "notice:cancel.done"},
			check: func(t *testing.T, _, out Session, _ []Message) {
				if out.Phase != PhaseCancelled {
					t.Errorf("phase %q", out.Phase)
				}
			}},
		{name: "status and help together", from: started, cmds: []Command{c("/status"), c("/help")},
			want: []string{"status", "help", "ask:pattern"}, unchanged: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in, keep := tc.from(t), tc.from(t)
			env := okEnv(t)
			if tc.env != nil {
				env = tc.env(t)
			}
			out, effects := ApplyAll(in, tc.cmds, env)
			if !reflect.DeepEqual(in, keep) {
				t.Fatalf("ApplyAll changed its input session:\n got %+v\nwant %+v", in, keep)
			}
			replies, saves := 0, 0
			for _, e := range effects {
				switch e.(type) {
				case Reply:
					replies++
				case Save:
					saves++
				}
			}
			if replies > 1 || saves > 1 {
				t.Errorf("%d replies and %d saves, want at most one each", replies, saves)
			}
			msgs := replyOf(effects)
			if got := shape(msgs); !slices.Equal(got, tc.want) {
				t.Errorf("reply:\n got %q\nwant %q", got, tc.want)
			}
			sv, hasSave := saveOf(effects)
			switch {
			case tc.save == nil && hasSave:
				t.Errorf("unexpected save %+v", sv)
			case tc.save != nil && !hasSave:
				t.Errorf("no save, want one of revision %d", in.Revision+*tc.save)
			case tc.save != nil && sv.Revision != in.Revision+*tc.save:
				t.Errorf("save of revision %d, want %d", sv.Revision, in.Revision+*tc.save)
			case hasSave && sv.Revision != out.Revision:
				t.Errorf("save of revision %d, but the session to render is at %d", sv.Revision, out.Revision)
			}
			if tc.unchanged && !reflect.DeepEqual(out, in) {
				t.Errorf("session changed:\n got %+v\nwant %+v", out, in)
			}
			if out.Revision < in.Revision {
				t.Errorf("revision went back from %d to %d", in.Revision, out.Revision)
			}
			if tc.check != nil {
				tc.check(t, in, out, msgs)
			}
		})
	}
}

// TestDecideForms: every way of naming an option records the same decision.
func TestDecideForms(t *testing.T) {
	atMigrations := after(allSix[:2]...)
	cases := []struct {
		from func(testing.TB) Session
		line string
		cat  CategoryID
		opt  string
	}{
		{started, "/decide blue-green", CatPattern, "blue-green"},
		{started, "/decide blue green", CatPattern, "blue-green"},
		{started, "/decide bluegreen", CatPattern, "blue-green"},
		{started, "/decide Blue_Green", CatPattern, "blue-green"},
		{started, "/decide B/G", CatPattern, "blue-green"},
		{started, "/decide a/b", CatPattern, "ab-testing"},
		{started, "/decide A/B testing", CatPattern, "ab-testing"},
		{started, "/decide rolling update", CatPattern, "rolling"},
		{started, "/decide 2", CatPattern, "canary"},
		{started, "/decide 5", CatPattern, "ab-testing"},
		{started, "/decide pattern canary", CatPattern, "canary"},
		{started, "/decide deployment pattern rolling", CatPattern, "rolling"},
		{started, "/decide 1 recreate", CatPattern, "recreate"},
		{started, "/decide feature flags unleash", CatFlags, "unleash"},
		{started, "/decide flags 4", CatFlags, "custom"},
		{started, "/decide launch darkly", CatFlags, "launchdarkly"},
		{started, "/decide no flags", CatFlags, "none"},
		{started, "/decide flags none", CatFlags, "none"},
		{started, "/decide database driven", CatFlags, "custom"},
		{started, "/decide expand-contract", CatMigrations, "expand-contract"},
		{started, "/decide expand contract", CatMigrations, "expand-contract"},
		{started, "/decide db pre", CatMigrations, "pre-deploy"},
		{started, "/decide database migrations post deploy", CatMigrations, "post-deploy"},
		{started, "/decide 3 2", CatMigrations, "in-deploy"},
		{started, "/decide rollback both", CatRollback, "hybrid"},
		{started, "/decide automatic", CatRollback, "automated"},
		{started, "/decide zero downtime required", CatDowntime, "required"},
		{started, "/decide zero-downtime", CatDowntime, "required"},
		{started, "/decide maintenance window", CatDowntime, "maintenance-window"},
		{started, "/decide single-region", CatRegions, "single-region"},
		{started, "/decide single region", CatRegions, "single-region"},
		{started, "/decide regions none", CatRegions, "single-region"},
		{started, "/decide multi region active passive", CatRegions, "active-passive"},
		{started, "/decide failover", CatRegions, "active-passive"},
		{atMigrations, "/decide 4", CatMigrations, "expand-contract"},
		{atMigrations, "/decide before", CatMigrations, "pre-deploy"},
		{atMigrations, "/decide 1", CatMigrations, "pre-deploy"},
		{complete, "/decide regions 3", CatRegions, "active-active"},
	}
	for _, tc := range cases {
		t.Run(tc.line, func(t *testing.T) {
			in := tc.from(t)
			out, effects := ApplyAll(in, []Command{c(tc.line)}, okEnv(t))
			d := out.Decisions[tc.cat]
			if d == nil || d.Option != tc.opt {
				t.Fatalf("%s recorded %v, want %s %s (reply %q)", tc.line, decisions(out), tc.cat, tc.opt, shape(replyOf(effects)))
			}
			if out.Revision != in.Revision+1 {
				t.Errorf("revision %d, want %d", out.Revision, in.Revision+1)
			}
			for id, d := range in.Decisions {
				if id != tc.cat && !reflect.DeepEqual(out.Decisions[id], d) {
					t.Errorf("%s changed too", id)
				}
			}
			if got := shape(replyOf(effects)); got[0] != "decision:"+string(tc.cat) {
				t.Errorf("reply %q", got)
			}
		})
	}
}

// TestOnlyNoneIsAmbiguous: the ambiguity notice's example names regions,
// which is right only while "none" is the one name two categories share.
func TestOnlyNoneIsAmbiguous(t *testing.T) {
	owners := map[string]map[CategoryID]bool{}
	for _, cat := range Categories {
		for _, o := range cat.Options {
			for _, n := range o.names() {
				k := squash(n)
				if owners[k] == nil {
					owners[k] = map[CategoryID]bool{}
				}
				owners[k][cat.ID] = true
			}
		}
	}
	for name, cats := range owners {
		if len(cats) > 1 && name != "none" {
			t.Errorf("%q names options of %v", name, cats)
		}
	}
	if len(owners["none"]) != 2 || !owners["none"][CatRegions] || !owners["none"][CatFlags] {
		t.Errorf("none belongs to %v", owners["none"])
	}
}

func TestTargets(t *testing.T) {
	cases := []struct {
		line   string
		metric MetricID
		tier   string
		text   string
	}{
		{"/target frequency elite", MetricFrequency, "elite", ""},
		{"/target deployment frequency High", MetricFrequency, "high", ""},
		{"/target df 3", MetricFrequency, "medium", ""},
		{"/target lead time for changes 2", MetricLeadTime, "high", ""},
		{"/target lead-time less than one day", MetricLeadTime, "", "less than one day"},
		{"/target change failure rate elite", MetricFailure, "elite", ""},
		{"/target cfr under ten percent", MetricFailure, "", "under ten percent"},
		{"/target mean time to recovery low", MetricMTTR, "low", ""},
		{"/target mttr 4", MetricMTTR, "low", ""},
		{"/target time to restore within the hour, even at night", MetricMTTR, "", "within the hour, even at night"},
		{"/target recovery elite-ish", MetricMTTR, "", "elite-ish"},
	}
	for _, tc := range cases {
		t.Run(tc.line, func(t *testing.T) {
			in := started(t)
			out, effects := ApplyAll(in, []Command{by(c(tc.line), "lee")}, okEnv(t))
			tg := out.Targets[tc.metric]
			if tg == nil || tg.Tier != tc.tier || tg.Text != tc.text || tg.By != "lee" || !tg.At.Equal(t0) {
				t.Fatalf("target %+v, want tier %q text %q (reply %q)", tg, tc.tier, tc.text, shape(replyOf(effects)))
			}
			if out.Revision != in.Revision+1 || len(out.Targets) != 1 {
				t.Errorf("revision %d targets %v", out.Revision, out.Targets)
			}
			if got := shape(replyOf(effects)); !slices.Equal(got, []string{"target:" + string(tc.metric), "ask:pattern"}) {
				t.Errorf("reply %q", got)
			}
		})
	}
}

func TestRecordSave(t *testing.T) {
	in := complete(t)
	keep := complete(t)
	rec := SaveRecord{Revision: in.Revision, Commit: "abc", URL: "https://example.test/c/abc", By: "lee", At: t0}
	out := RecordSave(in, rec)
	if !reflect.DeepEqual(in, keep) {
		t.Fatal("RecordSave changed its input")
	}
	if out.Phase != PhaseSaved || !reflect.DeepEqual(out.Saved, &rec) {
		t.Errorf("saved: phase %q record %+v", out.Phase, out.Saved)
	}
	if last := out.History[len(out.History)-1]; last.By != "lee" || last.Action != "save abc" {
		t.Errorf("history %+v", last)
	}
	// Saving the same revision again stays saved; a revision reopens review.
	again, _ := ApplyAll(out, []Command{c("/status")}, okEnv(t))
	if again.Phase != PhaseSaved {
		t.Errorf("status moved a saved session to %q", again.Phase)
	}
	revised, _ := ApplyAll(out, []Command{c("/target mttr high")}, okEnv(t))
	if revised.Phase != PhaseReview || revised.Saved.Revision != rec.Revision {
		t.Errorf("revised: phase %q saved %+v", revised.Phase, revised.Saved)
	}
}

// TestRecordSaveAfterLaterCommands: the GitHub shell records a save after
// it ran, by which time the team may have moved on.
func TestRecordSaveAfterLaterCommands(t *testing.T) {
	at := complete(t)
	rec := SaveRecord{Revision: at.Revision, Commit: "abc", By: "dana", At: t0}
	cases := []struct {
		name  string
		then  []string
		phase Phase
	}{
		{"nothing in between", nil, PhaseSaved},
		{"a revision in between", []string{"/decide pattern rolling"}, PhaseReview},
		{"cancelled in between", []string{"/cancel"}, PhaseCancelled},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := run(t, at, okEnv(t), tc.then...)
			out := RecordSave(s, rec)
			if out.Phase != tc.phase || out.Saved == nil || out.Saved.Commit != "abc" {
				t.Errorf("phase %q saved %+v, want phase %q", out.Phase, out.Saved, tc.phase)
			}
			if out.Revision != s.Revision || !reflect.DeepEqual(out.Decisions, s.Decisions) {
				t.Errorf("RecordSave changed the decisions")
			}
		})
	}
}

// A reply is rendered from the session as the whole comment left it: what
// an earlier command showed of a complete session that a later command
// cancelled or restarted is dropped (rendering it found no decisions).
func TestStaleViewsOfACancelledSessionAreDropped(t *testing.T) {
	env := okEnv(t)
	for _, first := range []string{"/menu", "/menu A", "/elicit pre-mortem", "/menu P", "/status"} {
		for _, then := range [][]string{{"/cancel"}, {"/cancel", "/start"}} {
			t.Run(first+" then "+strings.Join(then, " "), func(t *testing.T) {
				cmds := []Command{c(first)}
				for _, l := range then {
					cmds = append(cmds, c(l))
				}
				s, effects := ApplyAll(complete(t), cmds, env)
				if s.Complete() {
					t.Fatal("the session is still complete")
				}
				for _, m := range replyOf(effects) {
					switch m.Kind {
					case MsgReview, MsgMethods, MsgElicit, MsgParty:
						t.Errorf("reply keeps %s of the cancelled session: %v", m.Kind, shape(replyOf(effects)))
					case MsgMenu:
						if !s.Started() {
							t.Errorf("reply keeps the A/P/C menu of a cancelled session: %v", shape(replyOf(effects)))
						}
					}
				}
			})
		}
	}
	// Alone, each still shows what it shows.
	_, effects := ApplyAll(complete(t), []Command{c("/menu")}, env)
	if got := shape(replyOf(effects)); len(got) == 0 || got[0] != string(MsgReview) {
		t.Errorf("/menu on a complete session replied %v", got)
	}
}
