package comments

import (
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

// FuzzRenderReplies drives the engine with fuzzed comment bodies and
// renders every reply and, once complete, the section: nothing panics, no
// placeholder is left, and nobody is mentioned.
func FuzzRenderReplies(f *testing.F) {
	for _, b := range setRecreate {
		f.Add(b)
	}
	f.Add("/decide rollback hybrid\nTriggers: @user | x\n## forged\r## cr\n/menu C\n/cancel")
	f.Add("/decide canary -- <!-- x -->\n/target mttr @org/team\n/skip\n/status\n/help")
	f.Add("/menu A more\n/elicit 2 -- see ```` @x {pattern}\nTriggers: @y | z\nRollback: <!-- x -->\n/accept -- ok")
	f.Add("/menu P\nData: irreversible\n/reject\n/elicit all\n/elicit pre-mortem\n/menu C\n/accept\n/menu C")
	env := envOf(f, docFull)
	base := session(f, env, setCanary[:len(setCanary)-1]...)
	full := session(f, env, setCanary...)
	// Replies in every language and at every level, the section in another
	// language than the replies: the catalogues and the renderer's
	// per-language paths are fuzzed too.
	var renders []Render
	for i, lang := range append([]string{i18n.DefaultLang}, translations...) {
		doc := translations[i%len(translations)]
		level := []string{i18n.Beginner, i18n.Intermediate, i18n.Expert}[i%3]
		renders = append(renders, English().With(strategy.Settings{Comm: lang, Doc: doc, Skill: level}))
	}
	f.Fuzz(func(t *testing.T, body string) {
		r := renders[len(body)%len(renders)]
		if !strings.Contains(body, "/") {
			return
		}
		for _, from := range []strategy.Session{{}, base, full} {
			cmds := Parse(body)
			if len(cmds) == 0 || len(cmds) > 12 {
				return
			}
			var ecmds []strategy.Command
			for _, c := range cmds {
				ecmds = append(ecmds, c.Engine("f", "fuzz", t0))
			}
			s, effects := strategy.ApplyAll(from, ecmds, env)
			for _, e := range effects {
				var text string
				switch e := e.(type) {
				case strategy.Reply:
					text = r.FillSaveOutcome(r.Reply(&s, e.Messages), SaveOutcome{Path: "pipeline.md"})
				case strategy.Save:
					text = r.Section(&s)
				}
				if m := placeholderRE.FindString(text); m != "" && !strings.Contains(body, m) {
					t.Fatalf("placeholder %s in\n%s", m, text)
				}
				// The saved section is a file: the team's @words stay as
				// written there; only what the bot posts must not ping.
				if _, saving := e.(strategy.Save); !saving {
					if m := pingRE.FindString(text); m != "" {
						t.Fatalf("mention %q in\n%s", m, text)
					}
				}
			}
		}
	})
}
