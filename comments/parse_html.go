package comments

import "strings"

// HTML comments: "<!-- ... -->", possibly over many lines. The bot hides
// its markers in them, so a commenter who pastes a bot reply whole must not
// run what the bot wrote there; and people comment out a command to disable
// it. An unclosed comment hides the rest of the body, as CommonMark's HTML
// block does.

// stripComments returns s without its HTML comments. A comment still open at
// the end of s sets sc.inComment, and the next lines are hidden until "-->".
// "<!--" inside a backtick code span on the same line is text: someone
// explaining the markers does not hide the rest of their comment.
func (sc *scanner) stripComments(s string) string {
	if !strings.Contains(s, "<!--") {
		return s
	}
	spans := codeSpans(s)
	var out joiner
	keep, p := 0, 0 // keep: start of text not yet copied; p: search position
	for {
		k := strings.Index(s[p:], "<!--")
		if k < 0 {
			break
		}
		at := p + k
		if end, in := spans.covering(at); in {
			p = end
			continue
		}
		out.add("", s[keep:at])
		end := commentClose(s, at+len("<!--"))
		if end < 0 {
			sc.inComment = true
			return out.String()
		}
		keep, p = end, end
	}
	out.add("", s[keep:])
	return out.String()
}

// commentClose returns the offset just past the end of a comment whose body
// starts at s[i:], or -1 if it does not end in s. As in CommonMark 0.31,
// "<!-->" and "<!--->" are complete (empty) comments.
func commentClose(s string, i int) int {
	switch {
	case strings.HasPrefix(s[i:], ">"):
		return i + 1
	case strings.HasPrefix(s[i:], "->"):
		return i + 2
	}
	return commentEnd(s, i)
}

// commentEnd returns the offset just past the first "-->" in s[i:], or -1.
func commentEnd(s string, i int) int {
	k := strings.Index(s[i:], "-->")
	if k < 0 {
		return -1
	}
	return i + k + len("-->")
}

// spanList holds the backtick runs of a line, each with the index of the
// run that closes its code span (-1: none, so the run is literal text).
// covering is asked about increasing offsets, so it walks the runs once.
type spanList struct {
	runs []btRun
	next int
}

type btRun struct{ pos, n, partner int32 }

// covering reports whether offset at lies inside a code span, and the end
// of that span.
func (l *spanList) covering(at int) (int, bool) {
	for l.next < len(l.runs) {
		r := l.runs[l.next]
		if r.partner < 0 {
			l.next++
			continue
		}
		closer := l.runs[r.partner]
		end := int(closer.pos + closer.n)
		switch {
		case end <= at:
			l.next = int(r.partner) + 1
		case int(r.pos) <= at:
			return end, true
		default:
			return 0, false
		}
	}
	return 0, false
}

// codeSpans finds the backtick code spans of s: a run of n backticks up to
// the next run of exactly n. The partner of every run is found in one
// backward pass, so a line of many unmatched runs stays linear, and the
// runs are counted first so a hostile line costs two allocations.
func codeSpans(s string) *spanList {
	l := &spanList{}
	count, longest := 0, 0
	for i := 0; i < len(s); {
		k := strings.IndexByte(s[i:], '`')
		if k < 0 {
			break
		}
		n := runLen(s, i+k, '`')
		count, longest, i = count+1, max(longest, n), i+k+n
	}
	if count == 0 {
		return l
	}
	l.runs = make([]btRun, 0, count)
	for i := 0; len(l.runs) < count; {
		i += strings.IndexByte(s[i:], '`')
		n := runLen(s, i, '`')
		l.runs = append(l.runs, btRun{pos: int32(i), n: int32(n)})
		i += n
	}
	last := make([]int32, longest+1) // run length -> index+1 of the nearest later run
	for i := len(l.runs) - 1; i >= 0; i-- {
		r := &l.runs[i]
		r.partner = last[r.n] - 1
		last[r.n] = int32(i) + 1
	}
	return l
}
