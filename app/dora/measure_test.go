package dora

import (
	"testing"
	"time"
)

var sep1 = time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC) // a Tuesday

func at(day int, hour float64) time.Time {
	return sep1.AddDate(0, 0, day).Add(time.Duration(hour * float64(time.Hour)))
}

func figure(t *testing.T, b Baseline, m Metric) Figure {
	t.Helper()
	f, ok := b.Figure(m)
	if !ok {
		t.Fatalf("no %s figure in %+v", m, b.Figures)
	}
	return f
}

// Twelve deployments on Wednesdays, Fridays and Mondays of four weeks,
// three of them shipping a merged change; nothing failed.
func TestMeasureSteadyTeam(t *testing.T) {
	in := Input{Window: Window{From: sep1, To: sep1.AddDate(0, 0, 28)}, Source: SourceDeployments, Environment: "production"}
	in.Deployments = append(in.Deployments, Deployment{Ref: "base", At: sep1.Add(-time.Hour)}) // the one before the window
	for week := range 4 {
		for _, wd := range []int{1, 3, 6} { // Wed 2nd, Fri 4th, Mon 7th, then a week later each
			sha := "d" + string(rune('a'+week)) + string(rune('0'+wd))
			in.Deployments = append(in.Deployments, Deployment{Ref: sha, At: at(week*7+wd, 12), Compared: true, Commits: []Commit{{SHA: sha + "-c"}}})
		}
	}
	// Three changes merged 2 h, 4 h and 30 h before the deployment that shipped them.
	leads := []float64{2, 4, 30}
	for i, h := range leads {
		d := &in.Deployments[1+i*3]
		in.Changes = append(in.Changes, Change{Number: i + 1, SHA: d.Commits[0].SHA, MergedAt: d.At.Add(-time.Duration(h * float64(time.Hour)))})
	}
	b := Measure(in, sep1.AddDate(0, 0, 28))

	if b.Counts.Deployments != 12 || b.Counts.Failed != 0 || b.Counts.Changes != 3 {
		t.Errorf("counts = %+v, want 12 deployments, 0 failed, 3 changes", b.Counts)
	}
	freq := figure(t, b, Frequency)
	if freq.Band != Elite || freq.Samples != 12 || freq.PerDay != 12.0/28 {
		t.Errorf("frequency = %+v, want elite (3 days a week), 12 deployments, %v a day", freq, 12.0/28)
	}
	lead := figure(t, b, LeadTime)
	if lead.Median != 4*time.Hour || lead.P90 != 30*time.Hour || lead.Band != Elite || lead.Samples != 3 {
		t.Errorf("lead time = %+v, want median 4h, p90 30h, elite, from 3", lead)
	}
	cfr := figure(t, b, FailureRate)
	if cfr.Rate != 0 || cfr.Band != Elite || cfr.Samples != 12 {
		t.Errorf("failure rate = %+v, want 0 of 12, elite", cfr)
	}
	rec := figure(t, b, Recovery)
	if rec.Known() || rec.Missing != "no-failures" {
		t.Errorf("recovery = %+v, want missing: no-failures (never a made-up number)", rec)
	}
}

// Six attempts: an incident after the first, a failed status, a rollback
// to an older version and a revert pull request.
func TestMeasureFailuresRollbackRevertIncident(t *testing.T) {
	in := Input{Window: Window{From: sep1, To: sep1.AddDate(0, 0, 14)}, Source: SourceDeployments, IncidentLabel: "incident"}
	in.Deployments = []Deployment{
		{Ref: "a", At: at(0, 10)},               // d1: an incident is opened after it
		{Ref: "b", At: at(1, 10), Failed: true}, // d2: its status failed
		{Ref: "c", At: at(1, 12)},               // d3: recovers d2 after 2 h
		{Ref: "d", At: at(2, 10)},               // d4: rolled back by d5
		{Ref: "c", At: at(2, 10.5)},             // d5: back to c, an older version
		{Ref: "e", At: at(3, 10)},               // d6: a revert is merged after it; nothing deploys again
	}
	in.Incidents = []Incident{{Number: 7, OpenedAt: at(0, 11), ClosedAt: at(0, 14)}}
	in.Changes = []Change{{Number: 9, SHA: "r", MergedAt: at(4, 9), Revert: true}}
	b := Measure(in, at(14, 0))

	want := Counts{Deployments: 6, Failed: 4, Rollbacks: 1, Changes: 1, Reverts: 1, Incidents: 1, IncidentLabel: "incident"}
	if b.Counts != want {
		t.Errorf("counts = %+v, want %+v", b.Counts, want)
	}
	cfr := figure(t, b, FailureRate)
	if cfr.Rate != 4.0/6 || cfr.Band != Low {
		t.Errorf("failure rate = %+v, want 4/6, low", cfr)
	}
	// Recoveries: the incident's 3 h, d2 → d3 2 h, d4 → d5 30 min; d6 has
	// not recovered yet. Median 2 h: high.
	rec := figure(t, b, Recovery)
	if rec.Median != 2*time.Hour || rec.Samples != 3 || rec.Band != High {
		t.Errorf("recovery = %+v, want median 2h from 3, high", rec)
	}
	if lead := figure(t, b, LeadTime); lead.Known() || lead.Missing != "too-few-changes" {
		t.Errorf("lead time = %+v, want too-few-changes (nothing compared)", lead)
	}
}

