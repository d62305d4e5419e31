package comments

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file reads one visible line: is it a command, where does its
// rationale start, is it a "Key: value" field. Which lines are visible at
// all (not fenced, quoted or hidden) is decided in parse_block.go.

// isSpace reports separators between words. Beyond Unicode spaces (tab,
// NBSP, ideographic space...) it counts the invisible characters that
// copy-paste and some editors slip into comments: zero-width space, word
// joiner and the byte-order mark, so "/decide\u200bcanary" still splits.
func isSpace(r rune) bool {
	switch r {
	case '\u200b', '\u2060', '\ufeff':
		return true
	}
	return unicode.IsSpace(r)
}

// isBlank adds the zero-width joiners, which belong inside words (emoji,
// Indic scripts) but are noise at either end of one.
func isBlank(r rune) bool { return isSpace(r) || r == '\u200c' || r == '\u200d' }

// trimBlank removes blanks at both ends.
func trimBlank(s string) string { return strings.TrimFunc(s, isBlank) }

// splitCommand recognises a command at the start of s (the line after its
// indentation): a slash, one or more ASCII letters, then the end of the line
// or a space. "/usr/bin", "/ 5", "/decide2" and "/décide" are not commands.
// It returns the verb lower-cased and the text after it.
func splitCommand(s string) (verb Verb, after string, ok bool) {
	if len(s) < 2 || s[0] != '/' {
		return "", "", false
	}
	i := 1
	for i < len(s) && isASCIILetter(s[i]) {
		i++
	}
	if i == 1 {
		return "", "", false
	}
	if i < len(s) {
		if r, _ := utf8.DecodeRuneInString(s[i:]); !isSpace(r) {
			return "", "", false
		}
	}
	return Verb(strings.ToLower(s[1:i])), s[i:], true
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// splitRationale cuts the text after the verb at the first separator: "--"
// or an em dash "—" standing alone between spaces (editors turn " -- " into
// " — "). "--fast" or "blue—green" do not split. A separator with nothing
// after it gives an empty rationale.
func splitRationale(s string) (rest, rationale string) {
	for i := 0; ; {
		start, end := nextWord(s, i)
		if start == end {
			return trimBlank(s), ""
		}
		if tok := s[start:end]; tok == "--" || tok == "—" {
			return trimBlank(s[:start]), trimBlank(s[end:])
		}
		i = end
	}
}

// splitArgs returns the words of rest, or nil when there are none. It
// counts first so a long line costs one allocation.
func splitArgs(rest string) []string {
	n := 0
	for start, end := nextWord(rest, 0); start < end; start, end = nextWord(rest, end) {
		n++
	}
	if n == 0 {
		return nil
	}
	args := make([]string, 0, n)
	for start, end := nextWord(rest, 0); start < end; start, end = nextWord(rest, end) {
		w := rest[start:end]
		if w[0] >= utf8.RuneSelf || w[len(w)-1] >= utf8.RuneSelf {
			w = trimBlank(w) // a zero-width joiner at either end
		}
		if w != "" {
			args = append(args, w)
		}
	}
	return args
}

// nextWord returns the bounds of the first word of s at or after byte i;
// start == end when there is none.
func nextWord(s string, i int) (start, end int) {
	for i < len(s) {
		w := spaceAt(s, i)
		if w == 0 {
			break
		}
		i += w
	}
	start = i
	for i < len(s) && spaceAt(s, i) == 0 {
		i++ // a multi-byte rune's continuation bytes are never spaces
	}
	return start, i
}

// spaceAt returns the byte width of the space starting at s[i], or 0. ASCII,
// nearly every byte of a comment, is answered from a table by inlined code.
func spaceAt(s string, i int) int {
	if c := s[i]; c < utf8.RuneSelf {
		return int(asciiSpace[c])
	}
	return unicodeSpaceAt(s[i:])
}

var asciiSpace = [utf8.RuneSelf]uint8{'\t': 1, '\n': 1, '\v': 1, '\f': 1, '\r': 1, ' ': 1}

func unicodeSpaceAt(s string) int {
	if r, w := utf8.DecodeRuneInString(s); isSpace(r) {
		return w
	}
	return 0
}

// maxKeyRunes bounds a field's key so a sentence with a colon late in it
// ("We talked about this for a long time and agreed: canary") stays prose.
const maxKeyRunes = 40

// parseField reads "Key: value" from a trimmed line. The key starts with a
// letter and holds letters, digits, spaces, '-', '_' and '/'; the colon
// must be followed by a space, which keeps URLs ("https://x") and times
// ("10:30") out. A full-width colon (CJK) needs no space after it.
func parseField(s string) (Field, bool) {
	n := 0
	for i, r := range s {
		switch {
		case r == ':' || r == '：':
			if n == 0 {
				return Field{}, false
			}
			after := s[i+utf8.RuneLen(r):]
			if r == ':' {
				next, _ := utf8.DecodeRuneInString(after)
				if !isSpace(next) {
					return Field{}, false
				}
			}
			key, value := trimBlank(s[:i]), trimBlank(after)
			if value == "" {
				return Field{}, false
			}
			return Field{Key: key, Value: value}, true
		case n == 0 && !unicode.IsLetter(r):
			return Field{}, false
		case n > 0 && !isKeyRune(r):
			return Field{}, false
		}
		if n++; n > maxKeyRunes {
			return Field{}, false
		}
	}
	return Field{}, false
}

// isKeyRune reports the runes a key may hold after its first letter; ASCII,
// the common case on every prose line tried as a field, from a table.
// Unicode spaces count too: French puts a no-break space before a colon
// ("Déclencheurs : …"), and the key is trimmed of it.
func isKeyRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiKey[r]
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || isSpace(r)
}

var asciiKey = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = c == ' ' || c == '-' || c == '_' || c == '/' ||
			'0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
	}
	return t
}()
