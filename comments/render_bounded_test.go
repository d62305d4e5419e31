package comments

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pipewright/pipewright/app/strategy"
)

func TestReplyWithin(t *testing.T) {
	r := English()
	s := &strategy.Session{}
	small := []strategy.Message{{Kind: strategy.MsgHelp}}
	if got, want := r.ReplyWithin(s, small, 50_000), r.Reply(s, small); got != want {
		t.Errorf("a reply that fits changed:\n%s", got)
	}
	var many []strategy.Message
	for range 100 {
		many = append(many, strategy.Message{Kind: strategy.MsgHelp})
	}
	many = append(many, strategy.Message{Kind: strategy.MsgSaveOutcome})
	full := r.Reply(s, many)
	limit := utf8.RuneCountInString(full) / 4
	got := r.ReplyWithin(s, many, limit)
	if n := utf8.RuneCountInString(got); n > limit {
		t.Errorf("%d characters, over the limit of %d", n, limit)
	}
	kept := strings.Count(got, "Pipewright commands")
	if kept == 0 || kept == 100 {
		t.Errorf("%d of 100 answers kept", kept)
	}
	if !strings.Contains(got, "more answers were left out of this reply") || !strings.Contains(got, SaveOutcomePlaceholder) {
		t.Errorf("no note of what was left out, or the save outcome dropped:\n%s", got[len(got)-600:])
	}
	if want, _, _ := strings.Cut(got, SaveOutcomePlaceholder); !strings.HasPrefix(full, want) {
		t.Error("the answers kept are not the first ones, in order")
	}
}
