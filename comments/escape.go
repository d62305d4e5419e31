package comments

import (
	"regexp"
	"strings"
)

// The team's words are kept as written, escaped only where markdown
// structure needs it: they cannot break a table, start a heading that
// splits the section, open an HTML comment (where the bot hides markers),
// or ping people from the bot's reply.

var (
	blockStart = regexp.MustCompile(`(?m)^([ \t]{0,3})(#{1,6}(?:[ \t]|$)|={3,}[ \t]*$|-{3,}[ \t]*$|\x60{3,}|~{3,})`)
	mention    = regexp.MustCompile(`(^|[^\w` + "`" + `])@([A-Za-z0-9])`)
)

// Text escapes user text for a markdown paragraph of the saved document.
func Text(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "<!--", "&lt;!--")
	s = strings.ReplaceAll(s, "-->", "--&gt;")
	return blockStart.ReplaceAllString(s, `$1\$2`)
}

// Cell escapes user text for one table cell: one line, no pipe breaks it.
func Cell(s string) string {
	s = Text(s)
	s = strings.ReplaceAll(s, `|`, `\|`)
	s = strings.ReplaceAll(s, "\n", "<br>")
	return s
}

// Inline escapes user text for a single line of a list or bold field.
func Inline(s string) string {
	return strings.ReplaceAll(Text(strings.TrimSpace(s)), "\n", "<br>")
}

// NoPing keeps @user and @org/team in user text from notifying anyone when
// the bot posts it: a zero-width joiner after the @ breaks the mention.
func NoPing(s string) string {
	return mention.ReplaceAllString(s, "$1@\u2060$2")
}

// Login formats a GitHub login for a reply. It mentions on purpose only
// where the caller wants a notification; elsewhere it is inert.
func Login(login string) string {
	if login == "" {
		return ""
	}
	return "@\u2060" + login
}

// MermaidLabel makes text safe inside a quoted Mermaid node label.
func MermaidLabel(s string) string {
	r := strings.NewReplacer(`"`, "#quot;", "\n", " ", "\r", "", "<", "#lt;", ">", "#gt;", "`", "'", "|", "/", "[", "(", "]", ")", "{", "(", "}", ")")
	return strings.TrimSpace(r.Replace(s))
}
