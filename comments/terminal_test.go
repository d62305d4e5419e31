package comments

import (
	"html"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var (
	githubOnly = regexp.MustCompile(`</?(?:sub|sup|details|summary|br|b|i|p)\b[^>]*>|\x{2060}|<!--`)
	wordRE     = regexp.MustCompile(`[\p{L}\p{N}]+`)
)

// words are the words a reader sees, markup aside.
func words(s string) []string {
	s = anyComment.ReplaceAllString(s, " ")
	s = lineBreak.ReplaceAllString(s, " ")
	s = githubTag.ReplaceAllString(s, " ")
	out := wordRE.FindAllString(html.UnescapeString(s), -1)
	slices.Sort(out)
	return slices.Compact(out)
}

// Every reply a team can get, as pipewright local prints it: no HTML, no
// invisible mention guard, tables within 100 columns or as lists, and the
// same words as on GitHub.
func TestTerminalReplies(t *testing.T) {
	for _, rc := range replyCases {
		t.Run(rc.name, func(t *testing.T) {
			md, _ := rc.render(t)
			got := Terminal(md)
			// A diff of the section shows the markdown it saves, as it is.
			if m := githubOnly.FindString(outsideFences(got)); m != "" {
				t.Errorf("terminal text holds %q", m)
			}
			for _, line := range strings.Split(got, "\n") {
				if strings.HasPrefix(line, "|") && width1(line) > TerminalWidth {
					t.Errorf("a table line is %d columns wide: %s", width1(line), line)
				}
			}
			// The same information: every word GitHub shows is there (a
			// table made a list names its columns but its first), and
			// nothing else.
			w, g := words(withoutTableHeads(md)), words(got)
			if lost := minus(w, g); len(lost) > 0 {
				t.Errorf("terminal text lost %v", lost)
			}
			if extra := minus(g, words(md)); len(extra) > 0 {
				t.Errorf("terminal text added %v", extra)
			}
		})
	}
}

// outsideFences drops fenced code blocks.
func outsideFences(s string) string {
	var out []string
	in := false
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			in = !in
			continue
		}
		if !in {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// withoutTableHeads drops the header rows of tables.
func withoutTableHeads(md string) string {
	lines := strings.Split(md, "\n")
	var out []string
	for i, l := range lines {
		if isRow(l) && i+1 < len(lines) && isRule(lines[i+1]) {
			continue
		}
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

func minus(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	return out
}

func TestTerminalGoldens(t *testing.T) {
	for _, name := range []string{"decision-pattern", "ask-targets", "status-saved", "review"} {
		i := slices.IndexFunc(replyCases, func(rc replyCase) bool { return rc.name == name })
		md, _ := replyCases[i].render(t)
		goldenAt(t, filepath.Join("testdata", "terminal", name+".txt"), Terminal(md))
	}
}

func TestTerminalTable(t *testing.T) {
	narrow := "| Metric | Elite |\n|---|---|\n| MTTR (`mttr`) | Less than one hour \\| fast |\n"
	if got, want := Terminal(narrow), "Metric        | Elite\n------------- | -------------------------\nMTTR (`mttr`) | Less than one hour | fast\n"; got != want {
		t.Errorf("narrow table:\n%s\nwant\n%s", got, want)
	}
	wide := "| # | Option | Pros |\n|---|---|---|\n| 1 | **Canary**<br>Gradual. | A<br>B |\n"
	if got, want := Terminal(wide), "1. Canary\n  Gradual.\n  Pros:\n    - A\n    - B\n"; got != want {
		t.Errorf("table with lines in cells:\n%s\nwant\n%s", got, want)
	}
	if got := Terminal("decided by @\u2060dana <sub>x</sub> `/decide canary -- <why>`"); got != "decided by @dana x `/decide canary -- <why>`" {
		t.Errorf("line: %q", got)
	}
}
