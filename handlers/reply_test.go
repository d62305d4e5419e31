package handlers

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSplitComment(t *testing.T) {
	words := strings.Repeat("naïve word ", 30) // 330 characters, multibyte
	fence := "```yaml\n" + strings.Repeat("key: value\n\n", 10) + "```\n\n"
	tests := []struct {
		name  string
		body  string
		max   int
		parts int
	}{
		{"short", "hello\n", 100, 1},
		{"paragraphs", strings.Repeat("para graph\n\n", 30), 100, 4},
		{"one paragraph larger than a comment", words, 100, 4},
		{"a fence is not split at its blank lines", "intro\n\n" + fence + "outro\n", 140, 2},
		{"no spaces at all", strings.Repeat("é", 250), 100, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			parts := splitComment(tt.body, tt.max)
			if strings.Join(parts, "") != tt.body {
				t.Fatalf("parts do not add up to the body:\n%q", parts)
			}
			if len(parts) != tt.parts {
				t.Errorf("%d parts, want %d: %q", len(parts), tt.parts, parts)
			}
			for i, p := range parts {
				if n := utf8.RuneCountInString(p); n > tt.max || n == 0 {
					t.Errorf("part %d has %d characters (max %d)", i+1, n, tt.max)
				}
				if !utf8.ValidString(p) {
					t.Errorf("part %d cuts a character in two", i+1)
				}
				if strings.Count(p, "```")%2 != 0 {
					t.Errorf("part %d opens or closes a fence alone: %q", i+1, p)
				}
			}
		})
	}
	t.Run("a title stays with what it introduces", func(t *testing.T) {
		table := "| # | Option |\n|---|---|\n| 1 | canary |\n\n"
		for _, title := range []string{"## Category 1 of 6: Deployment Pattern\n\n", "**Decision recorded**\n\n", "Reply with one of these:\n\n"} {
			prefix := strings.Repeat("para graph\n\n", 8)
			body := prefix + title + table + "outro\n"
			// Room for the paragraphs and the title, not for the table too.
			parts := splitComment(body, len(prefix)+len(title)+len(table)/2)
			if strings.Join(parts, "") != body {
				t.Fatalf("parts do not add up to the body: %q", parts)
			}
			for i, p := range parts {
				if strings.Contains(p, strings.TrimSpace(title)) && !strings.Contains(p, "| 1 | canary |") {
					t.Errorf("part %d ends with the title %q but its table is in the next: %q", i+1, strings.TrimSpace(title), parts)
				}
			}
		}
	})
	t.Run("a long paragraph is cut between words", func(t *testing.T) {
		for i, p := range splitComment(words, 100) {
			if !strings.HasSuffix(p, " ") && i < 3 {
				t.Errorf("part %d ends mid-word: %q", i+1, p[len(p)-10:])
			}
		}
	})
}

func TestReplyMarkerIsOneLine(t *testing.T) {
	m := replyMarker("d-1", 2, 3)
	if m != "<!-- pipewright:reply id=d-1 part=2/3 -->\n" {
		t.Errorf("marker %q", m)
	}
}
