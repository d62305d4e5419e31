package strategy

import "math"

// DORA's published performance bands, used to say where a target in the
// team's own words falls (beside their words, never instead of them).
//
// Source: Google Cloud / DORA, "Accelerate State of DevOps Report" 2023
// (performance clusters table) and 2024 (same table):
//   - Deployment frequency: elite "on demand (multiple deploys per day)";
//     high "between once per day and once per week"; medium "between once
//     per week and once per month"; low (2024) "between once per month and
//     once every six months".
//   - Change lead time: elite "less than one day"; high "between one day and
//     one week"; medium "between one week and one month"; low (2024)
//     "between one month and six months".
//   - Change failure rate: the 2023 clusters are 5%, 10%, 15% and 64%; a
//     rate is read as within the best cluster whose figure it does not
//     exceed (0–5% elite, 5–10% high, 10–15% medium, above 15% low).
//   - Failed deployment recovery time (MTTR): elite "less than one hour";
//     high "less than one day"; medium "between one day and one week"; low
//     "between one week and one month" (2024) up to "between one month and
//     six months" (2023), so above one week, up to six months.
//
// A value exactly on an edge falls where the published wording puts it:
// one hour is not "less than one hour", one deploy a day is "between once
// per day and once per week". "Under"/"less than"/"within" make a value
// strictly less than its number (target_read.go).

const (
	hoursPerDay   = 24.0
	hoursPerWeek  = 7 * hoursPerDay
	hoursPerMonth = 30 * hoursPerDay
	hoursPerYear  = 365 * hoursPerDay
	sixMonths     = hoursPerYear / 2
)

// band is the DORA tier a reading of metric m falls in, or "" when it is
// outside every published band (e.g. a lead time over six months).
func band(m MetricID, v float64) string {
	if math.IsNaN(v) || v < 0 {
		return ""
	}
	switch m {
	case MetricFrequency: // deploys per day
		switch {
		case v > 1:
			return "elite"
		case v >= 1/7.0:
			return "high"
		case v >= 1/30.0:
			return "medium"
		case v >= 1/(sixMonths/hoursPerDay):
			return "low"
		}
	case MetricLeadTime: // hours
		switch {
		case v < hoursPerDay:
			return "elite"
		case v <= hoursPerWeek:
			return "high"
		case v <= hoursPerMonth:
			return "medium"
		case v <= sixMonths:
			return "low"
		}
	case MetricFailure: // percent
		switch {
		case v <= 5:
			return "elite"
		case v <= 10:
			return "high"
		case v <= 15:
			return "medium"
		case v <= 100:
			return "low"
		}
	case MetricMTTR: // hours
		switch {
		case v < 1:
			return "elite"
		case v < hoursPerDay:
			return "high"
		case v <= hoursPerWeek:
			return "medium"
		case v <= sixMonths:
			return "low"
		}
	}
	return ""
}
