package strategy

import (
	"testing"
	"time"
)

// TestReadTarget: the team's words read as a value only when they hold
// exactly one, and then fall in the DORA band the published wording puts
// them in (dora_bands.go).
func TestReadTarget(t *testing.T) {
	cases := []struct {
		m    MetricID
		text string
		tier string // "" with ok: read, outside every band
		ok   bool
	}{
		{MetricFailure, "3%", "elite", true},
		{MetricFailure, "4%", "elite", true},
		{MetricFailure, "5%", "elite", true},
		{MetricFailure, "under 10 %", "high", true},
		{MetricFailure, "12 percent", "medium", true},
		{MetricFailure, "2,5 %", "elite", true},
		{MetricFailure, "30%", "low", true},
		{MetricFailure, "below 15％", "medium", true},
		{MetricFailure, "150%", "", true},
		{MetricFailure, "3", "", false},
		{MetricFailure, "as low as we can", "", false},
		{MetricFailure, "5% over 30 days", "", false},
		{MetricFailure, "2-5%", "", false},
		{MetricFailure, "5% for payments, 10% elsewhere", "", false},
		{MetricMTTR, "under 5 minutes", "elite", true},
		{MetricMTTR, "5m", "elite", true},
		{MetricMTTR, "1h", "high", true},
		{MetricMTTR, "under an hour", "elite", true},
		{MetricMTTR, "within one hour", "elite", true},
		{MetricMTTR, "1h 30m", "high", true},
		{MetricMTTR, "1h30m", "high", true},
		{MetricMTTR, "2 days", "medium", true},
		{MetricMTTR, "2 weeks", "low", true},
		{MetricMTTR, "2 years", "", true},
		{MetricMTTR, "unter 5 Minuten", "elite", true},
		{MetricMTTR, "5分钟以内", "elite", true},
		{MetricMTTR, "p95 under 5 minutes", "", false},
		{MetricMTTR, "5 mice", "", false},
		{MetricMTTR, "fast", "", false},
		{MetricMTTR, "a moment", "", false},
		{MetricLeadTime, "under a day", "elite", true},
		{MetricLeadTime, "less than one day, as today", "elite", true},
		{MetricLeadTime, "as small as a day", "high", true},
		{MetricLeadTime, "1 day", "high", true},
		{MetricLeadTime, "2 days", "high", true},
		{MetricLeadTime, "3 weeks", "medium", true},
		{MetricLeadTime, "2 months", "low", true},
		{MetricLeadTime, "1 year", "", true},
		{MetricLeadTime, "1-2 days", "", false},
		{MetricFrequency, "on demand", "elite", true},
		{MetricFrequency, "On-demand, many times a day", "elite", true},
		{MetricFrequency, "multiple deploys per day", "elite", true},
		{MetricFrequency, "10 deploys per day", "elite", true},
		{MetricFrequency, "daily", "high", true},
		{MetricFrequency, "at least daily", "high", true},
		{MetricFrequency, "more than once a day", "elite", true},
		{MetricFrequency, "twice a week", "high", true},
		{MetricFrequency, "weekly", "high", true},
		{MetricFrequency, "every 2 weeks", "medium", true},
		{MetricFrequency, "once a month", "medium", true},
		{MetricFrequency, "quarterly", "low", true},
		{MetricFrequency, "once a year", "", true},
		{MetricFrequency, "3/week", "high", true},
		{MetricFrequency, "每天", "high", true},
		{MetricFrequency, "每天5次", "", false},
		{MetricFrequency, "often", "", false},
		{MetricFrequency, "daily and weekly", "", false},
	}
	for _, c := range cases {
		tier, ok := ReadTarget(c.m, c.text)
		if tier != c.tier || ok != c.ok {
			t.Errorf("ReadTarget(%s, %q) = %q, %v; want %q, %v", c.m, c.text, tier, ok, c.tier, c.ok)
		}
	}
}

// TestTargetKeepsTheTeamsWords: only a bare tier name (in any shipped
// language) or a bare number 1–4 picks a tier; "3%" was read as tier 3 and
// saved as "15% (DORA Medium)".
func TestTargetKeepsTheTeamsWords(t *testing.T) {
	cases := []struct {
		args []string
		tier string
		text string
	}{
		{[]string{"failure-rate", "3%"}, "", "3%"},
		{[]string{"failure-rate", "4%"}, "", "4%"},
		{[]string{"failure-rate", "3"}, "medium", ""},
		{[]string{"mttr", "elite"}, "elite", ""},
		{[]string{"mttr", "Elite"}, "elite", ""},
		{[]string{"mttr", "Hoch"}, "high", ""},
		{[]string{"mttr", "精英"}, "elite", ""},
		{[]string{"mttr", "1h"}, "", "1h"},
		{[]string{"mttr", "tier", "1"}, "", "tier 1"},
		{[]string{"lead", "time", "4", "days"}, "", "4 days"},
		{[]string{"frequency", "elite-ish"}, "", "elite-ish"},
	}
	for _, c := range cases {
		var s Session
		cmd := Command{Verb: "target", Args: c.args, Actor: "dana", At: time.Unix(0, 0)}
		target(&s, cmd)
		m, _, _ := splitMetric(c.args)
		got := s.Targets[m]
		if got == nil || got.Tier != c.tier || got.Text != c.text {
			t.Errorf("/target %v = %+v; want tier %q text %q", c.args, got, c.tier, c.text)
		}
	}
}
