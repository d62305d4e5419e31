package dora

import (
	"slices"
	"time"
)

// Measure computes the baseline from what a source read. now is when the
// measurement was taken (the shell's clock; Measure reads none).
func Measure(in Input, now time.Time) Baseline {
	b := Baseline{Window: in.Window, MeasuredAt: now, Source: in.Source, Environment: in.Environment,
		Notes: in.Notes}
	b.Counts.IncidentLabel = in.IncidentLabel
	for _, c := range in.Changes {
		if in.Window.Contains(c.MergedAt) {
			b.Counts.Changes++
			if c.Revert {
				b.Counts.Reverts++
			}
		}
	}
	for _, i := range in.Incidents {
		if in.Window.Contains(i.OpenedAt) {
			b.Counts.Incidents++
		}
	}
	attempts := attemptsIn(in)
	b.Counts.Deployments = len(attempts)
	failures := classify(in, attempts)
	for _, f := range failures {
		if f.failed {
			b.Counts.Failed++
		}
		if f.rolledBack {
			b.Counts.Rollbacks++
		}
	}
	b.Figures = []Figure{
		frequency(in, attempts),
		leadTime(in, attempts),
		failureRate(attempts, failures),
		recovery(in, attempts, failures),
	}
	return b
}

// attemptsIn are the deployments in the window with an outcome, oldest first.
func attemptsIn(in Input) []Deployment {
	var out []Deployment
	for _, d := range in.Deployments {
		if !d.Pending && in.Window.Contains(d.At) {
			out = append(out, d)
		}
	}
	slices.SortStableFunc(out, func(a, b Deployment) int { return a.At.Compare(b.At) })
	return out
}

func frequency(in Input, attempts []Deployment) Figure {
	f := Figure{Metric: Frequency}
	if in.Source == SourceNone {
		f.Missing = "no-deployment-data"
		return f
	}
	var times []time.Time
	for _, d := range attempts {
		if !d.Failed {
			times = append(times, d.At)
		}
	}
	f.Samples = len(times)
	f.PerDay = float64(len(times)) / in.Window.Days()
	daysPerWeek, perWeek := weekly(in.Window, times)
	f.Band = FrequencyBand(daysPerWeek, perWeek, perPeriod(in.Window, times, month))
	return f
}

// weekly returns the median over the window's whole weeks (counted back
// from its end) of the days with a deployment and of the deployments.
func weekly(w Window, times []time.Time) (days, count float64) {
	var dayCounts, counts []float64
	for end := w.To; !end.Add(-week).Before(w.From); end = end.Add(-week) {
		start := end.Add(-week)
		seen := map[string]bool{}
		n := 0
		for _, t := range times {
			if !t.Before(start) && t.Before(end) {
				seen[t.UTC().Format(time.DateOnly)] = true
				n++
			}
		}
		dayCounts, counts = append(dayCounts, float64(len(seen))), append(counts, float64(n))
	}
	return median(dayCounts), median(counts)
}

// perPeriod is the median number of deployments in the window's whole
// periods of length p (counted back from its end); with no whole period,
// the window's rate scaled to p.
func perPeriod(w Window, times []time.Time, p time.Duration) float64 {
	var counts []float64
	for end := w.To; !end.Add(-p).Before(w.From); end = end.Add(-p) {
		n := 0
		for _, t := range times {
			if !t.Before(end.Add(-p)) && t.Before(end) {
				n++
			}
		}
		counts = append(counts, float64(n))
	}
	if len(counts) == 0 {
		return float64(len(times)) / w.Days() * p.Hours() / 24
	}
	return median(counts)
}

func leadTime(in Input, attempts []Deployment) Figure {
	f := Figure{Metric: LeadTime, Need: MinChanges, FromCommit: fromFirstCommit(in, attempts)}
	if in.Source == SourceNone {
		f.Missing = "no-deployment-data"
		return f
	}
	merged := map[string]Change{}
	for _, c := range in.Changes {
		if c.SHA != "" {
			merged[c.SHA] = c
		}
	}
	var leads []float64
	for _, d := range attempts {
		if d.Failed || !d.Compared {
			continue
		}
		for _, commit := range d.Commits {
			sha := commit.SHA
			c, ok := merged[sha]
			if !ok || c.MergedAt.After(d.At) {
				continue
			}
			leads = append(leads, float64(d.At.Sub(c.MergedAt)))
			delete(merged, sha) // a change counts at its first deployment only
		}
	}
	f.Samples = len(leads)
	if len(leads) < MinChanges {
		f.Missing = "too-few-changes"
		return f
	}
	f.Median, f.P90 = time.Duration(median(leads)), time.Duration(percentile(leads, 0.9))
	f.Band = LeadTimeBand(f.Median)
	f.Need = 0
	return f
}

func failureRate(attempts []Deployment, failures []failure) Figure {
	f := Figure{Metric: FailureRate, Samples: len(attempts), Need: MinDeployments}
	if len(attempts) < MinDeployments {
		f.Missing = "too-few-deployments"
		return f
	}
	n := 0
	for _, x := range failures {
		if x.failed {
			n++
		}
	}
	f.Rate, f.Need = float64(n)/float64(len(attempts)), 0
	f.Band = FailureRateBand(f.Rate)
	return f
}

func recovery(in Input, attempts []Deployment, failures []failure) Figure {
	f := Figure{Metric: Recovery}
	var spans []float64
	for _, i := range in.Incidents {
		if in.Window.Contains(i.OpenedAt) && !i.ClosedAt.IsZero() && i.ClosedAt.After(i.OpenedAt) {
			spans = append(spans, float64(i.ClosedAt.Sub(i.OpenedAt)))
		}
	}
	failed := 0
	for k, x := range failures {
		if !x.failed {
			continue
		}
		failed++
		if x.incident {
			continue // the incident's own span says how long recovery took
		}
		if next, ok := nextSuccess(attempts, k); ok {
			spans = append(spans, float64(next.Sub(attempts[k].At)))
		}
	}
	f.Samples = len(spans)
	switch {
	case len(spans) > 0:
		f.Median = time.Duration(median(spans))
		f.Band = RecoveryBand(f.Median)
	case failed == 0 && len(in.Incidents) == 0:
		f.Missing = "no-failures"
	default:
		f.Missing = "not-recovered"
	}
	return f
}

func nextSuccess(attempts []Deployment, k int) (time.Time, bool) {
	for _, d := range attempts[k+1:] {
		if !d.Failed {
			return d.At, true
		}
	}
	return time.Time{}, false
}
