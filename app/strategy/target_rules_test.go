package strategy

import (
	"slices"
	"testing"
)

// TestTeamWordsTargetsTakePart: a target in the team's words whose value
// falls in a tier's band counts for the consistency rules as that tier
// does; words that hold no value, or fall elsewhere, do not.
func TestTeamWordsTargetsTakePart(t *testing.T) {
	cases := []struct {
		rule  string
		lines []string
		fires bool
	}{
		{"recreate-elite-mttr", []string{"/decide recreate", "/target mttr under 5 minutes"}, true},
		{"recreate-elite-mttr", []string{"/decide recreate", "/target mttr 30m"}, true},
		{"recreate-elite-mttr", []string{"/decide recreate", "/target mttr 2 days"}, false},
		{"recreate-elite-mttr", []string{"/decide recreate", "/target mttr as fast as we can"}, false},
		{"manual-elite-mttr", []string{"/decide rollback manual", "/target mttr within an hour"}, true},
		{"flags-none-elite-frequency", []string{"/decide flags none", "/target frequency on demand"}, true},
		{"flags-none-elite-frequency", []string{"/decide flags none", "/target frequency 10 deploys per day"}, true},
		{"window-frequent-deploys", []string{"/decide maintenance-window", "/target frequency daily"}, true},
		{"window-frequent-deploys", []string{"/decide maintenance-window", "/target frequency once a month"}, false},
		{"experiment-elite-lead-time", []string{"/decide ab-testing", "/target lead-time under a day"}, true},
		{"experiment-elite-lead-time", []string{"/decide ab-testing", "/target lead-time 3 days"}, false},
	}
	for _, c := range cases {
		got := Analyze(ptr(decideLines(t, okEnv(t), c.lines)))
		if slices.Contains(got, c.rule) != c.fires {
			t.Errorf("%v: %s fires = %v, want %v", c.lines, c.rule, !c.fires, c.fires)
		}
	}
}
