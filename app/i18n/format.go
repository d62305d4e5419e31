package i18n

import (
	"fmt"
	"strings"
)

// T returns the message for key with {name} placeholders filled from args,
// given as name, value pairs. A missing key shows itself rather than vanish,
// and tests make sure none is missing.
func (c *Catalog) T(key string, args ...any) string {
	msg, ok := c.Messages[key]
	if !ok {
		return "{" + key + "}"
	}
	return Fill(msg, args...)
}

// Fill replaces {name} placeholders in s with the values in args (name, value pairs).
func Fill(s string, args ...any) string {
	if len(args) == 0 || !strings.Contains(s, "{") {
		return s
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{"+fmt.Sprint(args[i])+"}", fmt.Sprint(args[i+1]))
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// Category returns the wording of a category (zero value if missing).
func (c *Catalog) Category(id string) CategoryText { return c.Categories[id] }

// Option returns the wording of an option.
func (c *Catalog) Option(category, option string) OptionText {
	return c.Categories[category].Options[option]
}

// Metric returns the wording of a DORA metric.
func (c *Catalog) Metric(id string) MetricText { return c.Metrics[id] }

// BandText is the range of a DORA tier for a value in the team's words.
func (m MetricText) BandText(tier string) string {
	if b := m.Bands[tier]; b != "" {
		return b
	}
	return m.Tiers[tier]
}
