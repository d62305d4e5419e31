package comments

import (
	"fmt"
	"strings"
	"unicode"
)

// maxNameRunes bounds a name shown in a reply: git refuses longer branch
// names, and a longer path is refused anyway (the reply quotes its start).
const maxNameRunes = 256

// Name shows a name chosen outside the conversation (a document path, a
// branch, a fork, a value of a setting) as inline code, so that whatever it
// holds is shown as written and does nothing: no @mention or #reference,
// no markdown or HTML, no backtick closing the span early. A fork author
// picks their branch and file names; they reach replies only through here.
func Name(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == maxNameRunes {
			b.WriteString("…")
			break
		}
		n++
		switch {
		case isBidiControl(r):
			// Trojan Source: shown, not obeyed.
			fmt.Fprintf(&b, "<U+%04X>", r)
		case unicode.IsControl(r):
			b.WriteByte(' ') // a line break would end the span's paragraph
		default:
			b.WriteRune(r)
		}
	}
	body := NoPing(strings.ReplaceAll(b.String(), "<!--", "<\u2060!--"))
	if body == "" {
		return "``"
	}
	fence := strings.Repeat("`", maxRun(body, '`')+1)
	if strings.HasPrefix(body, "`") || strings.HasSuffix(body, "`") || strings.HasPrefix(body, " ") || strings.HasSuffix(body, " ") {
		// CommonMark strips one space from each end when both are there.
		body = " " + body + " "
	}
	return fence + body + fence
}

// isBidiControl reports the characters that reorder text as displayed
// (CVE-2021-42574): embeddings, overrides, isolates and marks.
func isBidiControl(r rune) bool {
	switch {
	case r >= '\u202A' && r <= '\u202E', r >= '\u2066' && r <= '\u2069':
		return true
	}
	return r == '\u200E' || r == '\u200F' || r == '\u061C'
}
