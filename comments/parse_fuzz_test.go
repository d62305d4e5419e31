package comments

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse feeds arbitrary bodies to Parse. Comment bodies come from anyone
// who can comment on a public repository, so Parse must never panic, and
// the properties below must hold for every input. The seed corpus lives in
// testdata/fuzz/FuzzParse; the table tests' bodies are added too.
func FuzzParse(f *testing.F) {
	for _, b := range []string{
		"/decide canary -- we have good metrics\nTriggers: error rate above 2%\nmore",
		"```\n/decide canary\n```\n/status",
		"> /decide canary\n<!-- /start\n-->/help",
		"- ```\n  /decide x\n  ```\n",
		"/target lead-time less than one day\r\n/menu C\r\n",
		"> Should we use canary?\n/decide canary\n\n/status",
		"- > quoted\n    code\n/start\n# Title\n/status",
	} {
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, body string) {
		cmds := Parse(body)
		checkInvariants(t, body, cmds)
		if again := Parse(body); !reflect.DeepEqual(cmds, again) {
			t.Fatalf("Parse is not deterministic for %q", body)
		}
		// The first line of body is lazily inside the quote above it.
		for _, c := range Parse("> quoted\n" + body) {
			if c.Line == 2 {
				t.Fatalf("a line lazily continuing a quote gave %+v\nbody %q", c, body)
			}
		}
		for name, hidden := range hiddenBodies(body) {
			if got := Parse(hidden); len(got) != 0 {
				t.Fatalf("%s body gave commands %+v\nbody %q", name, got, hidden)
			}
		}
	})
}

// checkInvariants holds for the result of Parse on any body.
func checkInvariants(t *testing.T, body string, cmds []Command) {
	t.Helper()
	lines := strings.Split(body, "\n")
	prev := 0
	for _, c := range cmds {
		if c.Line <= prev || c.Line > len(lines) {
			t.Fatalf("Line %d out of order or past the %d lines (previous %d)", c.Line, len(lines), prev)
		}
		prev = c.Line
		if raw := strings.TrimSuffix(lines[c.Line-1], "\r"); c.Raw != raw {
			t.Fatalf("Raw %q is not line %d %q", c.Raw, c.Line, raw)
		}
		if c.Verb == "" || strings.ToLower(string(c.Verb)) != string(c.Verb) {
			t.Fatalf("Verb %q is empty or not lower-case", c.Verb)
		}
		if !strings.Contains(strings.ToLower(c.Raw), "/"+string(c.Verb)) {
			t.Fatalf("Raw %q does not hold /%s", c.Raw, c.Verb)
		}
		if c.Known != c.Verb.IsKnown() {
			t.Fatalf("Known %v for verb %q", c.Known, c.Verb)
		}
		if c.Rest != trimBlank(c.Rest) || c.Rationale != trimBlank(c.Rationale) {
			t.Fatalf("untrimmed Rest %q or Rationale %q", c.Rest, c.Rationale)
		}
		if (len(c.Args) == 0) != (c.Rest == "") {
			t.Fatalf("Args %q do not match Rest %q", c.Args, c.Rest)
		}
		for _, a := range c.Args {
			if a == "" || strings.IndexFunc(a, isSpace) >= 0 || !strings.Contains(c.Rest, a) {
				t.Fatalf("bad arg %q in Rest %q", a, c.Rest)
			}
		}
		if strings.Contains(c.Rationale, "\n\n\n") || strings.Contains(c.Rationale, "\r\n") {
			t.Fatalf("Rationale %q has a run of blank lines or a CRLF", c.Rationale)
		}
		for _, fl := range c.Fields {
			n := utf8.RuneCountInString(fl.Key)
			if n == 0 || n > maxKeyRunes || fl.Value == "" || fl.Value != trimBlank(fl.Value) {
				t.Fatalf("bad field %+v", fl)
			}
		}
	}
}

// hiddenBodies wraps body so that no part of it is the commenter's own
// words: in a fence no line of it can close, quoted line by line, and in an
// HTML comment it cannot end.
func hiddenBodies(body string) map[string]string {
	body = strings.ReplaceAll(body, "\r\n", "\n")
	fence := strings.Repeat("~", longestRun(body, '~')+3)
	quoted := "> " + strings.ReplaceAll(body, "\n", "\n> ")
	return map[string]string{
		"fenced":       fence + "\n" + body + "\n" + fence + "\n",
		"unclosed":     fence + " text\n" + body,
		"quoted":       quoted,
		"space-quoted": "   >" + strings.ReplaceAll(body, "\n", "\n   >"),
		"commented":    "<!--\n" + strings.ReplaceAll(body, "-->", "- ->"),
	}
}

// longestRun is the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	best := 0
	for i := 0; i < len(s); {
		if n := runLen(s, i, c); n > 0 {
			best = max(best, n)
			i += n
		} else {
			i++
		}
	}
	return best
}
