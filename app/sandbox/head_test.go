package sandbox_test

import (
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/project"
	"github.com/pipewright/pipewright/app/store/storetest"
)

// A save remembers the pull request's branch from /start; when the branch
// was renamed meanwhile, it asks GitHub where the pull request is now.
func TestSaveFollowsARenamedBranch(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, dsn string) {
		e := start(t, dsn, nil)
		repo := e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
		th := e.PullRequest("acme", "shop", prSpec("dana", "plan"))
		e.ready(t, th, "dana")

		// Rename "plan" to "plan-v2": GitHub moves the pull request along.
		doc, _ := repo.File("plan", project.DefaultDocPath)
		repo.PutFile("plan-v2", project.DefaultDocPath, doc)
		e.GitHub.AddPullRequest("acme", "shop", ghfake.PullRequestSpec{Number: th.Number, Title: "Pipeline", Author: "dana", HeadBranch: "plan-v2"})
		gh, err := e.Client()
		if err != nil {
			t.Fatal(err)
		}
		if _, err := gh.Git.DeleteRef(e.ctx, "acme", "shop", "heads/plan"); err != nil {
			t.Fatal(err)
		}

		e.say(t, th, "dana", "/menu C")
		mustContain(t, "save reply", lastReply(t, th), "Saved:", "/commit/")
		saved, _ := repo.File("plan-v2", project.DefaultDocPath)
		if !strings.Contains(string(saved), "\n## Deployment Strategy\n") {
			t.Errorf("no section on the renamed branch:\n%s", saved)
		}
	})
}
