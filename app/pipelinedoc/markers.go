package pipelinedoc

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// The saved section is wrapped in HTML comments, invisible when rendered:
//
//	<!-- pipewright:deployment-strategy:begin sha256=<hex> -->
//	...section...
//	<!-- pipewright:deployment-strategy:end -->
//
// The section is found by these markers, never by its heading, so the
// heading can be translated. The hash is of the section as written (line
// breaks normalised to "\n"): if it no longer matches, a person edited the
// section and Pipewright must not overwrite it.
const (
	markerStem  = "pipewright:deployment-strategy:"
	markerOpen  = "<!-- " + markerStem
	markerClose = " -->"
	beginPrefix = markerOpen + "begin sha256="
	EndMarker   = markerOpen + "end" + markerClose
)

// BeginMarker returns the line that opens a saved section whose normalised
// text has the given sha256 hex digest.
func BeginMarker(hash string) string { return beginPrefix + hash + markerClose }

type markerKind int

const (
	markerNone  markerKind = iota
	markerBegin            // a well-formed begin marker
	markerEnd              // the end marker
	markerBad              // starts like a marker but is damaged
)

// parseMarker classifies a line. Surrounding blanks are ignored because
// editors and formatters indent or pad lines without meaning anything.
func parseMarker(text []byte) (markerKind, string) {
	t := string(bytes.TrimSpace(text))
	if !strings.HasPrefix(t, markerOpen) {
		return markerNone, ""
	}
	if t == EndMarker {
		return markerEnd, ""
	}
	h, ok := strings.CutPrefix(t, beginPrefix)
	if h, found := strings.CutSuffix(h, markerClose); ok && found && isSHA256Hex(h) {
		return markerBegin, h
	}
	return markerBad, ""
}

func isSHA256Hex(s string) bool {
	if len(s) != 2*sha256.Size {
		return false
	}
	for _, c := range []byte(s) {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}

// hashSection is the digest stored in the begin marker.
func hashSection(normalised []byte) string {
	sum := sha256.Sum256(normalised)
	return hex.EncodeToString(sum[:])
}

// normaliseEOL turns every line break into "\n", dropping all CRs right
// before a "\n". It is idempotent, and converting its output to CRLF and
// back yields the same bytes, which keeps the hash stable when a file's
// line endings are converted by git or an editor.
func normaliseEOL(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for _, c := range b {
		if c == '\n' {
			out = bytes.TrimRight(out, "\r")
		}
		out = append(out, c)
	}
	return out
}

// region is Pipewright's saved section in the body (body offsets).
type region struct {
	start, end   int // begin line start; past the end line's break
	content      []byte
	hash         string // the hash recorded in the begin marker
	first, last  int    // file lines of the two markers
	editedByHand bool
}

// findRegion locates the one saved section. Anything but zero or one
// well-formed pair is reported, since guessing could destroy text.
func findRegion(file string, data []byte, bodyStart int, lines []mdLine) (*region, error) {
	lineNo := func(l mdLine) int { return fileLine(data, bodyStart+l.start) }
	restore := `restore the marker lines as Pipewright wrote them, or delete the whole section from "` +
		markerOpen + `begin ..." to "` + EndMarker + `" and save again`
	var reg *region
	open := -1
	for i, l := range lines {
		switch {
		case l.marker == markerBad:
			return nil, errorf(file, lineNo(l), ErrBrokenMarkers,
				"this line looks like a Pipewright section marker but was changed; %s", restore)
		case l.marker == markerBegin && open >= 0:
			return nil, errorf(file, lineNo(l), ErrBrokenMarkers,
				"a second Pipewright begin marker appears before the section begun on line %d ends; %s", lineNo(lines[open]), restore)
		case l.marker == markerBegin && reg != nil:
			return nil, errorf(file, lineNo(l), ErrBrokenMarkers,
				"the document has a second Pipewright Deployment Strategy section (the first begins on line %d); delete one of them and save again", reg.first)
		case l.marker == markerBegin:
			open = i
		case l.marker == markerEnd && open < 0:
			return nil, errorf(file, lineNo(l), ErrBrokenMarkers,
				"a Pipewright end marker appears without a begin marker before it; %s", restore)
		case l.marker == markerEnd:
			b := lines[open]
			content := normaliseEOL(data[bodyStart+b.next : bodyStart+l.start])
			reg = &region{start: b.start, end: l.next, content: content, hash: b.hash,
				first: lineNo(b), last: lineNo(l), editedByHand: hashSection(content) != b.hash}
			open = -1
		}
	}
	if open >= 0 {
		return nil, errorf(file, lineNo(lines[open]), ErrBrokenMarkers,
			"the Pipewright section begun on this line has no end marker; %s", restore)
	}
	return reg, nil
}
