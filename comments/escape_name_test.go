package comments

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
)

// nameHTML is the paragraph "saved to NAME." as GitHub-flavoured markdown
// renders it.
func nameHTML(t testing.TB, name string) string {
	var out bytes.Buffer
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	if err := md.Convert([]byte("saved to "+Name(name)+"."), &out); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

var oneCodeSpan = regexp.MustCompile(`^<p>saved to <code>([^<]*)</code>\.</p>\n$`)

// shown is what a reader sees of a name: the zero-width joiners that keep
// an @ from mentioning are invisible.
func shown(code string) string { return strings.ReplaceAll(html.UnescapeString(code), "\u2060", "") }

func TestNameIsOneInertCodeSpan(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"team mention", "@acme/everyone", "@acme/everyone"},
		{"path with a mention", "docs/@acme/everyone/pipeline.md", "docs/@acme/everyone/pipeline.md"},
		{"branch with markdown", "**bold**_[x](https://evil.example)_", "**bold**_[x](https://evil.example)_"},
		{"HTML", "<img src=x onerror=alert(1)>", "<img src=x onerror=alert(1)>"},
		{"HTML comment (reply markers)", "<!-- pipewright:save-outcome -->", "<!-- pipewright:save-outcome -->"},
		{"one backtick", "a`b", "a`b"},
		{"backtick runs", "``x```y`", "``x```y`"},
		{"leading backtick", "`x", "`x"},
		{"spaces at the ends", " x ", " x "},
		{"line breaks", "a\nb\r\nc", "a b  c"},
		{"issue reference", "fix-#1", "fix-#1"},
		{"bidi override", "a\u202Eb\u2066c", "a<U+202E>b<U+2066>c"},
		{"plain", "pipewright/deployment-strategy-7", "pipewright/deployment-strategy-7"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := nameHTML(t, tt.in)
			m := oneCodeSpan.FindStringSubmatch(out)
			if m == nil {
				t.Fatalf("Name(%q) = %q renders as more than one code span: %s", tt.in, Name(tt.in), out)
			}
			if got := shown(m[1]); got != tt.want {
				t.Errorf("Name(%q) shows %q, want %q", tt.in, got, tt.want)
			}
			if strings.Contains(Name(tt.in), "@a") || strings.Contains(Name(tt.in), "<!--") {
				t.Errorf("Name(%q) = %q holds a live mention or comment opener", tt.in, Name(tt.in))
			}
		})
	}
}

func TestNameIsBounded(t *testing.T) {
	got := shown(oneCodeSpan.FindStringSubmatch(nameHTML(t, strings.Repeat("a/", 1000)))[1])
	if n := utf8.RuneCountInString(got); n != maxNameRunes+1 || !strings.HasSuffix(got, "…") {
		t.Errorf("a 2000-character name is shown as %d characters: %q", n, got)
	}
}

// Whatever a fork author names a branch or file, it renders as one code
// span that shows it.
func FuzzName(f *testing.F) {
	for _, s := range []string{"@acme/everyone", "a`b", "<b>x</b>", "``", " ` ", "\u202e", "x\ny"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || s == "" || utf8.RuneCountInString(s) > maxNameRunes {
			return
		}
		m := oneCodeSpan.FindStringSubmatch(nameHTML(t, s))
		if m == nil {
			t.Fatalf("Name(%q) = %q is not one code span: %s", s, Name(s), nameHTML(t, s))
		}
	})
}
