package comments

import (
	"strings"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/dora"
	"github.com/pipewright/pipewright/app/strategy"
)

// teamBaseline is app/dora/ghsource's worked example, measured on
// 2026-11-30: seven attempts, two failures, a rollback, a revert, one
// incident. Its figures were computed by hand there.
func teamBaseline() dora.Baseline {
	at := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	return dora.Baseline{
		Window: dora.Window{From: at.AddDate(0, 0, -90), To: at}, MeasuredAt: at, Source: dora.SourceDeployments, Environment: "production",
		Counts: dora.Counts{Deployments: 7, Failed: 2, Rollbacks: 1, Changes: 7, Reverts: 1, Incidents: 1, IncidentLabel: "incident"},
		Figures: []dora.Figure{
			{Metric: dora.Frequency, Band: dora.Low, PerDay: 6.0 / 90, Samples: 6},
			{Metric: dora.LeadTime, Band: dora.High, Median: 24 * time.Hour, P90: 46 * time.Hour, Samples: 7,
				FromCommit: &dora.Lead{Median: 24 * time.Hour, P90: 46 * time.Hour, Samples: 7}},
			{Metric: dora.FailureRate, Band: dora.Low, Rate: 2.0 / 7, Samples: 7},
			{Metric: dora.Recovery, Band: dora.High, Median: 150 * time.Minute, Samples: 2},
		},
	}
}

// A young repository: releases only, too few of them for most figures,
// and an installation that has not granted deployments: read.
func thinBaseline() dora.Baseline {
	at := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	return dora.Baseline{
		Window: dora.Window{From: at.AddDate(0, 0, -90), To: at}, MeasuredAt: at, Source: dora.SourceReleases,
		Counts: dora.Counts{Deployments: 2, Changes: 1, IncidentLabel: "incident"},
		Figures: []dora.Figure{
			{Metric: dora.Frequency, Band: dora.Medium, PerDay: 2.0 / 90, Samples: 2},
			{Metric: dora.LeadTime, Missing: "too-few-changes", Samples: 1, Need: dora.MinChanges,
				FromCommit: &dora.Lead{Missing: "too-few-commits", Samples: 2, Need: dora.MinChanges}},
			{Metric: dora.FailureRate, Missing: "too-few-deployments", Samples: 2, Need: dora.MinDeployments},
			{Metric: dora.Recovery, Missing: "no-failures"},
		},
		Notes: []dora.Note{{Key: "permission-missing", Args: []any{"permission", "deployments: read"}}},
	}
}

// The targets reply with the baseline just before DORA's tiers, a later
// targets reply with its one-line summary, /baseline on a thin history,
// and the saved section with a baseline line under each target; in
// English and in French (decimal commas, the no-break spaces).
func TestBaselineGoldens(t *testing.T) {
	for _, code := range []string{"en", "fr"} {
		t.Run(code, func(t *testing.T) {
			requireLanguage(t, code)
			env := envOf(t, docFull)
			r := English().With(strategy.Settings{Comm: code, Doc: code})
			r.Versions = map[string]string{"unleash": "v6.3.0"}
			atTargets := session(t, env, setCanary[:7]...)
			b := teamBaseline()
			atTargets = strategy.RecordBaseline(atTargets, b)
			thin := strategy.RecordBaseline(atTargets, thinBaseline())
			complete := strategy.RecordBaseline(session(t, env, setCanary...), b)
			parts := []string{
				r.Reply(&atTargets, []strategy.Message{{Kind: strategy.MsgBaseline, Key: strategy.BaselineAuto}, {Kind: strategy.MsgAskTargets}}),
				r.Reply(&atTargets, []strategy.Message{{Kind: strategy.MsgAskTargets}}),
				r.Reply(&thin, []strategy.Message{{Kind: strategy.MsgBaseline}}),
				r.Section(&complete),
			}
			got := strings.Join(parts, "\n\n=====\n\n")
			// Not checkProductText's "no time estimates": a baseline
			// reports measured durations of the past, which is the point.
			if m := placeholderRE.FindString(got); m != "" {
				t.Errorf("placeholder %s survived", m)
			}
			if m := pingRE.FindString(got); m != "" {
				t.Errorf("would mention someone: %q", m)
			}
			golden(t, "baseline-"+code, got)
		})
	}
}

// The section of a session whose shell measured no baseline (turned off,
// or pipewright local without a way to ask) has no baseline line, and the
// reply no empty block where the figures would be.
func TestNoBaselineNoLines(t *testing.T) {
	env := envOf(t, docFull)
	r := English()
	s := session(t, env, setCanary...)
	if sec := r.Section(&s); strings.Contains(sec, "Baseline") {
		t.Errorf("section without a measured baseline mentions one:\n%s", sec)
	}
	atTargets := session(t, env, setCanary[:7]...)
	got := r.Reply(&atTargets, []strategy.Message{{Kind: strategy.MsgBaseline, Key: strategy.BaselineAuto}, {Kind: strategy.MsgAskTargets}})
	if !strings.HasPrefix(got, "### ") || strings.Contains(got, "\n\n\n") {
		t.Errorf("reply should start with the targets, without an empty block:\n%s", got)
	}
}

// The environment (step 3's words) and the incident label (the
// repository's config) are outside text: in the reply and the saved
// section they are shown as names, a bidi override made visible and a
// backtick unable to close the span early.
func TestBaselineNamesAreOutsideText(t *testing.T) {
	env := envOf(t, docFull)
	r := English()
	b := teamBaseline()
	b.Environment = "prod\u202Eevil` <!-- x"
	b.Counts.IncidentLabel = "inc`ident\u2066"
	s := strategy.RecordBaseline(session(t, env, setCanary...), b)
	for name, got := range map[string]string{
		"reply":   r.Reply(&s, []strategy.Message{{Kind: strategy.MsgBaseline}}),
		"section": r.Section(&s),
	} {
		for _, raw := range []string{"\u202E", "\u2066", "<!--"} {
			if strings.Contains(got, raw) {
				t.Errorf("%s carries %q as is:\n%s", name, raw, got)
			}
		}
		if !strings.Contains(got, "<U+202E>") {
			t.Errorf("%s does not show the bidi override as <U+202E>:\n%s", name, got)
		}
	}
}
