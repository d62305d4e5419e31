package sandbox_test

import (
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/delivery"
	"github.com/pipewright/pipewright/app/store/storetest"
)

func TestReadOnlyUserIsRefusedPolitely(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, e *env) {
		e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin", "rita": "read"})
		th := e.Issue("acme", "shop", 3, "Step 4")
		e.say(t, th, "dana", "/start")

		e.GitHub.ResetRequests()
		e.say(t, th, "rita", "/decide canary -- I like it")
		refusal := lastReply(t, th)
		mustContain(t, "refusal", refusal, "@rita, only people with write, maintain or admin access", "⬜ Deployment Pattern")
		if strings.Contains(refusal, "Decision recorded") {
			t.Errorf("a read-only user's decision was recorded:\n%s", refusal)
		}
		e.say(t, th, "rita", "/decide blue-green")
		mustContain(t, "second refusal", lastReply(t, th), "@rita, only people")
		if n := len(requests(e.GitHub.Requests(), "GET", "/collaborators/rita/permission")); n != 1 {
			t.Errorf("%d permission look-ups for two commands by rita, want 1 (cached):\n%s", n, describe(e.GitHub.Requests()))
		}

		e.say(t, th, "rita", "/status")
		mustContain(t, "status for rita", lastReply(t, th), "Where we stand", "⬜ Deployment Pattern")
		e.say(t, th, "rita", "/help")
		mustContain(t, "help for rita", lastReply(t, th), "Pipewright commands")
		if n := len(th.Replies()); n != 5 {
			t.Errorf("%d replies, want one per comment (5)", n)
		}
		e.say(t, th, "dana", "/decide canary")
		mustContain(t, "dana's decision", lastReply(t, th), "Decision recorded", "Category 2 of 6")
	})
}

func TestIgnoredComments(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, dsn string) {
		e := start(t, dsn, nil)
		e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
		th := e.Issue("acme", "shop", 4, "Step 4")
		bot := e.GitHub.BotLogin()
		tests := []struct {
			name   string
			change func(c *delivery.Comment)
		}{
			{"another bot", func(c *delivery.Comment) { c.Author, c.AuthorType = "renovate[bot]", "Bot" }},
			{"bot sender on a person's comment", func(c *delivery.Comment) { c.Sender, c.SenderType = "ci[bot]", "Bot" }},
			{"the App itself", func(c *delivery.Comment) { c.Author, c.AuthorType = bot, "Bot" }},
			{"the App's login even if typed User", func(c *delivery.Comment) { c.Author = bot }},
			{"deleted", func(c *delivery.Comment) { c.Action = "deleted" }},
			{"no command", func(c *delivery.Comment) { c.Body = "Looks good to me, let's talk about canaries tomorrow." }},
			{"command only in a quote or code", func(c *delivery.Comment) { c.Body = "> /decide canary\n\n```\n/start\n```" }},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				e.GitHub.ResetRequests()
				c := th.Comment("dana", "/start")
				tt.change(&c)
				if err := th.Deliver(e.ctx, c); err != nil {
					t.Fatal(err)
				}
				if n := len(th.Replies()); n != 0 {
					t.Errorf("%d replies to an ignored comment: %s", n, lastReply(t, th))
				}
				if recs := e.GitHub.Requests(); len(recs) != 0 {
					t.Errorf("GitHub was called for an ignored comment:\n%s", describe(recs))
				}
			})
		}
		// The same comment by a person is answered.
		e.say(t, th, "dana", "/start")
		mustContain(t, "reply", lastReply(t, th), "Category 1 of 6")
	})
}

func TestEditedComment(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, e *env) {
		e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin", "rita": "read"})
		th := e.PullRequest("acme", "shop", prSpec("dana", "plan"))

		// An edit runs only the commands it added.
		c := th.Comment("dana", "/start")
		if err := th.Deliver(e.ctx, c); err != nil {
			t.Fatal(err)
		}
		edit := c
		edit.Action, edit.PreviousBody, edit.Body = "edited", c.Body, "/start\n/decide canary -- added later"
		if err := th.Deliver(e.ctx, edit); err != nil {
			t.Fatal(err)
		}
		if n := len(th.Replies()); n != 2 {
			t.Fatalf("%d replies, want 2", n)
		}
		reply := lastReply(t, th)
		mustContain(t, "reply to the edit", reply, "Decision recorded", "added later", "Category 2 of 6")
		if strings.Contains(reply, "already under way") {
			t.Errorf("the edit ran /start again:\n%s", reply)
		}

		// Someone else's edit runs with the editor's permissions.
		by := th.Comment("dana", "/status")
		if err := th.Deliver(e.ctx, by); err != nil {
			t.Fatal(err)
		}
		hijack := by
		hijack.Action, hijack.PreviousBody, hijack.Sender = "edited", by.Body, "rita"
		hijack.Body = "/status\n/decide feature-flags none"
		if err := th.Deliver(e.ctx, hijack); err != nil {
			t.Fatal(err)
		}
		reply = lastReply(t, th)
		mustContain(t, "reply to rita's edit", reply, "@rita, only people", "edited by rita", "⬜ Feature Flag Strategy")
		if strings.Contains(reply, "Decision recorded") {
			t.Errorf("rita's edit of dana's comment decided:\n%s", reply)
		}

		// An edit of a comment Pipewright never saw created (written before
		// the App was installed) still runs only what the edit added.
		unseen := th.Comment("dana", "/decide feature-flags unleash\n/status")
		unseen.Action, unseen.PreviousBody = "edited", "/decide feature-flags unleash"
		if err := th.Deliver(e.ctx, unseen); err != nil {
			t.Fatal(err)
		}
		reply = lastReply(t, th)
		mustContain(t, "reply to the edit of an unseen comment", reply, "Where we stand", "⬜ Feature Flag Strategy")
		if strings.Contains(reply, "Decision recorded") {
			t.Errorf("the edit re-ran a command that was there before it:\n%s", reply)
		}
	})
}
