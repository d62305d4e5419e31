package comments

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
)

const forgedBegin = "<!-- pipewright:deployment-strategy:begin sha256=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef -->"

// hostile is team text that tries every way out of its paragraph or cell.
var hostile = map[string]string{
	"pipes":            "a | b || c \\| d",
	"newline":          "first line\nsecond line",
	"crlf":             "first line\r\nsecond line",
	"lone CR heading":  "first line\r## forged by CR",
	"begin marker":     forgedBegin,
	"end marker":       "<!-- pipewright:deployment-strategy:end -->",
	"closing comment":  "x --> y",
	"open comment":     "x <!-- y",
	"atx heading":      "## Heading from the team",
	"indented heading": "   ###### six",
	"heading mid-text": "intro\n# Forged top heading",
	"thematic break":   "above\n---\nbelow",
	"setext short =":   "Looks like a title\n=",
	"setext short -":   "Looks like a title\n--",
	"fence":            "```go\nfmt.Println(1)\n```",
	"tilde fence":      "~~~\ncode",
	"indented fence":   "  ````",
	"mentions":         "@org/team and @user, cc:@dana (@x) mail a@b.example",
	"html block":       "<pre>\nhidden below",
	"html close":       "</details>",
	"save placeholder": SaveOutcomePlaceholder,
	"backslash end":    "ends with \\",
	"bidi overrides":   "access \u202eleveL\u202c \u2066admin\u2069 \u202a\u202b\u202d \u2067\u2068 \u200e\u200f\u061c",
	"bidi entities":    "x &#x202E; y &#8238; &#X2066; &rlm; &amp; &#8594;",
	"inline html":      "see <img src=x> and <a href=\"https://evil.example\">docs</a> <details><summary>more",
	"html in code":     "keep `<b>` and ``a <!-- b`` as code",
	"escaped html":     "a \\<b> is text, \\\\<i> is not",
}

var blockStartLine = regexp.MustCompile(`^[ \t]{0,3}(#{1,6}(?:[ \t]|$)|=+[ \t]*$|-+[ \t]*$|\x60{3,}|~{3,}|<[A-Za-z/?!])`)

