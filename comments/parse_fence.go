package comments

import "strings"

// Fenced code blocks, after CommonMark: a run of three or more backticks or
// tildes opens one; it is closed by a run of the same character at least as
// long with nothing after it but blanks, or by the end of the body. People
// paste logs, scripts and earlier bot replies in fences; none of it is a
// command.

// openFence reports whether line opens a fenced code block. At the top
// level the fence may be indented 0-3 columns; 4 or more is indented code.
// After list markers ("- ```", "1. ~~~") any indentation is accepted: a
// fence inside a list item hides its lines just the same.
func openFence(line string) (fence, bool) {
	col, i := indentation(line, 0, 0)
	listed := false
	for {
		j, ok := listMarker(line, i)
		if !ok {
			break
		}
		listed = true
		col, i = indentation(line, j, col+j-i)
	}
	if !listed && col > 3 {
		return fence{}, false
	}
	n := fenceRun(line, i)
	if n == 0 {
		return fence{}, false
	}
	f := fence{char: line[i], length: n}
	if listed {
		// The closing fence may be indented up to 3 columns past the
		// item's content, where the fence itself starts.
		f.indent = col
	}
	return f, true
}

// fenceRun returns the length of the fence run at line[i:], or 0 if there
// is none. A backtick fence's info string may not hold a backtick: "```a`"
// is inline code, not a fence.
func fenceRun(line string, i int) int {
	if i >= len(line) || line[i] != '`' && line[i] != '~' {
		return 0
	}
	c := line[i]
	n := runLen(line, i, c)
	if n < 3 {
		return 0
	}
	if c == '`' && strings.IndexByte(line[i+n:], '`') >= 0 {
		return 0
	}
	return n
}

// closesFence reports whether line closes the open fence.
func (s *scanner) closesFence(line string) bool {
	col, i := indentation(line, 0, 0)
	if col > s.fence.indent+3 {
		return false
	}
	n := runLen(line, i, s.fence.char)
	return n >= s.fence.length && trimBlank(line[i+n:]) == ""
}

// runLen counts the bytes equal to c from line[i].
func runLen(line string, i int, c byte) int {
	n := 0
	for i+n < len(line) && line[i+n] == c {
		n++
	}
	return n
}

// listMarker reports a list item marker at line[i:] ("-", "*", "+", or up
// to 9 digits and "." or ")") followed by a space or tab, and returns the
// offset just past the marker.
func listMarker(line string, i int) (int, bool) {
	j := i
	switch {
	case j < len(line) && (line[j] == '-' || line[j] == '*' || line[j] == '+'):
		j++
	default:
		for j < len(line) && j-i < 9 && '0' <= line[j] && line[j] <= '9' {
			j++
		}
		if j == i || j >= len(line) || line[j] != '.' && line[j] != ')' {
			return 0, false
		}
		j++
	}
	if j >= len(line) || line[j] != ' ' && line[j] != '\t' {
		return 0, false
	}
	return j, true
}
