package strategy

import (
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ReadTarget reads a target in the team's own words for metric m as one
// value ("3%", "under 5 minutes", "1h", "twice a day", "on demand") and
// says which DORA band it falls in (dora_bands.go); band is "" when the
// value lies outside every published band. ok is false when the words hold
// no value, or more than one (a leftover number, two quantities, a range
// across bands): the words are then the team's alone, shown as written.
func ReadTarget(m MetricID, text string) (tier string, ok bool) {
	if len(text) > maxReadable {
		return "", false
	}
	s := normalize(text)
	var v float64
	switch m {
	case MetricFailure:
		v, ok = readQuantity(s, percentRe, func([]string) float64 { return 1 })
	case MetricLeadTime, MetricMTTR:
		v, ok = readQuantity(s, durationRe, func(g []string) float64 { return durationUnits[g[3]] })
	case MetricFrequency:
		v, ok = readFrequency(s)
	}
	if !ok {
		return "", false
	}
	return band(m, adjust(m, s, v)), true
}

// maxReadable bounds the words read as a value: a target is a few words,
// and a long text is the team's prose, not one value.
const maxReadable = 200

// Level is the DORA tier a target stands for: the tier the team chose, or
// the band their own words fall in; "" when neither says one. The
// consistency rules read targets through it, so "under 5 minutes" warns
// with Recreate as "elite" does.
func (t *Target) Level(m MetricID) string {
	if t == nil {
		return ""
	}
	if t.Tier != "" {
		return t.Tier
	}
	tier, _ := ReadTarget(m, t.Text)
	return tier
}

// normalize lowercases and spells symbols one way: "≤"→"<=", "％"→"%",
// dashes→"-", a decimal comma→".".
func normalize(text string) string {
	s := strings.ToLower(strings.TrimSpace(text))
	s = strings.NewReplacer("≤", "<=", "≥", ">=", "％", "%", "–", "-", "—", "-", "〜", "-", "～", "-", "＜", "<", "＞", ">").Replace(s)
	return decimalComma.ReplaceAllString(s, "$1.$2")
}

var decimalComma = regexp.MustCompile(`(\d),(\d)`)

const number = `(\d+(?:\.\d+)?)`

// numberWords are the counts written as words that a quantity may start with.
var numberWords = map[string]float64{"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
	"seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
	"ein": 1, "eine": 1, "einem": 1, "einer": 1, "un": 1, "une": 1, "uno": 1, "una": 1, "um": 1, "uma": 1}

var percentRe = regexp.MustCompile(number + `()\s*(%|percent|per cent|pct|prozent|pour ?cent|por ?ciento|por ?cento)`)

// durationUnits is hours per unit, in the shipped languages.
var durationUnits = map[string]float64{}

func init() {
	for hours, names := range map[float64][]string{
		1.0 / 3600:    {"seconds", "second", "secs", "sec", "s", "sekunden", "sekunde", "secondes", "seconde", "segundos", "segundo", "秒"},
		1.0 / 60:      {"minutes", "minute", "mins", "min", "m", "minuten", "minutos", "minuto", "分钟", "分間", "分"},
		1:             {"hours", "hour", "hrs", "hr", "h", "stunden", "stunde", "heures", "heure", "horas", "hora", "小时", "時間"},
		hoursPerDay:   {"days", "day", "d", "tagen", "tage", "tag", "jours", "jour", "días", "dias", "día", "dia", "天", "日"},
		hoursPerWeek:  {"weeks", "week", "wks", "wk", "w", "wochen", "woche", "semaines", "semaine", "semanas", "semana", "週間", "周", "週"},
		hoursPerMonth: {"months", "month", "mo", "monaten", "monate", "monat", "mois", "meses", "mes", "mês", "か月", "ヶ月", "个月", "月"},
		hoursPerYear:  {"years", "year", "yrs", "yr", "y", "jahren", "jahre", "jahr", "años", "año", "anos", "ano", "年"},
	} {
		for _, n := range names {
			durationUnits[n] = hours
		}
	}
	durationRe = regexp.MustCompile(`(?:` + number + `|\b(` + alternatives(numberWords) + `))\s*(` + alternatives(durationUnits) + `)`)
}

var durationRe *regexp.Regexp

// readQuantity reads the one quantity re finds in s (groups: digits, number
// word, unit), scaled by unit. Quantities side by side add up ("1h 30m").
// A range ("2-5%") leaves its lower end as a stray digit, so it is not read:
// which end is the target is the team's to say.
func readQuantity(s string, re *regexp.Regexp, unit func([]string) float64) (float64, bool) {
	var total float64
	var used [][2]int
	last := -1
	for _, ix := range re.FindAllStringSubmatchIndex(s, -1) {
		g := groups(s, ix)
		if !standsAlone(s, ix[0], ix[1], last, g[3]) || (g[2] != "" && len(g[3]) < 3) {
			continue // "as" is no "a s": a number word takes a unit's word
		}
		if last >= 0 && strings.TrimSpace(s[last:ix[0]]) != "" {
			return 0, false // two quantities apart: which one is the target?
		}
		n, ok := count(g[1], g[2])
		if !ok {
			return 0, false
		}
		total += n * unit(g)
		used = append(used, [2]int{ix[0], ix[1]})
		last = ix[1]
	}
	if len(used) == 0 {
		return 0, false
	}
	return total, !strayDigits(s, used)
}

// strayDigits reports a digit outside the quantities read: "p95 under 5
// minutes" or "5% over 30 days" say more than one number.
func strayDigits(s string, used [][2]int) bool {
	for i, r := range s {
		if !unicode.IsDigit(r) {
			continue
		}
		inside := false
		for _, u := range used {
			if i >= u[0] && i < u[1] {
				inside = true
			}
		}
		if !inside {
			return true
		}
	}
	return false
}

// standsAlone holds when a match is not part of a longer word: "5 mice" is
// no "5 m", "p95" no "95"; "1h30m" is two quantities side by side (after).
func standsAlone(s string, from, to, after int, unit string) bool {
	if from > 0 && from != after {
		r, _ := utf8.DecodeLastRuneInString(s[:from])
		if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' {
			return false
		}
	}
	if to < len(s) && unit != "" {
		last, _ := utf8.DecodeLastRuneInString(unit)
		next, _ := utf8.DecodeRuneInString(s[to:])
		if last < 0x2E80 && unicode.IsLetter(next) {
			return false
		}
	}
	return true
}

