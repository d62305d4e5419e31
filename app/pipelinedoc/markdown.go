package pipelinedoc

import (
	"bytes"
	"regexp"
	"strings"
)

// mdLine is one line of the markdown body, classified just enough to find
// headings, fields and Pipewright's markers without a full markdown parser.
type mdLine struct {
	start, next int    // byte range in the body; next is past the line break
	text        []byte // without "\n" and a trailing "\r"
	code        bool   // inside, or delimiting, a fenced code block
	marker      markerKind
	hash        string // the begin marker's hash
	inRegion    bool   // a marker line or a line between begin and end
}

// scanBody splits body into lines, and returns the index of the line that
// opens a code block never closed, or -1. Fences and markers are tracked together:
// a begin marker outside code opens a region that runs to the next end
// marker regardless of fences, because the region holds caller text that
// may contain an unclosed fence, and that must not hide what follows.
func scanBody(body []byte) (lines []mdLine, openFence int) {
	var fence []byte // the opening fence run while inside a code block
	inRegion := false
	openFence = -1
	for off := 0; off < len(body); {
		text, next := lineAt(body, off)
		l := mdLine{start: off, next: next, text: bytes.TrimSuffix(text, []byte("\r"))}
		off = next
		switch {
		case inRegion:
			l.inRegion = true
			l.marker, l.hash = parseMarker(l.text)
			inRegion = l.marker != markerEnd
		case fence != nil:
			l.code = true
			if isFenceClose(l.text, fence) {
				fence, openFence = nil, -1
			}
		default:
			l.marker, l.hash = parseMarker(l.text)
			if l.marker == markerBegin {
				l.inRegion, inRegion = true, true
			} else if f := fenceOpen(l.text); f != nil {
				l.code, fence, openFence = true, f, len(lines)
			}
		}
		lines = append(lines, l)
	}
	return lines, openFence
}

// fenceOpen returns the fence run (``` or ~~~, 3 or more) that opens a code
// block on this line, or nil. Any indentation is accepted: LLM-written docs
// nest fences in list items far more often than they use indented code.
func fenceOpen(text []byte) []byte {
	t := bytes.TrimLeft(text, " \t")
	if len(t) < 3 || (t[0] != '`' && t[0] != '~') {
		return nil
	}
	n := 0
	for n < len(t) && t[n] == t[0] {
		n++
	}
	if n < 3 || (t[0] == '`' && bytes.IndexByte(t[n:], '`') >= 0) {
		return nil // a backtick fence's info string may not contain backticks
	}
	return t[:n]
}

// isFenceClose reports whether text closes the block opened by fence: the
// same character, at least as many, and nothing else.
func isFenceClose(text, fence []byte) bool {
	t := bytes.TrimSpace(text)
	if len(t) < len(fence) {
		return false
	}
	for _, c := range t {
		if c != fence[0] {
			return false
		}
	}
	return true
}

var headingRE = regexp.MustCompile(`^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$`)

// heading returns the level and text of an ATX heading line, or 0.
func heading(l mdLine) (level int, title string) {
	if l.code || l.inRegion {
		return 0, ""
	}
	m := headingRE.FindSubmatch(l.text)
	if m == nil {
		return 0, ""
	}
	return len(m[1]), strings.TrimSpace(string(m[2]))
}

// numberPrefixRE matches "5. " or "5) " in front of a heading title.
var numberPrefixRE = regexp.MustCompile(`^\d+[.)]\s*`)

// normTitle lowercases a heading title and drops a leading number ("5.
// Deploy Stage") and emphasis, so titles match however they were typed.
func normTitle(title string) string {
	t := strings.ToLower(numberPrefixRE.ReplaceAllString(title, ""))
	return strings.Trim(t, "*_` ")
}

// titleIs reports whether a heading title names want, also when followed by
// a non-letter ("Deploy Stage (CD)", "Deploy Stage: GitOps").
func titleIs(title, want string) bool {
	t := normTitle(title)
	if !strings.HasPrefix(t, want) {
		return false
	}
	rest := t[len(want):]
	return rest == "" || !isLetter(rest[0])
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// sectionLines returns the lines after the heading at index i up to the next
// heading of level <= maxLevel.
func sectionLines(lines []mdLine, i, maxLevel int) []mdLine {
	for j := i + 1; j < len(lines); j++ {
		if lvl, _ := heading(lines[j]); lvl > 0 && lvl <= maxLevel {
			return lines[i+1 : j]
		}
	}
	return lines[i+1:]
}
