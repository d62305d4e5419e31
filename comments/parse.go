package comments

import "strings"

// Parse returns the commands of a comment body in the order written.
//
// A command is a line whose first visible character is a slash followed by
// letters ("/decide canary"), indented at most 3 columns. The lines after
// it, up to the next command, belong to it: "Key: value" lines become
// Fields, other lines the Rationale. Text before the first command is
// ignored, and so is everything a reader does not see as the commenter's
// own words: fenced code, block quotes and HTML comments (parse_block.go).
//
// Parse never fails: a body without commands gives nil. It runs in one pass
// over the body and allocates only for the commands it returns.
func Parse(body string) []Command {
	var (
		sc   scanner
		cmds []Command
		cur  draft // cur.cmd.Line == 0 until the first command
	)
	for n, more := 1, true; more; n++ {
		var line string
		line, body, more = cutLine(body)
		l := sc.scan(line)
		switch l.kind {
		case lineCommand:
			if cur.cmd.Line > 0 {
				cmds = appendCommand(cmds, cur.done(), body)
			}
			cur.start(l.text, line, n)
		case lineIgnored:
			// Invisible to readers, so it neither belongs to the command nor
			// breaks its paragraphs.
		default:
			if cur.cmd.Line > 0 {
				cur.add(l)
			}
		}
	}
	if cur.cmd.Line > 0 {
		cmds = appendCommand(cmds, cur.done(), body)
	}
	return cmds
}

// appendCommand appends c, sizing the slice on the first append for c, the
// command being read and the lines left that could be commands, so a body
// of many commands does not copy the slice over and over.
func appendCommand(cmds []Command, c Command, rest string) []Command {
	if cmds == nil {
		cmds = make([]Command, 0, 2+strings.Count(rest, "\n/"))
	}
	return append(cmds, c)
}

// cutLine splits off the first line of s; more is false for the last. Lines end at "\n"; the "\r" of a
// CRLF ending is dropped. A lone "\r" stays in the line, where it counts as
// a space.
func cutLine(s string) (line, rest string, more bool) {
	line, rest, more = strings.Cut(s, "\n")
	return strings.TrimSuffix(line, "\r"), rest, more
}

// draft is a command whose lines are still being read.
type draft struct {
	cmd       Command
	rationale strings.Builder
	pending   bool // a blank line was seen after some rationale
}

// start begins a new command from its visible text (comments cut out) and
// the line as written.
func (d *draft) start(text, raw string, line int) {
	verb, after, _ := splitCommand(text)
	rest, inline := splitRationale(after)
	*d = draft{cmd: Command{
		Verb:  verb,
		Known: verb.IsKnown(),
		Args:  splitArgs(rest),
		Rest:  rest,
		Line:  line,
		Raw:   raw,
	}}
	d.addRationale(inline)
}

// add takes one line under the command.
func (d *draft) add(l scanned) {
	switch l.kind {
	case lineBlank:
		d.pending = d.rationale.Len() > 0
	case lineText:
		if f, ok := parseField(l.text); ok {
			d.cmd.Fields = append(d.cmd.Fields, f)
			return
		}
		d.addRationale(l.text)
	case lineCode:
		d.addRationale(l.text)
	}
}

// addRationale appends a line of rationale; runs of blank lines before it
// become one paragraph break, and none is kept at the start.
func (d *draft) addRationale(text string) {
	if text == "" {
		return
	}
	if d.rationale.Len() > 0 {
		if d.pending {
			d.rationale.WriteString("\n\n")
		} else {
			d.rationale.WriteByte('\n')
		}
	}
	d.pending = false
	d.rationale.WriteString(text)
}

// done returns the finished command.
func (d *draft) done() Command {
	d.cmd.Rationale = d.rationale.String()
	return d.cmd
}
