package comments

import (
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

// teamWordsTargets are targets in the team's words: three read as values
// (one outside every DORA band), one not.
const teamWordsTargets = "/target frequency twice a week\n/target lead-time seven months\n/target failure-rate 3%\n/target mttr as fast as the pager allows"

// TestTargetsKeepTheTeamsWords: "/target failure-rate 3%" was saved as "15%
// (DORA Medium)" (the digit read as tier 3). The section, the review and
// the reply keep the team's words and put the DORA band beside them.
func TestTargetsKeepTheTeamsWords(t *testing.T) {
	env := envOf(t, docFull)
	s := session(t, env, append(setCanary[:7:7], teamWordsTargets)...)
	section := English().Section(&s)
	golden(t, "section-target-words", section)
	for _, want := range []string{
		"- Deployment Frequency: twice a week — within DORA High (Between once per day and once per week)",
		"- Lead Time for Changes: seven months — outside DORA's published bands",
		"- Change Failure Rate: 3% — within DORA Elite (0–5%)",
		"- Mean Time to Recovery: as fast as the pager allows\n",
	} {
		if !strings.Contains(section, want) {
			t.Errorf("section lacks %q:\n%s", want, section)
		}
	}
	if strings.Contains(section, "15%") || strings.Contains(section, "Medium") {
		t.Errorf("the team's 3%% was read as a tier:\n%s", section)
	}
	for _, code := range append([]string{i18n.DefaultLang}, translations...) {
		r := English().With(strategy.Settings{Comm: code, Doc: code})
		got := r.Reply(&s, []strategy.Message{{Kind: strategy.MsgTarget, Metric: strategy.MetricFailure}})
		band := r.Lang.T("targets.band", "tier", r.Lang.T("tier.elite"), "band", r.Lang.Metric("failure-rate").BandText("elite"))
		if !strings.Contains(got, "3% — "+band) {
			t.Errorf("%s: reply lacks %q:\n%s", code, "3% — "+band, got)
		}
	}
}
