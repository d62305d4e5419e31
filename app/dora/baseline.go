package dora

import "time"

// Metric names one of the four DORA metrics, with the ids /target uses.
type Metric string

const (
	Frequency   Metric = "frequency"
	LeadTime    Metric = "lead-time"
	FailureRate Metric = "failure-rate"
	Recovery    Metric = "mttr"
)

// Metrics are the four in the seed's order.
var Metrics = []Metric{Frequency, LeadTime, FailureRate, Recovery}

// Baseline is a repository's measured DORA figures for one window.
type Baseline struct {
	Window      Window    `json:"window"`
	MeasuredAt  time.Time `json:"measured_at"`
	Source      Source    `json:"source"`
	Environment string    `json:"environment,omitempty"`
	Counts      Counts    `json:"counts"`
	Figures     []Figure  `json:"figures"` // one per metric, in Metrics' order
	Notes       []Note    `json:"notes,omitempty"`
}

// Counts are what the figures were computed from, for "from 41 production
// deployments, 128 merged pull requests, …".
type Counts struct {
	Deployments   int    `json:"deployments"` // attempts in the window, failed ones included
	Failed        int    `json:"failed"`      // attempts that count as change failures
	Rollbacks     int    `json:"rollbacks"`
	Changes       int    `json:"changes"` // merged pull requests in the window
	Reverts       int    `json:"reverts"`
	Incidents     int    `json:"incidents"`
	IncidentLabel string `json:"incident_label,omitempty"`
}

// Figure is one metric's measured value, or why there is none.
type Figure struct {
	Metric Metric `json:"metric"`
	Band   Band   `json:"band,omitempty"` // "" when Missing is set
	// Exactly one of these carries the value, by metric.
	PerDay float64       `json:"per_day,omitempty"` // frequency
	Median time.Duration `json:"median,omitempty"`  // lead time, recovery
	P90    time.Duration `json:"p90,omitempty"`     // lead time
	Rate   float64       `json:"rate,omitempty"`    // failure rate, 0..1
	// Samples is how many values it is from: deployments, changes,
	// attempts or recoveries.
	Samples int `json:"samples"`
	// Missing says why there is no value: a catalogue key such as
	// "no-deployment-data" or "too-few-changes".
	Missing string `json:"missing,omitempty"`
	// Need is the least number of samples the metric needs, when Missing
	// says there were too few.
	Need int `json:"need,omitempty"`
	// FromCommit is lead time counted from each change's first commit
	// rather than its merge (lead time only, nil without deployment data).
	// The band stays on the from-merge median: docs/dora-baseline.md says why.
	FromCommit *Lead `json:"from_commit,omitempty"`
}

// Lead is a lead time's median and p90 from Samples values, or why there
// is none (Missing, with the Need samples it wanted).
type Lead struct {
	Median  time.Duration `json:"median,omitempty"`
	P90     time.Duration `json:"p90,omitempty"`
	Samples int           `json:"samples"`
	Missing string        `json:"missing,omitempty"`
	Need    int           `json:"need,omitempty"`
}

// Known says whether the lead time has a value.
func (l Lead) Known() bool { return l.Missing == "" }

// Known says whether the figure has a value.
func (f Figure) Known() bool { return f.Missing == "" }

// Figure returns the figure of m.
func (b *Baseline) Figure(m Metric) (Figure, bool) {
	if b == nil {
		return Figure{}, false
	}
	for _, f := range b.Figures {
		if f.Metric == m {
			return f, true
		}
	}
	return Figure{}, false
}

// The least data a figure is worth showing from.
const (
	MinChanges     = 3 // linked changes (or first commits) for a lead time
	MinDeployments = 5 // attempts for a failure rate
)
