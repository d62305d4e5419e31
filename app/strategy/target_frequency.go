package strategy

import (
	"math"
	"regexp"
)

// readFrequency reads a deployment frequency as deploys per day: "on
// demand", "daily", "twice a week", "10 deploys per day", "every 2 weeks".
// Two different readings, or a number left over, read as nothing.
func readFrequency(s string) (float64, bool) {
	if onDemand.MatchString(s) {
		return math.Inf(1), !anyDigit(s)
	}
	var found []float64
	var used [][2]int
	for _, ix := range perPeriod.FindAllStringSubmatchIndex(s, -1) {
		g := groups(s, ix)
		n, ok := frequencyCount(g[1], g[2])
		if !ok || !standsAlone(s, ix[0], ix[1], -1, g[4]) {
			continue
		}
		found = append(found, n/periodDays[g[4]])
		used = append(used, [2]int{ix[0], ix[1]})
	}
	for _, ix := range everyN.FindAllStringSubmatchIndex(s, -1) {
		g := groups(s, ix)
		n, ok := count(g[1], g[2])
		if !ok || n == 0 || !standsAlone(s, ix[0], ix[1], -1, g[3]) {
			continue
		}
		found = append(found, 1/(n*periodDays[g[3]]))
		used = append(used, [2]int{ix[0], ix[1]})
	}
	if len(found) == 0 {
		for _, ix := range adverb.FindAllStringSubmatchIndex(s, -1) {
			if standsAlone(s, ix[0], ix[1], -1, s[ix[2]:ix[3]]) {
				found = append(found, adverbs[s[ix[2]:ix[3]]])
			}
		}
	}
	if len(found) == 0 || strayDigits(s, used) {
		return 0, false
	}
	for _, f := range found[1:] {
		if f != found[0] {
			return 0, false
		}
	}
	return found[0], true
}

func anyDigit(s string) bool { return strayDigits(s, nil) }

var onDemand = regexp.MustCompile(`\bon[- ]?demand\b|\bcontinuous(ly)?\b|\bbei bedarf\b|\b(à|a) la demande\b|\bbajo demanda\b|\bsob demanda\b|按需|オンデマンド`)

// periodDays is days per period a rate is counted over.
var periodDays = map[string]float64{}

// adverbs are deploys per day of the words that say a rate alone.
var adverbs = map[string]float64{
	"hourly": 24, "daily": 1, "every day": 1, "each day": 1, "nightly": 1, "weekly": 1.0 / 7, "every week": 1.0 / 7,
	"biweekly": 1.0 / 14, "fortnightly": 1.0 / 14, "every other week": 1.0 / 14, "every other day": 0.5,
	"monthly": 1.0 / 30, "every month": 1.0 / 30, "quarterly": 1.0 / 91, "yearly": 1.0 / 365, "annually": 1.0 / 365,
	"täglich": 1, "wöchentlich": 1.0 / 7, "monatlich": 1.0 / 30, "quotidien": 1, "quotidienne": 1, "hebdomadaire": 1.0 / 7,
	"mensuel": 1.0 / 30, "mensuelle": 1.0 / 30, "diario": 1, "diaria": 1, "diariamente": 1, "semanal": 1.0 / 7,
	"semanalmente": 1.0 / 7, "mensual": 1.0 / 30, "mensualmente": 1.0 / 30, "diário": 1, "diária": 1, "mensal": 1.0 / 30,
	"毎日": 1, "毎週": 1.0 / 7, "毎月": 1.0 / 30, "每天": 1, "每日": 1, "每周": 1.0 / 7, "每月": 1.0 / 30,
}

// rateWords are the counts a rate may start with besides numbers.
var rateWords = map[string]float64{"once": 1, "twice": 2, "thrice": 3, "multiple": 2, "several": 2, "many": 2,
	"einmal": 1, "zweimal": 2, "mehrmals": 2, "mehrere": 2}

var perPeriod, everyN, adverb *regexp.Regexp

func init() {
	for days, names := range map[float64][]string{
		1.0 / 24: {"hours", "hour", "hr", "h", "stunde", "heure", "hora"},
		1:        {"days", "day", "d", "tag", "jour", "día", "dia"},
		7:        {"weeks", "week", "wk", "w", "woche", "semaine", "semana"},
		30:       {"months", "month", "monat", "mois", "mes", "mês"},
		91:       {"quarters", "quarter", "quartal", "trimestre"},
		365:      {"years", "year", "jahr", "année", "an", "año", "ano"},
	} {
		for _, n := range names {
			periodDays[n] = days
		}
	}
	counts := map[string]float64{}
	for k, v := range numberWords {
		counts[k] = v
	}
	for k, v := range rateWords {
		counts[k] = v
	}
	what := `(?:\s*(?:x|times?|mal|fois|veces|vezes))?(?:\s*(?:deploy(?:ment)?s?|releases?|deploys? to production|production deploys?))?`
	per := `\s*(?:per|a|an|each|every|/|pro|par|por|al|ao|am|in the|à la)\s*`
	perPeriod = regexp.MustCompile(`(?:` + number + `\+?|\b(` + alternatives(counts) + `))()` + what + per + `(` + alternatives(periodDays) + `)`)
	everyN = regexp.MustCompile(`\bevery\s+(?:` + number + `|(` + alternatives(numberWords) + `))\s*(` + alternatives(periodDays) + `)`)
	adverb = regexp.MustCompile(`(` + alternatives(adverbs) + `)`)
}

// frequencyCount is digits, a number word or "twice" as a count.
func frequencyCount(digits, word string) (float64, bool) {
	if n, ok := rateWords[word]; ok {
		return n, true
	}
	return count(digits, word)
}
