package strategy

// MetricID names one of the four DORA metrics the team sets a target for.
type MetricID string

const (
	MetricFrequency MetricID = "frequency"
	MetricLeadTime  MetricID = "lead-time"
	MetricFailure   MetricID = "failure-rate"
	MetricMTTR      MetricID = "mttr"
)

// Metric is a DORA metric with the aliases /target accepts.
type Metric struct {
	ID      MetricID
	Aliases []string
}

// Metrics is the four DORA metrics in the seed's order.
var Metrics = []Metric{
	{ID: MetricFrequency, Aliases: []string{"deployment-frequency", "deploy-frequency", "deployment frequency", "df", "deploys", "freq"}},
	{ID: MetricLeadTime, Aliases: []string{"lead time", "leadtime", "lead-time-for-changes", "lead time for changes", "lt", "lttc"}},
	{ID: MetricFailure, Aliases: []string{"failure rate", "change-failure-rate", "change failure rate", "cfr", "failures", "failure"}},
	{ID: MetricMTTR, Aliases: []string{"time-to-restore", "time to restore", "recovery", "mean-time-to-recovery", "mean time to recovery", "restore", "fdrt", "recovery-time"}},
}

// Tiers are DORA's published performance tiers, offered as choices for a
// target (their texts are each metric's "tiers" in the catalogue).
var Tiers = []string{"elite", "high", "medium", "low"}