// count is digits or a number word as a number.
func count(digits, word string) (float64, bool) {
	if digits != "" {
		n, err := strconv.ParseFloat(digits, 64)
		return n, err == nil && !math.IsInf(n, 0)
	}
	n, ok := numberWords[word]
	return n, ok
}

// adjust makes "under 5 minutes" strictly less than five minutes and "more
// than once a day" strictly more: on a band's edge, that decides.
func adjust(m MetricID, s string, v float64) float64 {
	const tiny = 1e-9
	switch {
	case strictLess.MatchString(s):
		return v - math.Max(v, 1)*tiny
	case m == MetricFrequency && strictMore.MatchString(s):
		return v + math.Max(v, 1)*tiny
	}
	return v
}

var (
	strictLess = regexp.MustCompile(`\b(under|less than|fewer than|below|within|unter|weniger als|innerhalb|moins de|sous|menos de|dentro de)\b|<[^=]|<$|未満|以内|少于|不到`)
	strictMore = regexp.MustCompile(`\b(more than|over|mehr als|plus de|más de|mais de)\b|über|>[^=]|超过|多于`)
)

func groups(s string, ix []int) []string {
	g := make([]string, len(ix)/2)
	for i := range g {
		if ix[2*i] >= 0 {
			g[i] = s[ix[2*i]:ix[2*i+1]]
		}
	}
	return g
}

// alternatives is a regexp alternation of the keys, longest first so that
// "minutes" wins over "m".
func alternatives[V any](m map[string]V) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, regexp.QuoteMeta(k))
	}
	sort.Slice(keys, func(i, j int) bool {
		if len(keys[i]) != len(keys[j]) {
			return len(keys[i]) > len(keys[j])
		}
		return keys[i] < keys[j]
	})
	return strings.Join(keys, "|")
}
