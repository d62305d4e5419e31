package comments

import (
	"html"
	"regexp"
	"strings"

	"golang.org/x/text/width"
)

// TerminalWidth is the widest table Terminal keeps as a table; a wider one
// becomes a list, so nothing wraps in the middle of a row.
const TerminalWidth = 100

// Terminal turns a reply rendered for GitHub into text for a terminal
// (pipewright local): the same words, without what only GitHub reads.
// HTML tags and hidden markers go, <br> becomes a new line, the invisible
// guard that keeps @login from pinging goes (there is nobody to ping), and
// a table is kept only when it fits TerminalWidth columns, else each row
// becomes an item of a list. Code spans (commands) are kept as written.
func Terminal(md string) string {
	lines := strings.Split(md, "\n")
	var out []string
	fence := ""
	for i := 0; i < len(lines); {
		// Fenced code (a diff, the Mermaid diagram) is copied as it is.
		if t := strings.TrimSpace(lines[i]); fence != "" || strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			switch {
			case fence == "":
				fence = t[:len(t)-len(strings.TrimLeft(t, t[:1]))]
			case strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "":
				fence = ""
			}
			out = append(out, strings.ReplaceAll(lines[i], "@\u2060", "@"))
			i++
			continue
		}
		if isRow(lines[i]) && i+1 < len(lines) && isRule(lines[i+1]) {
			j := i + 2
			for j < len(lines) && isRow(lines[j]) {
				j++
			}
			out = append(out, terminalTable(lines[i], lines[i+2:j])...)
			i = j
			continue
		}
		if text, ok := terminalLine(lines[i]); ok {
			out = append(out, text)
		}
		i++
	}
	return strings.Join(out, "\n")
}

var (
	onlyComment    = regexp.MustCompile(`^\s*<!--.*-->\s*$`)
	anyComment     = regexp.MustCompile(`<!--.*?-->`)
	githubTag      = regexp.MustCompile(`</?(?:sub|sup|details|summary|b|i|p|code)(?:\s[^>]*)?>`)
	lineBreak      = regexp.MustCompile(`<br\s*/?>`)
	termListMarker = regexp.MustCompile(`^(\s*(?:[-*+]|\d+\.)\s+)`)
)

// terminalLine is one line of prose or list; ok is false for a line that
// only held a hidden marker.
func terminalLine(line string) (string, bool) {
	if onlyComment.MatchString(line) {
		return "", false
	}
	indent := ""
	if m := termListMarker.FindString(line); m != "" {
		indent = strings.Repeat(" ", width1(m))
	}
	return strings.Join(plain(line), "\n"+indent), true
}

// plain is a line's text without GitHub-only markup, split at <br>.
// Markup inside code spans is the command's own (`<why>`) and stays.
func plain(s string) []string {
	var b strings.Builder
	for i, part := range strings.Split(s, "`") {
		if i%2 == 1 {
			b.WriteString("`" + part + "`")
			continue
		}
		part = anyComment.ReplaceAllString(part, "")
		part = lineBreak.ReplaceAllString(part, "\x00")
		part = githubTag.ReplaceAllString(part, "")
		part = strings.ReplaceAll(part, "**", "")
		part = strings.ReplaceAll(part, `\|`, "|")
		b.WriteString(html.UnescapeString(part))
	}
	text := strings.ReplaceAll(b.String(), "@\u2060", "@")
	return strings.Split(text, "\x00")
}

func isRow(line string) bool {
	t := strings.TrimSpace(line)
	return strings.HasPrefix(t, "|") && strings.HasSuffix(t, "|") && len(t) > 1
}

func isRule(line string) bool {
	t := strings.TrimSpace(line)
	return isRow(t) && strings.Trim(t, "|-: ") == ""
}

