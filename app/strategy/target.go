package strategy

import (
	"strconv"
	"strings"
)

// target records "/target <metric> <text>": a published DORA tier (by name
// or number) or the team's own words. With no text it offers the tiers.
func target(s *Session, cmd Command) outcome {
	if len(cmd.Args) == 0 {
		return outcome{msgs: []Message{{Kind: MsgAskTargets}}}
	}
	metric, rest, ok := splitMetric(cmd.Args)
	if !ok {
		if m, near := suggestMetric(cmd.Args[0]); near {
			return say(notice("target.did-you-mean", "input", cmd.Args[0], "metric", string(m)))
		}
		return say(notice("target.unknown-metric", "input", cmd.Args[0]), Message{Kind: MsgAskTargets})
	}
	text := clean(rest)
	if text == "" {
		return say(Message{Kind: MsgTiers, Metric: metric})
	}
	t := &Target{Text: text, By: cmd.Actor, At: cmd.At}
	if tier, ok := matchTier(text); ok {
		t.Tier, t.Text = tier, ""
	}
	if s.Targets == nil {
		s.Targets = map[MetricID]*Target{}
	}
	s.Targets[metric] = t
	s.Menu = "" // a target is no decision category: its reply says what is next
	s.Revision++
	s.History = append(s.History, HistoryEntry{At: cmd.At, By: cmd.Actor, Action: "target " + string(metric)})
	return outcome{msgs: []Message{{Kind: MsgTarget, Metric: metric}}, showNext: true}
}

// splitMetric takes the metric's name off the front; the longest alias
// ("mean time to recovery") has four words.
func splitMetric(args []string) (MetricID, string, bool) {
	for n := min(maxMetricWords, len(args)); n >= 1; n-- {
		if m, ok := matchMetric(strings.Join(args[:n], " ")); ok {
			return m, strings.Join(args[n:], " "), true
		}
	}
	return "", "", false
}

// matchTier accepts a bare tier only: its name ("elite", or a shipped
// language's, "Hoch") or its number 1–4 as the choices show it. Anything
// else is the team's words, kept as written: "3%" is a rate, not tier 3.
func matchTier(text string) (string, bool) {
	key := strings.ToLower(strings.Trim(text, " \t.`*_"))
	for i, t := range Tiers {
		if key == t || key == strconv.Itoa(i+1) {
			return t, true
		}
		for _, name := range translatedTierNames[t] {
			if key == strings.ToLower(name) {
				return t, true
			}
		}
	}
	return "", false
}

// maxMetricWords is the most words a metric's name or alias has.
var maxMetricWords = func() int {
	most := 1
	for _, m := range Metrics {
		for _, a := range append([]string{string(m.ID)}, m.Aliases...) {
			most = max(most, len(strings.Fields(a)))
		}
	}
	return most
}()
