package comments

import (
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/project"
	"github.com/pipewright/pipewright/app/strategy"
)

// TestSkillsGoldenPerLanguage shows, per language, what differs by skill
// level (a beginner's and an expert's asks) and the settings notices, so
// a review sees the skill texts in place. The whole session per language
// is app/localrun's golden.
func TestSkillsGoldenPerLanguage(t *testing.T) {
	for _, code := range translations {
		t.Run(code, func(t *testing.T) {
			requireLanguage(t, code)
			env := envOf(t, docFull)
			mid := session(t, env, midway...)
			targets := session(t, env, setCanary[:7]...)
			var parts []string
			for _, level := range []string{i18n.Beginner, i18n.Expert} {
				r := English().With(strategy.Settings{Comm: code, Doc: code, Skill: level})
				r.Versions = map[string]string{"unleash": "v6.3.0"}
				for _, cat := range []strategy.CategoryID{strategy.CatFlags, strategy.CatDowntime} {
					parts = append(parts, r.Reply(&mid, []strategy.Message{{Kind: strategy.MsgAsk, Category: cat}}))
				}
				parts = append(parts, r.Reply(&targets, []strategy.Message{{Kind: strategy.MsgAskTargets}, {Kind: strategy.MsgTiers, Metric: strategy.MetricMTTR}}))
			}
			_, notes := Settings(project.Preferences{Doc: "Klingon", Skill: "guru"})
			parts = append(parts, English().With(strategy.Settings{Comm: code}).Reply(&strategy.Session{}, notes))
			got := strings.Join(parts, "\n\n=====\n\n")
			checkProductText(t, code, got)
			golden(t, "lang-"+code+"-skills", stableLanguages(t, got, true))
		})
	}
}
