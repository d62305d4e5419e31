package comments

import "strings"

// Parse returns the commands of a comment body in the order written.
//
// A command is a line whose first visible character is a slash followed by
// letters ("/decide canary"), indented at most 3 columns. The lines after
// it, up to the next command, belong to it: "Key: value" lines become
// Fields, other lines the Rationale. Text before the first command is
// ignored, and so is everything a reader does not see as the commenter's
// own words: fenced code, block quotes (lazily continued lines too,
// parse_lazy.go) and HTML comments (parse_block.go).
//
// Parse never fails: a body without commands gives nil. It runs in one pass
// over the body and allocates little beyond the commands it returns.
func Parse(body string) []Command {
	var p parser
	for n, more := 1, true; more; n++ {
		var line string
		line, body, more = cutLine(body)
		l := p.scan(line)
		switch l.kind {
		case lineCommand:
			p.finish()
			p.begin(l.text, line, n, body)
		case lineIgnored:
			// Invisible to readers, so it neither belongs to the command nor
			// breaks its paragraphs.
		default:
			if len(p.cmds) > 0 {
				p.add(l)
			}
		}
	}
	p.finish()
	return p.cmds
}

// cutLine splits off the first line of s; more is false for the last.
// Lines end at "\n"; the "\r" of a CRLF ending is dropped. A lone "\r"
// stays in the line, where it counts as a space.
func cutLine(s string) (line, rest string, more bool) {
	line, rest, more = strings.Cut(s, "\n")
	return strings.TrimSuffix(line, "\r"), rest, more
}

// parser holds the commands found so far; the last one is still taking
// the lines under it. Commands are built in place, not copied in.
type parser struct {
	scanner
	cmds      []Command
	rationale joiner // of the last command
	pending   bool   // a blank line was seen after some rationale
}

// begin starts a command from its visible text (comments cut out) and the
// line as written. The first command sizes the slice from the lines left
// that could be commands, so a body of many commands is not copied over
// and over.
func (p *parser) begin(text, raw string, line int, left string) {
	if p.cmds == nil {
		p.cmds = make([]Command, 0, 1+strings.Count(left, "\n/"))
	}
	verb, after, _ := splitCommand(text)
	rest, inline := splitRationale(after)
	p.cmds = append(p.cmds, Command{
		Verb:  verb,
		Known: verb.IsKnown(),
		Args:  splitArgs(rest),
		Rest:  rest,
		Line:  line,
		Raw:   raw,
	})
	p.rationale, p.pending = joiner{}, false
	p.addRationale(inline)
}

// add takes one line under the last command.
func (p *parser) add(l scanned) {
	switch l.kind {
	case lineBlank:
		p.pending = p.rationale.n > 0
	case lineText:
		if f, ok := parseField(l.text); ok {
			c := &p.cmds[len(p.cmds)-1]
			c.Fields = append(c.Fields, f)
			return
		}
		p.addRationale(l.text)
	case lineCode:
		p.addRationale(l.text)
	}
}

// addRationale appends a line of rationale; runs of blank lines before it
// become one paragraph break, and none is kept at the start.
func (p *parser) addRationale(text string) {
	sep := "\n"
	if p.pending {
		sep = "\n\n"
	}
	p.rationale.add(sep, text)
	p.pending = false
}

// finish sets the last command's rationale.
func (p *parser) finish() {
	if len(p.cmds) > 0 {
		p.cmds[len(p.cmds)-1].Rationale = p.rationale.String()
	}
}

// joiner joins non-empty strings with separators. Most rationales and most
// lines with a comment cut out are one piece, which it returns without
// copying; a builder is used from the second piece on.
type joiner struct {
	first string
	b     strings.Builder
	n     int // pieces added
}

// add appends s, preceded by sep unless it is the first piece; an empty s
// is dropped.
func (j *joiner) add(sep, s string) {
	switch {
	case s == "":
		return
	case j.n == 0:
		j.first = s
	case j.n == 1:
		j.b.Grow(len(j.first) + len(sep) + len(s))
		j.b.WriteString(j.first)
		fallthrough
	default:
		j.b.WriteString(sep)
		j.b.WriteString(s)
	}
	j.n++
}

func (j *joiner) String() string {
	if j.n <= 1 {
		return j.first
	}
	return j.b.String()
}
