package comments

import (
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

// A reply that records a target shows what changed and what is still open,
// not the whole tiers table again (issue 13: "one context, read once");
// the targets' first showing keeps the table, at every skill level.
func TestTargetReplyDoesNotRepeatTheTiers(t *testing.T) {
	env := envOf(t, docFull)
	s := session(t, env, append(setCanary[:7:7], "/target frequency elite")...)
	for _, level := range []string{i18n.Beginner, "", i18n.Expert} {
		r := English().With(strategy.Settings{Skill: level})
		first := r.Reply(&s, []strategy.Message{{Kind: strategy.MsgAskTargets}})
		after := r.Reply(&s, []strategy.Message{{Kind: strategy.MsgTarget, Metric: strategy.MetricFrequency}, {Kind: strategy.MsgAskTargets}})
		if !strings.Contains(first, "| Metric |") {
			t.Errorf("%q: the targets' first showing lost its tiers table:\n%s", level, first)
		}
		if strings.Contains(after, "| Metric |") || strings.Contains(after, "Between once per day") {
			t.Errorf("%q: a recorded target repeats the tiers:\n%s", level, after)
		}
		for _, want := range []string{"Target recorded", "Targets still open: Lead Time for Changes (`lead-time`)", "`/target mttr elite`"} {
			if !strings.Contains(after, want) {
				t.Errorf("%q: reply lacks %q:\n%s", level, want, after)
			}
		}
	}
}
