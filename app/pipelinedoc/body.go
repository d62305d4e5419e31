package pipelinedoc

import (
	"bytes"
	"path"
	"strings"
)

// bodyInfo is what Save and Parse need to know about the markdown body.
type bodyInfo struct {
	lines   []mdLine
	region  *region // the saved section, nil if none
	blocked error   // why Save would refuse to write, nil if it would not
}

// analyzeBody scans the body (data[bodyStart:]) and decides whether a
// section may be written: only into our own unedited region, or appended
// when no Deployment Strategy section exists at all, under its English
// title or any of titles (the heading of the section to save, which may be
// in another language).
func analyzeBody(file string, data []byte, bodyStart int, titles ...string) *bodyInfo {
	info := &bodyInfo{}
	lines, openFence := scanBody(data[bodyStart:])
	info.lines = lines
	info.region, info.blocked = findRegion(file, data, bodyStart, info.lines)
	switch reg := info.region; {
	case info.blocked != nil:
	case reg == nil && openFence >= 0:
		// Appending after an unclosed fence would put the section, markers
		// included, inside a code block where nobody can find it.
		info.blocked = errorf(file, fileLine(data, bodyStart+lines[openFence].start), ErrUnclosedCodeBlock,
			"the code block opened on this line is never closed, so a section added at the end would be inside it; "+
				"add a line %q where the code block ends and save again", string(fenceOpen(lines[openFence].text)))
	case reg == nil:
		if l, title, ok := foreignHeading(info.lines, titles); ok {
			info.blocked = errorf(file, fileLine(data, bodyStart+l.start), ErrForeignSection,
				`%s already has a "## %s" section that Pipewright did not write, so Pipewright will not add a second one; `+
					`rename or delete that section (move anything worth keeping into the decisions you give Pipewright) and save again`, docName(file), title)
		}
	case reg.editedByHand:
		info.blocked = errorf(file, reg.first, ErrSectionEditedByHand,
			`the Deployment Strategy section (lines %d-%d) was edited by hand after Pipewright saved it, so Pipewright will not overwrite it and changed nothing; `+
				`to save, copy anything you want to keep, delete lines %d-%d and save again`, reg.first, reg.last, reg.first, reg.last)
	}
	return info
}

// docName names the document in a sentence.
func docName(file string) string {
	if file == "" {
		return "the document"
	}
	return path.Base(file)
}

// foreignHeading finds a "## Deployment Strategy" heading, or one of
// titles, outside code and outside Pipewright's region.
func foreignHeading(lines []mdLine, titles []string) (mdLine, string, bool) {
	want := map[string]bool{"deployment strategy": true}
	for _, t := range titles {
		if t = normTitle(t); t != "" {
			want[t] = true
		}
	}
	for _, l := range lines {
		if lvl, title := heading(l); lvl == 2 && want[normTitle(title)] {
			return l, title, true
		}
	}
	return mdLine{}, "", false
}

// sectionTitle is the title of a section's "## " heading, its first line.
func sectionTitle(section []byte) string {
	first, _, _ := bytes.Cut(section, []byte("\n"))
	if t, ok := bytes.CutPrefix(bytes.TrimSpace(first), []byte("## ")); ok {
		return string(bytes.TrimSpace(t))
	}
	return ""
}

// bodyEOL picks the line break for the lines Pipewright writes: the body's
// predominant one, ignoring our own region so the choice cannot flip
// between saves; the frontmatter's on a tie (e.g. an empty body).
func bodyEOL(body []byte, reg *region, fallback string) string {
	crlf, lf := 0, 0
	count := func(b []byte) {
		n, c := bytes.Count(b, []byte("\n")), bytes.Count(b, []byte("\r\n"))
		crlf, lf = crlf+c, lf+n-c
	}
	if reg != nil {
		count(body[:reg.start])
		count(body[reg.end:])
	} else {
		count(body)
		if bytes.HasSuffix(body, []byte("\r")) {
			crlf++ // the break appended after a final lone CR will pair with it
		}
	}
	switch {
	case crlf > lf:
		return "\r\n"
	case lf > crlf:
		return "\n"
	}
	return fallback
}

// escapedStem replaces the marker stem in caller text. Its colons are
// character references, so rendered markdown still shows
// "pipewright:deployment-strategy:" but no line can pass for a marker.
const escapedStem = "pipewright&#58;deployment-strategy&#58;"

// prepareSection normalises the caller's section: "\n" line breaks, no
// forged markers, exactly one final line break.
func prepareSection(file, section string) ([]byte, error) {
	s := strings.ReplaceAll(string(normaliseEOL([]byte(section))), markerStem, escapedStem)
	s = strings.TrimRight(s, "\r\n")
	if strings.TrimSpace(s) == "" {
		return nil, errorf(file, 0, ErrEmptySection,
			"the Deployment Strategy section to save is empty; finish the step 4 decisions first")
	}
	return []byte(s + "\n"), nil
}

// renderRegion wraps content (from prepareSection) in markers.
func renderRegion(content []byte, eol string) []byte {
	s := BeginMarker(hashSection(content)) + "\n" + string(content) + EndMarker + "\n"
	if eol != "\n" {
		s = strings.ReplaceAll(s, "\n", eol)
	}
	return []byte(s)
}

// appendSeparated appends block to out after exactly one blank line,
// adding a line break to an unterminated last line first; existing blank
// lines are kept rather than trimmed, since they are the user's bytes.
func appendSeparated(out []byte, block []byte, eol string) []byte {
	if !bytes.HasSuffix(out, []byte("\n")) {
		out = append(out, eol...)
	}
	prev := out[:len(out)-1]
	last := prev[bytes.LastIndexByte(prev, '\n')+1:]
	if len(bytes.TrimSpace(last)) > 0 {
		out = append(out, eol...)
	}
	return append(out, block...)
}