// unescape undoes Text's escapes, to show the words were kept verbatim.
func unescape(s string) string {
	var lines []string
	for _, l := range strings.Split(s, "\n") {
		trimmed := strings.TrimLeft(l, " \t")
		indent := l[:len(l)-len(trimmed)]
		if strings.HasPrefix(trimmed, `\`) && blockStartLine.MatchString(indent+trimmed[1:]) {
			l = indent + trimmed[1:]
		}
		lines = append(lines, l)
	}
	s = strings.Join(lines, "\n")
	s = visibleBidi.ReplaceAllStringFunc(s, func(m string) string {
		n, _ := strconv.ParseUint(m[len("<U+"):len(m)-len(">")], 16, 32)
		return string(rune(n))
	})
	return strings.NewReplacer("&lt;", "<", "--&gt;", "-->", "&amp;#", "&#", "&amp;rlm;", "&rlm;").Replace(s)
}

var visibleBidi = regexp.MustCompile(`<U\+[0-9A-F]{4}>`)

// TestTextNeutralises: what would show other text than was written
// (bidirectional controls, raw HTML) is neutralised in every form a
// team's words take in the saved document and the replies.
func TestTextNeutralises(t *testing.T) {
	for name, in := range hostile {
		for form, got := range map[string]string{"Text": Text(in), "Cell": Cell(in), "Inline": Inline(in)} {
			if i := strings.IndexFunc(got, isBidiControl); i >= 0 {
				t.Errorf("%s %s: bidi control %U kept in %q", name, form, []rune(got[i:])[0], got)
			}
			if m := bidiEntityRE.FindString(got); m != "" {
				t.Errorf("%s %s: character reference %q kept in %q", name, form, m, got)
			}
			prose := spanRE.ReplaceAllString(strings.ReplaceAll(got, "<br>", " "), "")
			if m := rawTagRE.FindString(prose); m != "" {
				t.Errorf("%s %s: raw HTML %q kept in %q", name, form, m, got)
			}
		}
	}
	if got, want := Text("a \u202eb"), "a <U+202E>b"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
	if got, want := Text("x <details> `<b>`"), "x &lt;details> `<b>`"; got != want {
		t.Errorf("Text = %q, want %q", got, want)
	}
}

var (
	bidiEntityRE = regexp.MustCompile(`(?i)(^|[^\\])&(#x0*202e|#0*8238|#x0*2066|rlm);`)
	spanRE       = regexp.MustCompile("(`+)[^`]*?(`+)")
	rawTagRE     = regexp.MustCompile(`(^|[^\\])<([A-TV-Za-z/!?]|U[^+])`) // "<U+202E>" is text
)

func normalisedEOL(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

func TestText(t *testing.T) {
	for name, in := range hostile {
		t.Run(name, func(t *testing.T) {
			got := Text(in)
			for _, l := range strings.Split(got, "\n") {
				if blockStartLine.MatchString(l) {
					t.Errorf("line %q can start a block", l)
				}
			}
			if strings.Contains(got, "<!--") || strings.Contains(got, "-->") || strings.Contains(got, "\r") {
				t.Errorf("Text(%q) = %q opens or closes a comment, or keeps a CR", in, got)
			}
			if back := unescape(got); back != normalisedEOL(in) {
				t.Errorf("words not kept:\n  in %q\n out %q\nback %q", in, got, back)
			}
			if Text(in) != got {
				t.Errorf("Text is not deterministic")
			}
		})
	}
	// Plain text is left alone.
	for _, plain := range []string{"We deploy on demand - usually.", "a-b-c", "p99 < 300ms? no: p99 under the SLO", "#hashtag", "1. first"} {
		if got := Text(plain); got != plain {
			t.Errorf("Text(%q) = %q, want it unchanged", plain, got)
		}
	}
}

func TestCell(t *testing.T) {
	for name, in := range hostile {
		t.Run(name, func(t *testing.T) {
			cell := Cell(in)
			row := "| " + cell + " | next |"
			if strings.ContainsAny(row, "\r\n") {
				t.Fatalf("cell spans lines: %q", row)
			}
			if n := cells(row); n != 2 {
				t.Errorf("row %q has %d cells, want 2", row, n)
			}
			if strings.Contains(cell, "<!--") {
				t.Errorf("cell opens a comment: %q", cell)
			}
			back := strings.ReplaceAll(strings.ReplaceAll(cell, "<br>", "\n"), `\|`, "|")
			if unescape(back) != normalisedEOL(in) {
				t.Errorf("words not kept: %q -> %q", in, cell)
			}
		})
	}
}

func TestInline(t *testing.T) {
	for name, in := range hostile {
		t.Run(name, func(t *testing.T) {
			got := Inline("  " + in + "\n")
			if strings.ContainsAny(got, "\r\n") {
				t.Errorf("Inline(%q) = %q spans lines", in, got)
			}
			if strings.Contains(got, "<!--") {
				t.Errorf("Inline opens a comment: %q", got)
			}
			if back := unescape(strings.ReplaceAll(got, "<br>", "\n")); back != strings.TrimSpace(normalisedEOL(in)) {
				t.Errorf("words not kept: %q -> %q", in, got)
			}
		})
	}
}

func TestNoPing(t *testing.T) {
	cases := map[string]string{
		"@user":               "@\u2060user",
		"@org/team":           "@\u2060org/team",
		"cc @a and @b":        "cc @\u2060a and @\u2060b",
		"(@x),@y":             "(@\u2060x),@\u2060y",
		"a@b.example":         "a@\u2060b.example",
		"_@under":             "_@\u2060under",
		"@@twice":             "@@\u2060twice",
		"`@code`":             "`@\u2060code`",
		"@ alone, @-dash, @.": "@ alone, @-dash, @.",
	}
	for in, want := range cases {
		got := NoPing(in)
		if got != want {
			t.Errorf("NoPing(%q) = %q, want %q", in, got, want)
		}
		if pingRE.MatchString(got) {
			t.Errorf("NoPing(%q) = %q still mentions", in, got)
		}
		if NoPing(got) != got {
			t.Errorf("NoPing is not idempotent on %q", in)
		}
		if strings.ReplaceAll(got, "\u2060", "") != in {
			t.Errorf("NoPing(%q) changed more than the mention", in)
		}
	}
	if got := Login("dana"); got != "@\u2060dana" || Login("") != "" {
		t.Errorf("Login: %q", got)
	}
}

func TestMermaidLabel(t *testing.T) {
	for name, in := range hostile {
		got := MermaidLabel(in + ` "quoted" [x] {y} <b> a|b`)
		if strings.ContainsAny(got, "\"[]{}<>|`\r\n") {
			t.Errorf("%s: label %q can break the node", name, got)
		}
	}
}
