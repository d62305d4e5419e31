package comments

import "strings"

// A label before its value is written the way the catalogue's language
// writes it (format.field, format.pair, format.aside): "Decision: canary",
// "Décision : canary" (a no-break space before the colon), "决策：金丝雀" (a
// full-width colon, no space, and outside the emphasis, since GitHub does
// not close "**" between a full-width colon and a letter).

// field is "**label:** value"; "**label:**" when a list follows instead.
func field(c catalog, label, value string) string {
	f := c.T("format.field", "label", label, "value", value)
	if value == "" {
		f = strings.TrimRight(f, " ")
	}
	return f
}

// pair is "label: value".
func pair(c catalog, label, value string) string {
	return c.T("format.pair", "label", label, "value", value)
}

// aside is "_label:_ value".
func aside(c catalog, label, value string) string {
	return c.T("format.aside", "label", label, "value", value)
}
