package comments

import (
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

// TestCommandsSameInEveryLanguage: commands, option ids, metric ids and
// English sub-decision keys work unchanged whatever language the team
// speaks, and every reply shows them untranslated; a sub-decision's key is
// shown as its label in the team's language, which answers it too.
func TestCommandsSameInEveryLanguage(t *testing.T) {
	for _, code := range append([]string{i18n.DefaultLang}, translations...) {
		t.Run(code, func(t *testing.T) {
			requireLanguage(t, code)
			env := envOf(t, docFull)
			r := English().With(strategy.Settings{Comm: code, Doc: code})
			reply := func(s strategy.Session, body string) (strategy.Session, string) {
				t.Helper()
				next, msgs, _ := comment(t, s, env, "dana", body)
				return next, r.Reply(&next, msgs)
			}

			s, got := reply(strategy.Session{}, "/start\n/decide canary -- per-version metrics")
			if d := s.Decisions[strategy.CatPattern]; d == nil || d.Option != "canary" {
				t.Fatalf("/decide canary did not decide canary: %+v", d)
			}
			mustShow(t, "/decide canary", got, r.Lang.Option("pattern", "canary").Name, "`/menu A`", "`/menu P`", "`/menu C`")
			_, got = reply(s, "/menu C")
			mustShow(t, "C after /decide canary", got, "`/decide launchdarkly -- <why>`", "`/decide none -- <why>`")
			_, got = reply(s, "/decide canery")
			mustShow(t, "a typo", got, "`/decide pattern canary`")
			_, got = reply(s, "/decide rollback hybrid\nTriggers: 5xx above the SLO")
			mustShow(t, "a sub-decision", got, "5xx above the SLO")
			label := func(cat strategy.CategoryID, sub string) string { return r.Lang.Category(string(cat)).Subs[sub].Label }
			for _, colon := range []string{": ", "："} {
				next, _ := reply(s, "/decide rollback hybrid\n"+label(strategy.CatRollback, "triggers")+colon+"5xx above the SLO")
				if d := next.Decisions[strategy.CatRollback]; d == nil || d.Subs["triggers"] != "5xx above the SLO" {
					t.Errorf("the %s label %q with %q did not answer triggers: %+v", code, label(strategy.CatRollback, "triggers"), colon, d)
				}
			}
			rs := session(t, env, setCanary[:3]...)
			got = r.Reply(&rs, []strategy.Message{{Kind: strategy.MsgAsk, Category: strategy.CatRollback}})
			mustShow(t, "the rollback ask", got, "`"+label(strategy.CatRollback, "triggers")+": ...`",
				"`"+label(strategy.CatRollback, "mechanism")+": ...`", "`/decide automated -- <why>`")

			full := session(t, env, setCanary...)
			_, got = reply(full, "/menu")
			mustShow(t, "the review", got, "`/menu A`", "`/menu P`", "`/menu C`")
			_, got = reply(full, "/menu A")
			mustShow(t, "the A list", got, "`/elicit ")
			got = r.Reply(&rs, []strategy.Message{{Kind: strategy.MsgHelp}})
			for _, spec := range Registry() {
				mustShow(t, "/help", got, "`"+strings.ReplaceAll(spec.Usage, "|", `\|`)+"`")
			}
			targets := session(t, env, setCanary[:7]...)
			got = r.Reply(&targets, []strategy.Message{{Kind: strategy.MsgAskTargets}})
			mustShow(t, "the target ask", got, "`/target frequency elite`", "(`mttr`)")
			expert := r.With(strategy.Settings{Skill: i18n.Expert})
			got = expert.Reply(&rs, []strategy.Message{{Kind: strategy.MsgAsk, Category: strategy.CatDowntime}})
			mustShow(t, "the expert ask", got, "`/decide maintenance-window`", "`required`", "`"+label(strategy.CatDowntime, "load-balancer")+": …`")
		})
	}
}

func mustShow(t *testing.T, what, got string, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if !strings.Contains(got, p) {
			t.Errorf("%s: the reply lacks %q:\n%s", what, p, got)
		}
	}
}
