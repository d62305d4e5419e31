package comments

import (
	"cmp"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/pipewright/pipewright/app/dora"
	"github.com/pipewright/pipewright/app/strategy"
)

// baseline renders the measured DORA baseline for a reply: what it was
// computed from, one row per metric with its DORA band (or why there is
// none), and what the measurement wants said. "" when none was measured.
func (r Render) baseline(s *strategy.Session) string {
	b := s.Baseline
	if b == nil {
		return ""
	}
	t := r.Lang.T
	var out strings.Builder
	fmt.Fprintf(&out, "#### %s\n\n%s\n\n", t("baseline.heading"), t("baseline.from", "what", r.baselineSources(r.Lang, b),
		"from", b.Window.From.UTC().Format(time.DateOnly), "to", b.Window.To.Add(-time.Second).UTC().Format(time.DateOnly)))
	fmt.Fprintf(&out, "| %s | %s | %s |\n|---|---|---|\n", t("targets.col-metric"), t("baseline.col-today"), t("baseline.col-band"))
	for _, m := range strategy.Metrics {
		f, _ := b.Figure(dora.Metric(m.ID))
		fmt.Fprintf(&out, "| %s | %s | %s |\n", r.Lang.Metric(string(m.ID)).Name, withFromCommit(r.Lang, f, r.figureText(r.Lang, f)), bandName(r.Lang, f))
	}
	for _, n := range b.Notes {
		out.WriteString("\n- " + t("baseline.note."+n.Key, n.Args...))
	}
	if len(b.Notes) > 0 {
		out.WriteString("\n")
	}
	fmt.Fprintf(&out, "\n%s", t("baseline.yours"))
	return strings.TrimRight(out.String(), "\n")
}

// baselineGaps renders the targets set two bands or more above today's
// measured band: a note to weigh, never a block.
func (r Render) baselineGaps(s *strategy.Session) string {
	var lines []string
	for _, g := range strategy.BaselineGaps(s) {
		lines = append(lines, "- "+r.Lang.T("baseline.gap", "metric", r.Lang.Metric(string(g.Metric)).Name,
			"target", r.Lang.T("tier."+g.Target), "today", r.Lang.T("tier."+string(g.Today))))
	}
	return strings.Join(lines, "\n")
}

// baselineLine is the saved Target Profile's line under a metric: the
// baseline, labelled as measured (a Pipewright addition to the seed's
// structure), in the document's language. "" when none was measured.
func (r Render) baselineLine(c catalog, s *strategy.Session, m strategy.MetricID) string {
	f, ok := s.Baseline.Figure(dora.Metric(m))
	if !ok {
		return ""
	}
	value := r.figureText(c, f)
	if f.Known() {
		value += " (" + c.T("targets.tier-label", "tier", c.T("tier."+string(f.Band))) + ")"
	}
	value = withFromCommit(c, f, value) // after the band, which is the from-merge median's
	source := c.T("baseline.source."+string(cmp.Or(s.Baseline.Source, "none")), "env", Name(strings.TrimSpace(s.Baseline.Environment)))
	label := c.T("baseline.section-label", "date", s.Baseline.MeasuredAt.UTC().Format(time.DateOnly), "source", source)
	return "  - " + aside(c, label, value)
}

// baselineSources is "6 deployments to `production`, 7 merged pull
// requests, 1 revert and 1 `incident` issue".
func (r Render) baselineSources(c catalog, b *dora.Baseline) string {
	n := b.Counts
	var parts []string
	switch b.Source {
	case dora.SourceDeployments:
		parts = append(parts, count(c, "baseline.count.deployments", n.Deployments, "env", Name(strings.TrimSpace(b.Environment))))
	case dora.SourceReleases:
		parts = append(parts, count(c, "baseline.count.releases", n.Deployments))
	case dora.SourceTags:
		parts = append(parts, count(c, "baseline.count.tags", n.Deployments))
	default:
		parts = append(parts, c.T("baseline.count.no-deployments"))
	}
	parts = append(parts, count(c, "baseline.count.changes", n.Changes), count(c, "baseline.count.reverts", n.Reverts))
	if n.IncidentLabel != "" {
		parts = append(parts, count(c, "baseline.count.incidents", n.Incidents, "label", Name(strings.TrimSpace(n.IncidentLabel))))
	}
	last := parts[len(parts)-1]
	if len(parts) == 1 {
		return last
	}
	return c.T("baseline.list", "items", strings.Join(parts[:len(parts)-1], c.T("baseline.list-sep")), "last", last)
}

