package comments

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/pipewright/pipewright/app/i18n"
)

// Every language's labels must render as GitHub renders markdown: bold and
// italics that close (a full-width colon inside "**…**" followed by a
// letter would not), and the value outside the emphasis.
func TestLabelsRenderInEveryLanguage(t *testing.T) {
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	render := func(src string) string {
		var out bytes.Buffer
		if err := md.Convert([]byte(src), &out); err != nil {
			t.Fatal(err)
		}
		return out.String()
	}
	for _, lang := range i18n.Languages() {
		c := i18n.MustLoad(lang)
		for _, label := range []string{"Decision", c.T("section.pattern"), c.Metric("mttr").Name, c.T("context.rollback-hint")} {
			for _, value := range []string{"canary", "金丝雀", "Blue-Green"} {
				for _, tc := range []struct {
					name, src, tag string
				}{
					{"field", field(c, label, value), "strong"},
					{"field before a list", field(c, label, ""), "strong"},
					{"aside", aside(c, label, value), "em"},
				} {
					html := render(tc.src)
					open, shut := "<"+tc.tag+">", "</"+tc.tag+">"
					if !strings.Contains(html, open) || strings.Contains(html, "**") {
						t.Errorf("%s %s %q renders without <%s>: %s", lang, tc.name, tc.src, tc.tag, html)
						continue
					}
					if inside := html[strings.Index(html, open):strings.Index(html, shut)]; strings.Contains(inside, value) && tc.name != "field before a list" && !strings.Contains(label, value) {
						t.Errorf("%s %s %q puts the value inside the emphasis: %s", lang, tc.name, tc.src, html)
					}
				}
				if got := pair(c, label, value); !strings.HasPrefix(got, label) || !strings.HasSuffix(got, value) {
					t.Errorf("%s pair = %q", lang, got)
				}
			}
		}
	}
}
