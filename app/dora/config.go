package dora

import (
	"strings"
	"time"
)

// Config is the `dora:` block of .github/pipewright.yml.
type Config struct {
	// Baseline turns the measured baseline on (the default) or off.
	Baseline *bool `yaml:"baseline" json:"baseline,omitempty"`
	// WindowDays is how far back to measure: 90 days unless set (7–365).
	WindowDays int `yaml:"window_days" json:"window_days,omitempty"`
	// Environment is production's name in the Deployments API; by default
	// the last environment of step 3's sequence, else "production".
	Environment string `yaml:"environment" json:"environment,omitempty"`
	// Source is "deployments" or "releases"; empty tries deployments, then
	// releases.
	Source Source `yaml:"source" json:"source,omitempty"`
	// IncidentLabel marks incident issues: "incident" unless set.
	IncidentLabel string `yaml:"incident_label" json:"incident_label,omitempty"`
}

// DefaultWindowDays is the window measured unless configured.
const DefaultWindowDays = 90

// Enabled says whether the baseline is measured at all.
func (c Config) Enabled() bool { return c.Baseline == nil || *c.Baseline }

// Window is the configured number of days up to now.
func (c Config) Window(now time.Time) Window {
	days := c.WindowDays
	if days < 7 || days > 365 {
		days = DefaultWindowDays
	}
	return Window{From: now.AddDate(0, 0, -days), To: now}
}

// SourceOrAuto is the configured source when it is one Pipewright knows,
// else "" (deployments, then releases).
func (c Config) SourceOrAuto() Source {
	switch s := Source(strings.ToLower(strings.TrimSpace(string(c.Source)))); s {
	case SourceDeployments, SourceReleases:
		return s
	}
	return SourceNone
}

// ProductionEnvironment picks production's name: the configured one, else
// the environment of step 3's sequence that names production, else its
// last one, else "production".
func (c Config) ProductionEnvironment(sequence []string) string {
	if e := strings.TrimSpace(c.Environment); e != "" {
		return e
	}
	for _, e := range sequence {
		if n := envName(e); strings.HasPrefix(n, "prod") {
			return n
		}
	}
	if len(sequence) > 0 {
		if n := envName(sequence[len(sequence)-1]); n != "" {
			return n
		}
	}
	return "production"
}

// envName is "production" of "Production (approval)".
func envName(s string) string {
	if i := strings.IndexAny(s, "([{"); i >= 0 {
		s = s[:i]
	}
	return strings.ToLower(strings.TrimSpace(s))
}
