package strategy

import (
	"strconv"
	"strings"
	"unicode"
)

// squash folds a name to the form aliases are compared in: lower-case
// letters and digits only, so "Blue Green", "blue-green" and "blue_green"
// are one name.
func squash(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (o *Option) names() []string { return append([]string{o.ID}, o.Aliases...) }

func (c *Category) names() []string {
	return append([]string{string(c.ID), strconv.Itoa(c.Number)}, c.Aliases...)
}

// matchOption finds the option named s in c: by number, id or alias.
func (c *Category) matchOption(s string) (*Option, bool) {
	if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
		if n >= 1 && n <= len(c.Options) {
			return &c.Options[n-1], true
		}
		return nil, false
	}
	key := squash(s)
	if key == "" {
		return nil, false
	}
	for i := range c.Options {
		for _, n := range c.Options[i].names() {
			if squash(n) == key {
				return &c.Options[i], true
			}
		}
	}
	return nil, false
}

// suggestOption returns the one option whose name is a near miss of s.
func (c *Category) suggestOption(s string) (*Option, bool) {
	key := squash(s)
	var best *Option
	bestDist, ties := 1<<30, 0
	for i := range c.Options {
		for _, n := range c.Options[i].names() {
			d := distance(key, squash(n))
			if d < bestDist {
				best, bestDist, ties = &c.Options[i], d, 1
			} else if d == bestDist && best != &c.Options[i] {
				ties++
			}
		}
	}
	if best == nil || ties > 1 || bestDist > tolerance(key) {
		return nil, false
	}
	return best, true
}

// tolerance is how many edits still count as a typo for a word of this length.
func tolerance(key string) int {
	switch n := len([]rune(key)); {
	case n <= 3:
		return 0
	case n <= 5:
		return 1
	default:
		return 2
	}
}

// matchCategory finds the category named s: by number, id or alias.
func matchCategory(s string) (*Category, bool) {
	key := squash(s)
	if key == "" {
		return nil, false
	}
	for i := range Categories {
		for _, n := range Categories[i].names() {
			if squash(n) == key {
				return &Categories[i], true
			}
		}
	}
	return nil, false
}

// matchMetric finds the DORA metric named s.
func matchMetric(s string) (MetricID, bool) {
	key := squash(s)
	for _, m := range Metrics {
		if squash(string(m.ID)) == key {
			return m.ID, true
		}
		for _, a := range m.Aliases {
			if squash(a) == key {
				return m.ID, true
			}
		}
	}
	return "", false
}

// suggestMetric returns the metric whose name is a near miss of s.
func suggestMetric(s string) (MetricID, bool) {
	key := squash(s)
	var best MetricID
	bestDist := 1 << 30
	for _, m := range Metrics {
		for _, n := range append([]string{string(m.ID)}, m.Aliases...) {
			if d := distance(key, squash(n)); d < bestDist {
				best, bestDist = m.ID, d
			}
		}
	}
	return best, best != "" && bestDist <= tolerance(key)
}

// matchSub finds the sub-decision a "Key: value" line answers.
func (c *Category) matchSub(key string) (*Sub, bool) {
	k := squash(key)
	for i := range c.Subs {
		for _, n := range c.subKeys(c.Subs[i].ID) {
			if squash(n) == k {
				return &c.Subs[i], true
			}
		}
	}
	return nil, false
}

// subKeys are the keys that answer a sub-decision: its id, its English
// keys, and its label in every other shipped language, where that differs
// (translatedSubKeys, generated from app/i18n): a team reading "触发条件"
// in its saved section may answer with it, as with "Triggers".
func (c *Category) subKeys(sub string) []string {
	for i := range c.Subs {
		if c.Subs[i].ID == sub {
			keys := append([]string{sub}, c.Subs[i].Keys...)
			return append(keys, translatedSubKeys[c.ID][sub]...)
		}
	}
	return nil
}

// distance is the optimal-string-alignment edit distance (typos swap letters).
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 64 || len(rb) > 64 {
		if a == b {
			return 0
		}
		return 1 << 20
	}
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
