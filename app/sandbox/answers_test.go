package sandbox_test

import (
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/project"
)

// On GitHub a bare answer is a whole comment, and it counts only where it
// answers the open question, with the permissions of the command it
// stands for. Ordinary discussion that contains the same words does
// nothing: no reply, no change, no save.
func TestBareAnswersOnGitHub(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, e *env) {
		repo := e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin", "lee": "write", "rita": "read"})
		th := e.PullRequest("acme", "shop", prSpec("dana", "plan"))
		original, _ := repo.File("plan", project.DefaultDocPath)
		replies := func() int { return len(th.Replies()) }

		e.say(t, th, "dana", "/start\n/decide canary -- We export per-version error rates.")
		n := replies()

		// Not the open question, or not the whole comment: nothing at all.
		for _, body := range []string{"y", "no", "I'd say C, but let's wait for Lee.", "C\nor maybe not yet", "> C\n\nhmm"} {
			e.say(t, th, "lee", body)
			if replies() != n {
				t.Fatalf("%q was answered:\n%s", body, lastReply(t, th))
			}
		}
		// A reader's C is refused like /menu C would be.
		e.say(t, th, "rita", "C")
		mustContain(t, "rita's C", lastReply(t, th), "@rita")
		if strings.Contains(lastReply(t, th), "Category 2 of 6: Feature Flag Strategy\n") {
			t.Fatalf("rita's C went on:\n%s", lastReply(t, th))
		}
		// A writer's C goes on to the next category.
		e.say(t, th, "lee", "C")
		mustContain(t, "lee's C", lastReply(t, th), "### Category 2 of 6: Feature Flag Strategy", "`/decide unleash -- <why>`")

		// y answers a proposal, in the team's words after " -- ".
		e.say(t, th, "lee", "/decide unleash\n/menu A")
		e.say(t, th, "lee", "/elicit red-blue")
		mustContain(t, "the proposal", lastReply(t, th), "(y/n)")
		e.say(t, th, "lee", "y -- flag changes need a second reviewer")
		mustContain(t, "lee's y", lastReply(t, th), "Accepted", "What would you like to do with this decision?")
		// Another y finds no proposal waiting: discussion again.
		n = replies()
		e.say(t, th, "lee", "y")
		if replies() != n {
			t.Fatalf("a second y was answered:\n%s", lastReply(t, th))
		}

		e.say(t, th, "dana", "/decide expand-contract\n/decide automated\n/decide required\n/skip\n/menu C")
		e.say(t, th, "dana", "/target frequency elite\n/target lead-time elite\n/target failure-rate below 5%\n/target mttr under one hour")
		mustContain(t, "the review", lastReply(t, th), "Here's what I'll add to the document")
		if doc, _ := repo.File("plan", project.DefaultDocPath); string(doc) != string(original) {
			t.Fatal("the document changed before C")
		}
		e.say(t, th, "dana", "C")
		mustContain(t, "dana's C", lastReply(t, th), "Saved:", "step-05-validation.md")
		doc, _ := repo.File("plan", project.DefaultDocPath)
		mustContain(t, "saved", string(doc), "flag changes need a second reviewer", "stepsCompleted: [1, 2, 3, 4]")
	})
}
