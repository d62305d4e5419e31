package sandbox_test

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pipewright/pipewright/app/store/storetest"
	"github.com/pipewright/pipewright/handlers"
)

// longRationale is one paragraph of numbered words, just under what a
// person's comment may hold, so the reply with it exceeds GitHub's limit.
func longRationale(chars int) string {
	var b strings.Builder
	for i := 1; b.Len() < chars; i++ {
		fmt.Fprintf(&b, "w%05d ", i)
		if i%12 == 0 {
			b.WriteString("and so on. ")
		}
	}
	return strings.TrimSpace(b.String())
}

var partMarker = regexp.MustCompile(`^<!-- pipewright:reply id=\S+ part=(\d+)/(\d+) -->\n`)

// TestReplyOverTheCommentLimitIsSplit: a reply echoing a comment-long
// rationale keeps every word, split over comments as GitHub's limit needs.
func TestReplyOverTheCommentLimitIsSplit(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, dsn string) {
		e := start(t, dsn, nil)
		e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
		th := e.Issue("acme", "shop", 11, "Step 4")
		e.say(t, th, "dana", "/start")
		why := longRationale(65000)
		body := "/decide canary -- " + why
		if n := utf8.RuneCountInString(body); n > handlers.MaxCommentChars {
			t.Fatalf("the test's own comment has %d characters, over GitHub's limit", n)
		}
		e.say(t, th, "dana", body)

		parts := th.Replies()[1:]
		if len(parts) < 2 {
			t.Fatalf("%d comments for a reply of over %d characters", len(parts), handlers.MaxCommentChars)
		}
		var whole strings.Builder
		for i, p := range parts {
			if n := utf8.RuneCountInString(p.Body); n > handlers.MaxCommentChars {
				t.Errorf("part %d has %d characters", i+1, n)
			}
			m := partMarker.FindStringSubmatch(p.Body)
			if m == nil || m[1] != fmt.Sprint(i+1) || m[2] != fmt.Sprint(len(parts)) {
				t.Errorf("part %d starts %q, want its marker %d/%d", i+1, firstLine(p.Body), i+1, len(parts))
				continue
			}
			whole.WriteString(strings.TrimPrefix(p.Body, m[0]))
		}
		text := whole.String()
		// Every word of the rationale arrives, in order.
		at := 0
		for _, w := range strings.Fields(why) {
			i := strings.Index(text[at:], w)
			if i < 0 {
				t.Fatalf("word %q of the rationale is missing or out of order", w)
			}
			at += i + len(w)
		}
		// The answer echoing the team's words is whole; what would follow it
		// is left out with a note, so the reply is that answer's comments
		// only (the splitter may give its title line a comment of its own).
		mustContain(t, "reply", text, "Decision recorded")
		mustContain(t, "last part", parts[len(parts)-1].Body, "more answers were left out of this reply", "<sub>Progress:")
		if len(parts) > 3 {
			t.Errorf("%d comments for one comment's reply", len(parts))
		}
	})
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}
