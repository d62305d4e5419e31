package comments

import "strings"

// Lazy continuation, after CommonMark: while a block quote holds an open
// paragraph, a following line without ">" that does not start a block of
// its own still belongs to that paragraph, so GitHub shows it inside the
// quote:
//
//	> Should we use canary?
//	/decide canary
//
// renders as one quoted paragraph. Such a line is someone else's words
// (a pasted reply, most often) and never a command. Only paragraph text is
// lazy: a blank line, a heading, a thematic break, a fence, a non-empty list
// item or an HTML comment ends the quote. Where telling needs a full parse
// (HTML blocks, fences inside the quote), the quote is taken to stay open.

// quoteLine reads a line whose first visible character, at most 3 columns
// in, is ">" (after any list markers), and reports whether the quote ends
// it with a paragraph open: the state lazy continuation needs. open is
// whether a paragraph of the quote was open before this line.
func quoteLine(line string, open bool) (paragraph, quoted bool) {
	col, i := indentation(line, 0, 0)
	if col > 3 {
		return false, false
	}
	for {
		j, ok := listMarker(line, i)
		if !ok {
			break
		}
		_, i = indentation(line, j, 0)
	}
	if i >= len(line) || line[i] != '>' {
		return false, false
	}
	// Strip the quote markers, nested ones too ("> > x"); a marker takes
	// one optional blank after it.
	for i < len(line) && line[i] == '>' {
		i++
		if i < len(line) && (line[i] == ' ' || line[i] == '\t') {
			i++
		}
		c, k := indentation(line, i, 0)
		if c > 3 || k >= len(line) || line[k] != '>' {
			break
		}
		i = k
	}
	col, k := indentation(line, i, 0)
	content := line[k:]
	switch {
	case content == "":
		return false, true
	case col >= 4:
		// Indented code cannot interrupt a paragraph: it continues one.
		return open, true
	case open && isSetextUnderline(content):
		return false, true
	case interruptsParagraph(line[k:]):
		return false, true
	}
	return true, true
}

// continuesLazily reports whether line (not a quote line) continues an open
// quoted paragraph: it is not blank and starts no block that can interrupt
// a paragraph.
func continuesLazily(line string) bool {
	col, i := indentation(line, 0, 0)
	if i == len(line) {
		return false
	}
	if col >= 4 {
		return true // indented code cannot interrupt a paragraph
	}
	return !interruptsParagraph(line[i:])
}

// interruptsParagraph reports whether s, a line's content from its first
// visible character, starts a block that ends an open paragraph: an ATX
// heading, a thematic break, a code fence, an HTML comment or a list item
// that can interrupt a paragraph (not empty; an ordered one numbered 1).
// Other HTML blocks are left out: the quote is taken to stay open.
func interruptsParagraph(s string) bool {
	switch {
	case isATXHeading(s), isThematicBreak(s), fenceRun(s, 0) > 0, strings.HasPrefix(s, "<!--"):
		return true
	}
	j, ok := listMarker(s, 0)
	if !ok {
		return false
	}
	if s[0] >= '0' && s[0] <= '9' && strings.TrimLeft(s[:j-1], "0") != "1" {
		return false // "2. x" does not start a list in a paragraph
	}
	return trimBlank(s[j:]) != ""
}

// isATXHeading reports "# x": one to six '#' then a blank or the end.
func isATXHeading(s string) bool {
	n := runLen(s, 0, '#')
	return n >= 1 && n <= 6 && (n == len(s) || s[n] == ' ' || s[n] == '\t')
}

// isThematicBreak reports three or more '*', '-' or '_' with only blanks
// between them ("---", "* * *").
func isThematicBreak(s string) bool {
	if s == "" || s[0] != '*' && s[0] != '-' && s[0] != '_' {
		return false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case s[0]:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// isSetextUnderline reports a run of '=' or '-' with only trailing blanks,
// which turns the paragraph above it into a heading and closes it.
func isSetextUnderline(s string) bool {
	if s == "" || s[0] != '=' && s[0] != '-' {
		return false
	}
	n := runLen(s, 0, s[0])
	return trimBlank(s[n:]) == ""
}
