package strategy

import (
	"slices"

	"github.com/pipewright/pipewright/app/dora"
)

// BaselineAuto marks the baseline message the engine adds before the
// targets, as opposed to one /baseline asked for.
const BaselineAuto = "auto"

// MeasureBaseline asks the shell to measure the repository's DORA
// baseline (package dora) and hand it to RecordBaseline before the reply
// is rendered. The engine asks when the targets are first shown and on
// /baseline; a shell with the baseline turned off ignores it.
type MeasureBaseline struct{}

func (MeasureBaseline) isEffect() {}

// RecordBaseline keeps a measured baseline in the session: the targets
// reply shows it beside DORA's tiers and the saved Target Profile carries
// it, with its date and source. It never sets or changes a target, and it
// is no decision, so the decision history does not list it.
func RecordBaseline(s Session, b dora.Baseline) Session {
	s = s.Clone()
	s.Baseline = &b
	return s
}

// baseline is "/baseline": measure again now and show the figures.
func baseline(s *Session, cmd Command) outcome {
	return outcome{msgs: []Message{{Kind: MsgBaseline}}, measure: true}
}

// withBaseline says whether the shell should measure before rendering:
// /baseline asked, or the session reached the targets (every category is
// decided and the reply asks for targets or records one) with no baseline
// measured. Then the figures are shown just
// before the first of those; later replies show them no more.
func withBaseline(s *Session, msgs []Message, asked bool) ([]Message, bool) {
	if asked || s.Baseline != nil || !s.Started() || len(s.MissingCategories()) > 0 {
		return msgs, asked
	}
	i := slices.IndexFunc(msgs, func(m Message) bool {
		return m.Kind == MsgAskTargets || m.Kind == MsgTiers || m.Kind == MsgTarget
	})
	if i < 0 {
		return msgs, false
	}
	out := append(msgs[:i:i], Message{Kind: MsgBaseline, Key: BaselineAuto})
	return append(out, msgs[i:]...), true
}

// BaselineGap is a target set two or more DORA bands above where the team
// measured itself today: worth a note in the review, never a block.
type BaselineGap struct {
	Metric MetricID
	Target string // the target's tier
	Today  dora.Band
}

// BaselineGaps lists the metrics whose tier target is at least two bands
// above the measured band, in the seed's order.
func BaselineGaps(s *Session) []BaselineGap {
	var out []BaselineGap
	for _, m := range Metrics {
		tg := s.Targets[m.ID]
		f, ok := s.Baseline.Figure(dora.Metric(m.ID))
		if tg == nil || tg.Tier == "" || !ok || !f.Known() {
			continue
		}
		if slices.Index(Tiers, string(f.Band))-slices.Index(Tiers, tg.Tier) >= 2 {
			out = append(out, BaselineGap{Metric: m.ID, Target: tg.Tier, Today: f.Band})
		}
	}
	return out
}
