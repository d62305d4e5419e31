package comments

import (
	"regexp"
	"strings"
)

// The team's words are kept as written, escaped only where markdown
// structure needs it: they cannot break a table, start a heading that
// splits the section, open an HTML comment (where the bot hides markers),
// or ping people from the bot's reply; bidirectional controls and raw HTML
// are neutralised (escape_neutral.go).

var (
	// blockStart matches what can open a block in the middle of a
	// paragraph: an ATX heading, a setext underline (any length: "Foo\n="
	// is a heading too), a fence, or an HTML block (a <pre> or <script>
	// block would run to its closing tag, swallowing the section).
	blockStart = regexp.MustCompile(`(?m)^([ \t]{0,3})(#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$|\x60{3,}|~{3,}|<[A-Za-z/?!])`)
	// mention is any @ that GitHub could read as the start of a login or
	// team; the zero-width joiner goes after every one, whatever precedes.
	mention = regexp.MustCompile(`@([A-Za-z0-9])`)
)

// Text escapes user text for a markdown paragraph of the saved document.
func Text(s string) string {
	// A lone CR ends a line in markdown as much as LF does, and "^" in
	// blockStart only sees LF: normalise both first.
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = Bidi(rawHTML(s)) // in this order: Bidi writes a "<"
	// Comment delimiters go even inside code spans: the saved markers are
	// found by plain text search.
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
	return mention.ReplaceAllString(s, "@\u2060$1")
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
	return strings.TrimSpace(r.Replace(Bidi(s)))
}
