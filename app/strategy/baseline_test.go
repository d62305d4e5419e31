package strategy

import (
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/dora"
)

func measured(bands map[dora.Metric]dora.Band) *dora.Baseline {
	b := &dora.Baseline{MeasuredAt: time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC), Source: dora.SourceDeployments}
	for _, m := range dora.Metrics {
		f := dora.Figure{Metric: m, Missing: "too-few-deployments"}
		if band, ok := bands[m]; ok {
			f = dora.Figure{Metric: m, Band: band, Samples: 10}
		}
		b.Figures = append(b.Figures, f)
	}
	return b
}

func hasMeasure(effects []Effect) bool {
	for _, e := range effects {
		if _, ok := e.(MeasureBaseline); ok {
			return true
		}
	}
	return false
}

// The baseline is measured the first time the targets come up and on
// /baseline, never again by itself, and it never sets a target.
func TestBaselineIsMeasuredWhenTargetsFirstShow(t *testing.T) {
	s := after(allSix...)(t) // the last category's A/P/C menu is open
	next, effects := Apply(s, c("/menu C"), Env{})
	if !hasMeasure(effects) {
		t.Fatalf("the targets' first showing asks for a measurement: %#v", effects)
	}
	next = RecordBaseline(next, *measured(map[dora.Metric]dora.Band{dora.Recovery: dora.Medium}))
	if len(next.Targets) != 0 {
		t.Errorf("recording a baseline set targets: %+v", next.Targets)
	}
	again, effects := Apply(next, c("/target"), Env{})
	if hasMeasure(effects) {
		t.Error("a session with a baseline measures again by itself")
	}
	if kinds := shape(replyOf(effects)); len(kinds) != 1 || kinds[0] != "ask-targets" {
		t.Errorf("later targets reply = %v, want the targets alone", kinds)
	}
	_, effects = Apply(again, c("/baseline"), Env{})
	if !hasMeasure(effects) || shape(replyOf(effects))[0] != "baseline" {
		t.Errorf("/baseline = %v, want a measurement and the figures", shape(replyOf(effects)))
	}
}

func TestBaselineGaps(t *testing.T) {
	s := after(allSix...)(t)
	s.Targets = map[MetricID]*Target{
		MetricMTTR:      {Tier: "elite"}, // today medium: two bands apart
		MetricFrequency: {Tier: "high"},  // today medium: one band, on purpose
		MetricLeadTime:  {Text: "a day"}, // the team's words: no tier to compare
		MetricFailure:   {Tier: "elite"}, // not measured
	}
	s.Baseline = measured(map[dora.Metric]dora.Band{dora.Recovery: dora.Medium, dora.Frequency: dora.Medium, dora.LeadTime: dora.Low})
	gaps := BaselineGaps(&s)
	if len(gaps) != 1 || gaps[0].Metric != MetricMTTR || gaps[0].Today != dora.Medium || gaps[0].Target != "elite" {
		t.Errorf("gaps = %+v, want mttr only (elite vs medium)", gaps)
	}
}