// cells splits a table row at the pipes that are not escaped and not in
// a code span.
func tableCells(row string) []string {
	row = strings.TrimSpace(row)
	row = row[1 : len(row)-1]
	var out []string
	var b strings.Builder
	code := false
	for i := 0; i < len(row); i++ {
		c := row[i]
		switch {
		case c == '\\' && i+1 < len(row) && row[i+1] == '|':
			b.WriteString(`\|`)
			i++
			continue
		case c == '`':
			code = !code
		case c == '|' && !code:
			out = append(out, strings.TrimSpace(b.String()))
			b.Reset()
			continue
		}
		b.WriteByte(c)
	}
	return append(out, strings.TrimSpace(b.String()))
}

// terminalTable keeps a table that fits, with its columns aligned, or
// writes each row as a list item: its first column, then each other
// column's header and value.
func terminalTable(header string, rows []string) []string {
	head := tableCells(header)
	var body [][][]string // row, column, lines
	widths := make([]int, len(head))
	multi := false
	for i, h := range head {
		widths[i] = width1(strings.Join(plain(h), " "))
	}
	for _, r := range rows {
		cs := tableCells(r)
		row := make([][]string, len(head))
		for i := range head {
			if i < len(cs) {
				row[i] = plain(cs[i])
			}
			if len(row[i]) > 1 {
				multi = true
			}
			for _, l := range row[i] {
				widths[i] = max(widths[i], width1(l))
			}
		}
		body = append(body, row)
	}
	total := 3 * (len(head) - 1)
	for _, w := range widths {
		total += w
	}
	if !multi && total <= TerminalWidth {
		return alignedTable(head, body, widths)
	}
	return tableList(head, body)
}

func alignedTable(head []string, body [][][]string, widths []int) []string {
	line := func(cs []string) string {
		var b strings.Builder
		for i, c := range cs {
			if i > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(c)
			if i < len(cs)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-width1(c)))
			}
		}
		return strings.TrimRight(b.String(), " ")
	}
	hs := make([]string, len(head))
	rule := make([]string, len(head))
	for i, h := range head {
		hs[i] = strings.Join(plain(h), " ")
		rule[i] = strings.Repeat("-", widths[i])
	}
	out := []string{line(hs), line(rule)}
	for _, row := range body {
		cs := make([]string, len(row))
		for i, c := range row {
			cs[i] = strings.Join(c, " ")
		}
		out = append(out, line(cs))
	}
	return out
}

func tableList(head []string, body [][][]string) []string {
	var out []string
	for _, row := range body {
		title, more := nonEmpty(row[0]), []string(nil)
		rest := 1
		// "| # | Option |": the number and the option make one heading.
		if strings.TrimSpace(head[0]) == "#" && len(row) > 1 {
			opt := nonEmpty(row[1])
			if len(opt) > 0 {
				title = append(title, opt[0])
				more = opt[1:]
			}
			rest = 2
		} else if len(title) > 1 {
			title, more = title[:1], title[1:]
		}
		if rest == 2 {
			out = append(out, strings.Join(title, ". "))
		} else {
			out = append(out, "- "+strings.Join(title, ". "))
		}
		for _, l := range more {
			out = append(out, "  "+l)
		}
		for i := rest; i < len(row); i++ {
			label := strings.Join(plain(head[i]), " ")
			switch lines := nonEmpty(row[i]); len(lines) {
			case 0:
			case 1:
				out = append(out, "  "+label+": "+lines[0])
			default:
				out = append(out, "  "+label+":")
				for _, l := range lines {
					out = append(out, "    - "+l)
				}
			}
		}
	}
	return out
}

func nonEmpty(lines []string) []string {
	var out []string
	for _, l := range lines {
		if l = strings.TrimSpace(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// width1 is how many terminal columns s takes: East Asian wide and
// full-width characters take two.
func width1(s string) int {
	n := 0
	for _, r := range s {
		switch width.LookupRune(r).Kind() {
		case width.EastAsianWide, width.EastAsianFullwidth:
			n += 2
		default:
			if r >= 0x20 && r != '\u2060' && r != '\u200b' {
				n++
			}
		}
	}
	return n
}