// count picks the key's .one or .other form for n.
func count(c catalog, key string, n int, args ...any) string {
	form := ".other"
	if n == 1 {
		form = ".one"
	}
	return c.T(key+form, append([]any{"n", n}, args...)...)
}

// bandName is the name of a figure's DORA band, or "—" when the figure
// could not be measured.
func bandName(c catalog, f dora.Figure) string {
	if !f.Known() {
		return "—"
	}
	return c.T("tier." + string(f.Band))
}

// figureText is a figure's value in words, or why there is none.
func (r Render) figureText(c catalog, f dora.Figure) string {
	if !f.Known() {
		return c.T("baseline.missing."+f.Missing, "n", f.Samples, "need", f.Need)
	}
	switch f.Metric {
	case dora.Frequency:
		switch {
		case f.PerDay >= 1:
			return c.T("baseline.per-day", "n", decimal(c, f.PerDay))
		case f.PerDay*7 >= 1:
			return c.T("baseline.per-week", "n", decimal(c, f.PerDay*7))
		}
		return c.T("baseline.per-month", "n", decimal(c, f.PerDay*30))
	case dora.LeadTime:
		return c.T("baseline.lead-time", "median", duration(c, f.Median), "p90", duration(c, f.P90), "n", f.Samples)
	case dora.FailureRate:
		failed := int(math.Round(f.Rate * float64(f.Samples)))
		return c.T("baseline.failure-rate", "pct", decimal(c, f.Rate*100), "failed", failed, "n", f.Samples)
	case dora.Recovery:
		return c.T("baseline.recovery", "median", duration(c, f.Median), "n", f.Samples)
	}
	return ""
}

// withFromCommit adds lead time from first commit to a lead-time figure's
// text, on the same line: "median 24 h, … (from 7 changes); from first
// commit: median 2.5 days, …". Other figures are left as they are.
func withFromCommit(c catalog, f dora.Figure, text string) string {
	l := f.FromCommit
	if f.Metric != dora.LeadTime || l == nil {
		return text
	}
	commit := c.T("baseline.from-commit", "median", duration(c, l.Median), "p90", duration(c, l.P90), "n", l.Samples)
	if !l.Known() {
		commit = c.T("baseline.from-commit-missing."+l.Missing, "n", l.Samples, "need", l.Need)
	}
	return c.T("baseline.with-from-commit", "merge", text, "commit", commit)
}

// duration is d in the largest unit that keeps it readable.
func duration(c catalog, d time.Duration) string {
	switch {
	case d < time.Hour:
		return c.T("baseline.minutes", "n", int(math.Round(d.Minutes())))
	case d < 48*time.Hour:
		return c.T("baseline.hours", "n", decimal(c, d.Hours()))
	}
	return c.T("baseline.days", "n", decimal(c, d.Hours()/24))
}

// decimal is x with at most one decimal, in the language's notation.
func decimal(c catalog, x float64) string {
	s := strconv.FormatFloat(math.Round(x*10)/10, 'f', -1, 64)
	return strings.Replace(s, ".", c.T("baseline.decimal"), 1)
}

// baselineReply answers /baseline: the figures, and the targets' gaps to
// them when there are targets. Shown with the targets (auto), a baseline
// the shell did not measure (turned off, or no way to ask GitHub) is
// simply not there.
func (r Render) baselineReply(s *strategy.Session, auto bool) string {
	if s.Baseline == nil {
		if auto {
			return ""
		}
		return r.Lang.T("baseline.not-measured")
	}
	out := r.baseline(s)
	if gaps := r.baselineGaps(s); gaps != "" {
		out += "\n\n" + gaps
	}
	return out
}

// analysisWithBaseline is the consistency analysis, followed by the
// targets far above today's baseline when there are any.
func (r Render) analysisWithBaseline(s *strategy.Session) string {
	out := r.analysis(s, strategy.Analyze(s))
	if gaps := r.baselineGaps(s); gaps != "" {
		out += "\n\n" + r.Lang.T("baseline.gaps-intro") + "\n\n" + gaps
	}
	return out
}

// baselineSummary is one line under the tiers: today's band per metric,
// when the full figures are not in the same reply.
func (r Render) baselineSummary(s *strategy.Session) string {
	if s.Baseline == nil || r.baselineShown {
		return ""
	}
	var parts []string
	for _, m := range strategy.Metrics {
		f, _ := s.Baseline.Figure(dora.Metric(m.ID))
		parts = append(parts, r.Lang.Metric(string(m.ID)).Name+" "+bandName(r.Lang, f))
	}
	return r.Lang.T("baseline.summary", "bands", strings.Join(parts, " · "),
		"date", s.Baseline.MeasuredAt.UTC().Format(time.DateOnly))
}
