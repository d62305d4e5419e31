package sandbox_test

import (
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/project"
	"github.com/pipewright/pipewright/app/store/storetest"
)

// Who may decide is read from the default branch: a pull request's head
// cannot widen the list (a writer who is not a decider) nor narrow it (a
// fork author locking the maintainers out).
func TestDecidersComeFromTheDefaultBranch(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, dsn string) {
		t.Run("a writer deletes the list on their branch", func(t *testing.T) {
			e := start(t, dsn, nil)
			repo := e.SeedRepo("acme", "shop", map[string][]byte{
				project.DefaultDocPath:   sandboxExample(),
				".github/pipewright.yml": []byte("deciders: [dana]\n"),
			}, map[string]string{"dana": "admin", "lee": "write"})
			th := e.PullRequest("acme", "shop", prSpec("lee", "lee-plan"))
			repo.PutFile("lee-plan", ".github/pipewright.yml", []byte("# nobody listed: every writer decides\n"))

			e.say(t, th, "lee", "/start\n/decide canary")
			reply := lastReply(t, th)
			mustContain(t, "refusal", reply, "`.github/pipewright.yml` on `main`", "dana")
			if strings.Contains(reply, "Decision recorded") || strings.Contains(reply, "Category 1 of 6") {
				t.Fatalf("lee decided with the list deleted on their branch:\n%s", reply)
			}
			e.say(t, th, "dana", "/start\n/decide canary")
			mustContain(t, "dana's decision", lastReply(t, th), "Decision recorded")
			e.say(t, th, "lee", "/start\n/decide blue-green")
			mustContain(t, "lee's /start on a live session", lastReply(t, th), "`.github/pipewright.yml` on `main`")
			if r := lastReply(t, th); strings.Contains(r, "Decision recorded") {
				t.Fatalf("lee decided after a /start re-read the settings:\n%s", r)
			}
		})
		t.Run("a fork author names only themselves", func(t *testing.T) {
			e := start(t, dsn, nil)
			repo := e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
			fork := e.GitHub.AddFork(repo, "carol")
			th := e.PullRequest("acme", "shop", forkSpec(0, true))
			fork.PutFile("plan", ".github/pipewright.yml", []byte("deciders: [carol]\n"))

			e.ready(t, th, "dana")
			e.say(t, th, "dana", "/menu C")
			mustContain(t, "dana's save", lastReply(t, th), "Saved:")
		})
	})
}
