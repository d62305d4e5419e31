package sandbox_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/pipewright/pipewright/handlers"
)

// TestNoReplyAmplification: a 65 KB comment of /help and /status lines
// from someone without access gave one bot comment per screenful (63 and
// counting), spending the installation's write budget. Now one comment
// gets one answer, and someone without write access gets a bounded number
// of answers on a thread; the team is still answered.
func TestNoReplyAmplification(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, e *env) {
		// Many deliveries under the race detector: more time than start's.
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		defer cancel()
		e.ctx = ctx
		e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
		th := e.Issue("acme", "shop", 14, "Step 4")
		e.say(t, th, "dana", "/start")
		base := len(th.Replies())
		var body strings.Builder
		for i := 0; body.Len() < 65_000; i++ {
			if i%2 == 0 {
				body.WriteString("/help\n")
			} else {
				body.WriteString("/status\n")
			}
		}
		if err := th.Say(e.ctx, "mallory", body.String()); err != nil {
			t.Fatalf("a %d-byte comment of /help and /status: %v (%d bot comments so far)", body.Len(), err, len(th.Replies())-base)
		}
		if n := len(th.Replies()) - base; n != 1 {
			t.Fatalf("%d bot comments for one comment of %d bytes, want 1", n, body.Len())
		}
		reply := lastReply(t, th)
		mustContain(t, "the one answer", reply, "Pipewright commands", "Where we stand")
		if strings.Count(reply, "Pipewright commands") != 1 || len(reply) > handlers.MaxReplyChars+200 {
			t.Errorf("repeated commands answered more than once (%d chars)", len(reply))
		}

		// More comments: answered up to the budget, then silence.
		for i := 1; i < handlers.QuietReplies+5; i++ {
			e.say(t, th, "mallory", fmt.Sprintf("/status\n/decide canary -- %d", i))
		}
		if n := len(th.Replies()) - base; n != handlers.QuietReplies {
			t.Errorf("%d bot comments for mallory's %d comments, want %d", n, handlers.QuietReplies+4, handlers.QuietReplies)
		}
		// The team is answered all the same.
		e.say(t, th, "dana", "/status")
		if n := len(th.Replies()) - base; n != handlers.QuietReplies+1 {
			t.Fatalf("dana's /status got no answer (%d bot comments)", n)
		}
		mustContain(t, "dana's status", lastReply(t, th), "Where we stand")
	})
}

// TestManyCommandsFromTheTeam: a maintainer's comment with more commands
// than one comment may run runs the first ones, refuses the rest by name,
// and answers in one comment; no decision that ran is lost.
func TestManyCommandsFromTheTeam(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, e *env) {
		e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
		th := e.Issue("acme", "shop", 15, "Step 4")
		lines := []string{"/start", "/decide canary -- metrics", "/decide unleash", "/decide expand-contract",
			"/decide hybrid", "/decide required", "/decide active-active"}
		for i := len(lines); i < handlers.MaxCommandsPerComment-1; i++ {
			lines = append(lines, fmt.Sprintf("/decide pattern canary -- reason %d", i))
		}
		lines = append(lines, "/decide pattern blue-green -- the last that ran")
		lines = append(lines, "/decide pattern rolling -- one too many", "/target mttr elite", "/status")
		e.say(t, th, "dana", strings.Join(lines, "\n"))
		if n := len(th.Replies()); n != 1 {
			t.Fatalf("%d bot comments, want 1", n)
		}
		reply := lastReply(t, th)
		mustContain(t, "reply", reply, "3 more commands in this comment were not run",
			"`/decide pattern rolling -- one too many`", "`/target mttr elite`", "`/status`")
		e.say(t, th, "dana", "/status")
		status := lastReply(t, th)
		mustContain(t, "status", status, "Blue-Green")
		if strings.Contains(status, "Rolling") {
			t.Errorf("a command past the limit ran:\n%s", status)
		}
	})
}

// TestSilencedOutsiderCostsNoReads: someone without access who keeps
// commenting /start on a thread whose session has not started has every
// comment refused, then, past the budget, ignored; once ignored, their
// comments must not cost GitHub reads either (the pull request, the
// repository's config and the document, which a start reads), since the
// installation's request budget is shared by every repository it serves.
func TestSilencedOutsiderCostsNoReads(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, e *env) {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		defer cancel()
		e.ctx = ctx
		e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
		th := e.PullRequest("acme", "shop", prSpec("dana", "plan"))
		for range handlers.QuietReplies {
			e.say(t, th, "mallory", "/start")
		}
		if n := len(th.Replies()); n != handlers.QuietReplies {
			t.Fatalf("%d answers to mallory, want %d", n, handlers.QuietReplies)
		}
		e.GitHub.ResetRequests()
		for range 3 {
			e.say(t, th, "mallory", "/start")
		}
		if n := len(th.Replies()); n != handlers.QuietReplies {
			t.Errorf("%d answers to mallory, want still %d", n, handlers.QuietReplies)
		}
		if reqs := e.GitHub.Requests(); len(reqs) != 0 {
			t.Errorf("3 silenced comments cost %d GitHub requests, want none:\n%s", len(reqs), describe(reqs))
		}
		// The team starts the session as usual.
		e.say(t, th, "dana", "/start")
		mustContain(t, "dana's start", lastReply(t, th), "Category 1 of 6")
	})
}
