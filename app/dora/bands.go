package dora

import "time"

// Band is a DORA performance level.
type Band string

const (
	Elite  Band = "elite"
	High   Band = "high"
	Medium Band = "medium"
	Low    Band = "low"
)

// Band boundaries. DORA's 2023 Accelerate State of DevOps report gives
// each cluster's typical value; where its ranges overlap or leave gaps
// (medium and low share "once a week to once a month" for frequency and
// lead time), the boundary is the one Google's Four Keys dashboard uses.
// docs/dora-baseline.md lists them.
const (
	day   = 24 * time.Hour
	week  = 7 * day
	month = 30 * day
)

// LeadTimeBand: elite under a day, high under a week, medium under a
// month, low from a month on.
func LeadTimeBand(d time.Duration) Band {
	switch {
	case d < day:
		return Elite
	case d < week:
		return High
	case d < month:
		return Medium
	}
	return Low
}

// RecoveryBand: elite under an hour, high under a day, medium under a
// week, low from a week on.
func RecoveryBand(d time.Duration) Band {
	switch {
	case d < time.Hour:
		return Elite
	case d < day:
		return High
	case d < week:
		return Medium
	}
	return Low
}

// FailureRateBand: DORA 2023's clusters sit at 5 %, 10 %, 15 % and 64 %;
// a rate is in the band whose value it does not exceed, above 15 % low.
func FailureRateBand(rate float64) Band {
	switch {
	case rate <= 0.05:
		return Elite
	case rate <= 0.10:
		return High
	case rate <= 0.15:
		return Medium
	}
	return Low
}

// FrequencyBand follows Four Keys: elite ("on demand") when the median
// week has deployments on at least three days, high when the median week
// has one, medium when the median 30 days have one, low otherwise.
func FrequencyBand(daysPerWeek, perWeek, perMonth float64) Band {
	switch {
	case daysPerWeek >= 3:
		return Elite
	case perWeek >= 1:
		return High
	case perMonth >= 1:
		return Medium
	}
	return Low
}
