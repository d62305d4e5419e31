package comments

import (
	"regexp"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

// The languages shipped besides English. All six have landed, so a missing
// file fails; while a new language is being written, awaitTranslations
// true makes its tests skip with a message instead.
var (
	translations      = []string{"fr", "de", "es", "pt-BR", "zh-CN", "ja"}
	awaitTranslations = false
)

func requireLanguage(t *testing.T, code string) {
	t.Helper()
	if i18n.Complete(code) {
		return
	}
	if awaitTranslations {
		t.Skipf("%s: translation not landed yet (locales/%s lacks files of locales/en)", code, code)
	}
	t.Fatalf("%s: locales/%s lacks files of locales/en", code, code)
}

// rendered is one reply as a team reads it, and the team's own words in it
// (which are never translated, so never checked for English).
type rendered struct {
	name, text string
	team       []string
}

// corpus renders, with the settings, everything a team can read: every
// reply golden's case, every ask and target ask at every level, every
// elicitation method, party mode and the whole A list.
func corpus(t *testing.T, set strategy.Settings) []rendered {
	t.Helper()
	base := English()
	base.Versions = map[string]string{"unleash": "v6.3.0"}
	var out []rendered
	add := func(name, doc string, before []string, body string, save *SaveOutcome, r Render) {
		env := envOf(t, doc)
		if doc == "-" {
			env = strategy.Env{}
		}
		s := session(t, env, before...)
		next, msgs, sv := comment(t, s, env, "dana", body)
		text := r.Reply(&next, msgs)
		if save != nil && sv != nil {
			text = r.FillSaveOutcome(text, *save)
		}
		team := teamWords(append(append([]string(nil), before...), body)...)
		if save != nil {
			team = append(team, save.Err)
		}
		out = append(out, rendered{name: name, text: text, team: append(team, teamWords(strings.Split(doc, "\n")...)...)})
	}
	r := base.With(set)
	for _, rc := range replyCases {
		doc := rc.doc
		if doc == "" {
			doc = docFull
		}
		add(rc.name, doc, rc.before, rc.body, rc.save, r)
	}
	for _, level := range i18n.Levels {
		lr := base.With(strategy.Settings{Comm: set.Comm, Doc: set.Doc, Skill: level})
		for i := 1; i < len(setCanary)-1; i++ {
			add(level+"-ask-"+itoa(i), docFull, setCanary[:i], setCanary[i], nil, lr)
		}
		add(level+"-targets", docFull, setCanary[:7], "/target frequency elite\n/target mttr", nil, lr)
	}
	for _, set := range apcSets {
		add("menu-a-all-"+set.name, set.doc, set.bodies, "/menu A all", nil, r)
		add("party-"+set.name, set.doc, set.bodies, "/menu P", nil, r)
		for _, m := range strategy.Methods {
			add("elicit-"+m.ID+"-"+set.name, set.doc, set.bodies, "/elicit "+m.ID+"\nWe would see it in checkout errors first.", nil, r)
		}
		add("accept-"+set.name, set.doc, append(append([]string(nil), set.bodies...), "/elicit pre-mortem"), "/accept", nil, r)
	}
	return out
}

var fieldLineRE = regexp.MustCompile(`^([A-Za-z][A-Za-z ]*):\s*(.+)$`)

// teamWords are what comment bodies and the document say in the team's
// words: rationales, field values, plain lines, the document's text.
func teamWords(lines ...string) []string {
	var out []string
	for _, body := range lines {
		for _, l := range strings.Split(body, "\n") {
			l = strings.TrimSpace(l)
			if _, why, ok := strings.Cut(l, " -- "); ok {
				out = append(out, strings.TrimSpace(why))
			}
			if m := fieldLineRE.FindStringSubmatch(l); m != nil {
				out = append(out, m[2])
			}
			if l != "" && !strings.HasPrefix(l, "/") {
				out = append(out, l)
			}
		}
	}
	return out
}
