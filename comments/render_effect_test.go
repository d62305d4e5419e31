package comments

import (
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

// TestDORAEffectsAreWords: a DORA effect is said as better/worse in words
// next to the metric, in every reply, table and language. "Change Failure
// Rate ⬆️" was meant as "improves" and read as "more failures".
func TestDORAEffectsAreWords(t *testing.T) {
	env := envOf(t, docFull)
	done := session(t, env, completeSet()...)
	elicited, elicit, _ := comment(t, done, env, "dana", "/elicit comparative-matrix")
	for _, code := range append([]string{i18n.DefaultLang}, translations...) {
		for _, skill := range []string{"", i18n.Beginner, i18n.Expert} {
			r := English().With(strategy.Settings{Comm: code, Doc: code, Skill: skill})
			var replies []string
			for _, c := range strategy.Categories {
				replies = append(replies, r.Reply(&done, []strategy.Message{{Kind: strategy.MsgAsk, Category: c.ID}}))
				replies = append(replies, r.Reply(&done, []strategy.Message{{Kind: strategy.MsgDecision, Category: c.ID}}))
			}
			replies = append(replies, r.Reply(&elicited, elicit))
			got := strings.Join(replies, "\n")
			for _, arrow := range []string{"⬆", "⬇", "↕", "↑", "↓"} {
				if strings.Contains(got, arrow) {
					t.Errorf("%s/%s: a DORA effect is shown as %q, which reads as the metric's value going up or down", code, skill, arrow)
				}
			}
			better := r.Lang.T("effect.improves")
			failure := r.Lang.Metric(string(strategy.MetricFailure))
			if !strings.Contains(got, pair(r.Lang, failure.Name, better)) && !strings.Contains(got, pair(r.Lang, failure.Short, better)) {
				t.Errorf("%s/%s: no %q in the replies", code, skill, pair(r.Lang, failure.Name, better))
			}
		}
	}
}