func TestMeasureTooLittleData(t *testing.T) {
	in := Input{Window: Window{From: sep1, To: sep1.AddDate(0, 0, 90)}, Source: SourceReleases}
	in.Deployments = []Deployment{
		{Ref: "v1.0.0", At: at(10, 9), Compared: true, Commits: []Commit{{SHA: "x"}}},
		{Ref: "v1.1.0", At: at(50, 9), Compared: true, Commits: []Commit{{SHA: "y"}}},
	}
	in.Changes = []Change{{Number: 1, SHA: "y", MergedAt: at(49, 9)}}
	b := Measure(in, at(90, 0))
	if f := figure(t, b, FailureRate); f.Known() || f.Missing != "too-few-deployments" || f.Samples != 2 || f.Need != MinDeployments {
		t.Errorf("failure rate = %+v, want too-few-deployments from 2 (needs %d)", f, MinDeployments)
	}
	if f := figure(t, b, LeadTime); f.Known() || f.Missing != "too-few-changes" || f.Samples != 1 {
		t.Errorf("lead time = %+v, want too-few-changes from 1", f)
	}
	// Two releases in 90 days, on days 10 and 50: the 30-day periods counted
	// back from the end hold 0, 1 and 1, so the median month has one: medium.
	if f := figure(t, b, Frequency); !f.Known() || f.Samples != 2 || f.Band != Medium {
		t.Errorf("frequency = %+v, want medium from 2", f)
	}
}

func TestMeasureNoSource(t *testing.T) {
	in := Input{Window: Window{From: sep1, To: sep1.AddDate(0, 0, 90)}, Source: SourceNone,
		Incidents: []Incident{{Number: 1, OpenedAt: at(3, 0), ClosedAt: at(3, 0.5)}}}
	b := Measure(in, at(90, 0))
	for _, m := range []Metric{Frequency, LeadTime} {
		if f := figure(t, b, m); f.Known() || f.Missing != "no-deployment-data" {
			t.Errorf("%s = %+v, want no-deployment-data", m, f)
		}
	}
	if f := figure(t, b, Recovery); f.Median != 30*time.Minute || f.Band != Elite {
		t.Errorf("recovery = %+v, want 30 min from the closed incident, elite", f)
	}
}

func TestFrequencyBands(t *testing.T) {
	w := Window{From: sep1, To: sep1.AddDate(0, 0, 84)} // twelve weeks
	every := func(days int) []Deployment {
		var ds []Deployment
		for d := 0; d < 84; d += days {
			ds = append(ds, Deployment{Ref: "s", At: at(d, 12)})
		}
		return ds
	}
	for _, tc := range []struct {
		name  string
		every int
		want  Band
	}{
		{"daily", 1, Elite}, {"every other day", 2, Elite}, {"weekly", 7, High},
		{"fortnightly", 14, Medium}, {"every 6 weeks", 42, Low},
	} {
		b := Measure(Input{Window: w, Source: SourceDeployments, Deployments: every(tc.every)}, w.To)
		if f := figure(t, b, Frequency); f.Band != tc.want {
			t.Errorf("%s: band %s, want %s (%+v)", tc.name, f.Band, tc.want, f)
		}
	}
}

func TestBandBoundaries(t *testing.T) {
	for _, tc := range []struct {
		got, want Band
	}{
		{LeadTimeBand(23 * time.Hour), Elite}, {LeadTimeBand(24 * time.Hour), High},
		{LeadTimeBand(6 * day), High}, {LeadTimeBand(week), Medium}, {LeadTimeBand(month), Low},
		{RecoveryBand(59 * time.Minute), Elite}, {RecoveryBand(time.Hour), High},
		{RecoveryBand(2 * day), Medium}, {RecoveryBand(8 * day), Low},
		{FailureRateBand(0.05), Elite}, {FailureRateBand(0.051), High}, {FailureRateBand(0.15), Medium},
		{FailureRateBand(0.16), Low},
	} {
		if tc.got != tc.want {
			t.Errorf("band %s, want %s", tc.got, tc.want)
		}
	}
}
