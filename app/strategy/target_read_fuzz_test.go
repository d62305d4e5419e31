package strategy

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// FuzzReadTarget: /target's text is anyone's comment. Reading it never
// panics, says only a published tier or none, and the target keeps the
// words as written unless they are a bare tier.
func FuzzReadTarget(f *testing.F) {
	for _, s := range []string{"3%", "under 5 minutes", "1h30m", "5分钟以内", "every 2 weeks", "on demand", "10+ per day",
		"2,5 %", "1e308%", "99999999999999999999 days", "a moment", "Hoch", "3", "-5%", "0.0000001 s", "．5%", "every 0 days"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, m := range Metrics {
			tier, ok := ReadTarget(m.ID, text)
			if tier != "" && !slices.Contains(Tiers, tier) {
				t.Fatalf("ReadTarget(%s, %q) = %q, not a tier", m.ID, text, tier)
			}
			if !ok && tier != "" {
				t.Fatalf("ReadTarget(%s, %q) = %q without a reading", m.ID, text, tier)
			}
			var s Session
			args := append([]string{string(m.ID)}, strings.Fields(text)...)
			target(&s, Command{Verb: "target", Args: args, Actor: "dana", At: time.Unix(0, 0)})
			got := s.Targets[m.ID]
			_, rest, _ := splitMetric(args)
			want := clean(rest)
			if got != nil && got.Tier == "" && got.Text != want {
				t.Fatalf("/target %s %q kept %q", m.ID, text, got.Text)
			}
		}
	})
}
