package sandbox_test

import (
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/project"
)

func forkSpec(number int, canModify bool) ghfake.PullRequestSpec {
	return ghfake.PullRequestSpec{Number: number, Title: "Pipeline from a fork", Author: "carol",
		HeadOwner: "carol", HeadRepo: "shop", HeadBranch: "plan", MaintainerCanModify: canModify}
}

func TestForkPullRequestWithMaintainerEdits(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, e *env) {
		repo := e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
		fork := e.GitHub.AddFork(repo, "carol")
		th := e.PullRequest("acme", "shop", forkSpec(0, true))
		e.ready(t, th, "dana")
		e.say(t, th, "dana", "/menu C")

		doc, _ := fork.File("plan", project.DefaultDocPath)
		mustContain(t, "fork's document", string(doc), "\n## Deployment Strategy\n", "stepsCompleted: [1, 2, 3, 4]")
		if _, ok := repo.File("plan", project.DefaultDocPath); ok {
			t.Error("a branch plan was written in the base repository")
		}
		if n := len(repo.Commits("main")); n != 2 {
			t.Errorf("base repository's main has %d commits, want the 2 seeded", n)
		}
		mustContain(t, "save reply", lastReply(t, th), "Saved:", "/carol/shop/commit/", "/acme/shop/pull/1/files")
	})
}

func TestForkPullRequestWithoutMaintainerEdits(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, e *env) {
		repo := e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
		fork := e.GitHub.AddFork(repo, "carol")
		th := e.PullRequest("acme", "shop", forkSpec(0, false))
		e.ready(t, th, "dana")
		head := fork.Head("plan")
		e.say(t, th, "dana", "/menu C")

		reply := lastReply(t, th)
		mustContain(t, "refusal", reply, "carol/shop", "Allow edits by maintainers", "/menu C")
		if strings.Contains(reply, "Saved:") {
			t.Errorf("reply claims a save:\n%s", reply)
		}
		if fork.Head("plan") != head || len(requests(e.GitHub.Requests(), "PUT", "")) != 0 {
			t.Error("something was committed")
		}
		e.say(t, th, "dana", "/status")
		mustContain(t, "status", lastReply(t, th), "Not saved yet", "Targets 4/4")

		// The author ticks "Allow edits by maintainers". The stand-in has no
		// knob for that, so the pull request is opened again under its number.
		e.GitHub.AddPullRequest("acme", "shop", forkSpec(th.Number, true))
		e.say(t, th, "dana", "/menu C")
		mustContain(t, "save reply", lastReply(t, th), "Saved:", "/carol/shop/commit/")
		doc, _ := fork.File("plan", project.DefaultDocPath)
		mustContain(t, "fork's document", string(doc), "\n## Deployment Strategy\n")
	})
}
