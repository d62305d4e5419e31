package comments

import "unicode/utf8"

// This file follows the Markdown blocks of a body line by line, just enough
// to know which lines a reader sees as the commenter's own words: fenced
// code, block quotes and HTML comments are not, and neither can hold a
// command. Where CommonMark is ambiguous without a full parse, the scanner
// errs towards ignoring a line: a missed command can be typed again, a
// command run from a quoted bot reply or a code sample cannot be undone.

// lineKind says what a line is to the command parser.
type lineKind int

const (
	lineIgnored lineKind = iota // fenced, quoted or hidden in an HTML comment
	lineBlank                   // nothing visible: a paragraph break
	lineCommand                 // "/word ..." at most 3 columns in
	lineText                    // prose: a field or rationale
	lineCode                    // indented 4+ columns: rationale, never a field
)

// fence is an open fenced code block.
type fence struct {
	char   byte // '`' or '~'; 0 when no fence is open
	length int  // the opening run; a closing run must be at least as long
	indent int  // the container's content column (list items); 0 at top level
}

// scanner carries the block state from one line to the next.
type scanner struct {
	fence     fence
	inComment bool // inside an HTML comment opened on an earlier line
	quotePara bool // a block quote's paragraph is open: plain lines continue it (parse_lazy.go)
}

// scanned is one classified line; text is its visible content, trimmed.
type scanned struct {
	kind lineKind
	text string
}

// scan classifies one line (without its line ending) and advances the state.
func (s *scanner) scan(line string) scanned {
	if s.fence.char != 0 {
		if s.closesFence(line) {
			s.fence = fence{}
		}
		return scanned{kind: lineIgnored}
	}
	if s.inComment {
		// The line that ends a comment belongs to it in CommonMark, so what
		// follows "-->" is prose at best: never a command, fence or quote.
		end := commentEnd(line, 0)
		if end < 0 {
			return scanned{kind: lineIgnored}
		}
		s.inComment = false
		if text := trimBlank(s.stripComments(line[end:])); text != "" {
			return scanned{kind: lineText, text: text}
		}
		return scanned{kind: lineIgnored}
	}
	col, start := indentation(line, 0, 0)
	if start == len(line) {
		s.quotePara = false
		return scanned{kind: lineBlank}
	}
	if para, quoted := quoteLine(line, s.quotePara); quoted {
		s.quotePara = para
		if line[start] == '>' {
			return scanned{kind: lineIgnored}
		}
		// "- > x": a quote in a list item; the line reads as before.
	} else if s.quotePara {
		if continuesLazily(line) {
			return scanned{kind: lineIgnored}
		}
		s.quotePara = false
	}
	if f, ok := openFence(line); ok {
		s.fence = f
		return scanned{kind: lineIgnored}
	}
	visible := trimBlank(s.stripComments(line[start:]))
	switch {
	case visible == "":
		// Only a comment (a bot marker, say): not even a paragraph break.
		return scanned{kind: lineIgnored}
	case col >= 4:
		return scanned{kind: lineCode, text: visible}
	case line[start] == '/':
		// "/verb" must be written out: "/<!-- -->decide" is not a command.
		// A comment after it (/decide x <!-- y -->) is cut out above.
		if _, _, ok := splitCommand(line[start:]); ok {
			return scanned{kind: lineCommand, text: visible}
		}
	}
	return scanned{kind: lineText, text: visible}
}

// indentation measures the blanks of line from byte i, starting at column
// col: a tab advances to the next multiple of 4 (CommonMark), other spaces
// (NBSP included) count one column, zero-width characters none. It returns
// the column and byte offset of the first visible character.
func indentation(line string, i, col int) (int, int) {
	for i < len(line) {
		switch c := line[i]; {
		case c == ' ':
			col++
			i++
		case c == '\t':
			col += 4 - col%4
			i++
		case c < 0x80:
			return col, i
		default:
			r, w := utf8.DecodeRuneInString(line[i:])
			if !isBlank(r) {
				return col, i
			}
			if r != '\u200b' && r != '\u200c' && r != '\u200d' && r != '\u2060' && r != '\ufeff' {
				col++
			}
			i += w
		}
	}
	return col, i
}
