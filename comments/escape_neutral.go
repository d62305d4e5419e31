package comments

import (
	"fmt"
	"regexp"
	"strings"
)

// What the team writes is shown as written, never as something else: the
// saved document and the replies must not carry characters that make a
// reader see other text than is there, nor markup the team did not mean
// as text. Both are neutralised, never dropped, so no word is lost.

// Bidi replaces each bidirectional control character ("Trojan Source",
// isBidiControl in escape_name.go) with a visible "<U+202E>", as Name does:
// the reader sees that it was there and where, and the text around it
// keeps its written order. "<U+" is no HTML tag, so it shows as written.
func Bidi(s string) string {
	if strings.IndexFunc(s, isBidiControl) < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for _, r := range s {
		if isBidiControl(r) {
			fmt.Fprintf(&b, "<U+%04X>", r)
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// bidiEntity is an HTML character reference that GitHub would turn into
// a bidirectional control: "&#x202E;", "&#8238;", "&rlm;".
// It is anchored: it is tried at each "&".
var bidiEntity = regexp.MustCompile(`(?i)^&(#x0*(202[a-e]|206[6-9]|200[ef]|61c)|#0*(823[4-8]|82(09|1[0-3])|820[67]|1564)|lrm|rlm);`)

// maxEntity bounds the bytes tried: CommonMark reads at most 7 decimal or
// 6 hex digits ("&#x00202E;").
const maxEntity = len("&#x") + 7 + len(";")

// rawHTML neutralises what GitHub would read as raw HTML outside code
// spans: "<" before a tag name, "/", "!" or "?" becomes "&lt;", which
// shows the same character, so "<details>" cannot fold the rest of the
// section away nor "<a href>" dress a link as Pipewright's own text. A
// "<" escaped by the team ("\<") is already text. Code spans show their
// content literally and are left alone; they are found per paragraph,
// since a blank line ends any span. A character reference to a bidi
// control is written out ("&amp;#x202E;") for the same reason as Bidi.
func rawHTML(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for len(s) > 0 {
		para, rest := cutParagraph(s)
		neutralParagraph(&b, para)
		s = rest
	}
	return b.String()
}

// cutParagraph splits s after its first blank line (or returns it whole).
func cutParagraph(s string) (para, rest string) {
	for i := 0; i < len(s); {
		line, _, more := strings.Cut(s[i:], "\n")
		end := i + len(line)
		if more {
			end++
		}
		if trimBlank(line) == "" {
			return s[:end], s[end:]
		}
		i = end
	}
	return s, ""
}

// neutralParagraph writes para to b with its raw HTML neutralised.
func neutralParagraph(b *strings.Builder, para string) {
	spans := codeSpans(para)
	keep := 0
	for i := 0; i < len(para); i++ {
		c := para[i]
		if c != '<' && c != '&' {
			continue
		}
		if end, in := spans.covering(i); in {
			i = end - 1
			continue
		}
		switch {
		case c == '<' && i+1 < len(para) && opensHTML(para[i+1]) && !escaped(para, i):
			b.WriteString(para[keep:i])
			b.WriteString("&lt;")
			keep = i + 1
		case c == '&' && bidiEntity.MatchString(para[i:min(len(para), i+maxEntity)]):
			b.WriteString(para[keep:i])
			b.WriteString("&amp;")
			keep = i + 1
		}
	}
	b.WriteString(para[keep:])
}

// opensHTML reports the characters after "<" that start raw HTML in
// CommonMark: a tag name, a closing tag, a comment or declaration, or a
// processing instruction.
func opensHTML(c byte) bool { return isASCIILetter(c) || c == '/' || c == '!' || c == '?' }

// escaped reports whether s[i] follows an odd run of backslashes.
func escaped(s string, i int) bool {
	n := 0
	for i > 0 && s[i-1] == '\\' {
		n++
		i--
	}
	return n%2 == 1
}
