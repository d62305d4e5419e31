package sandbox_test

import (
	"bytes"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/pipewright/pipewright/app/project"
)

// A person pushes to pipeline.md between Pipewright's read and its write:
// the write meets GitHub's 409, Pipewright reads again and keeps both.
func TestSaveKeepsAConcurrentHumanEdit(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, e *env) {
		repo := e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
		th := e.PullRequest("acme", "shop", prSpec("dana", "plan"))
		e.ready(t, th, "dana")

		const before = "The checkout service runs on Kubernetes (EKS) in one AWS region."
		const after = "The checkout service runs on Kubernetes (EKS) in one AWS region, behind CloudFront."
		var pushed atomic.Bool
		e.GitHub.BeforeWrite(func(method, path string) {
			if method == "PUT" && strings.HasSuffix(path, "/pipeline.md") && pushed.CompareAndSwap(false, true) {
				doc, _ := repo.File("plan", project.DefaultDocPath)
				repo.PutFile("plan", project.DefaultDocPath, bytes.Replace(doc, []byte(before), []byte(after), 1))
			}
		})
		e.GitHub.ResetRequests()
		e.say(t, th, "dana", "/menu C")

		doc, _ := repo.File("plan", project.DefaultDocPath)
		mustContain(t, "saved document", string(doc), after, "\n## Deployment Strategy\n", "stepsCompleted: [1, 2, 3, 4]")
		puts := requests(e.GitHub.Requests(), "PUT", "/contents/")
		if len(puts) != 2 || puts[0].Status != 409 || puts[1].Status != 200 {
			t.Errorf("writes: want a 409 then a 200:\n%s", describe(puts))
		}
		if n := len(requests(e.GitHub.Requests(), "GET", "/contents/")); n != 2 {
			t.Errorf("%d reads of the document, want 2 (before each write)", n)
		}
		commits := repo.Commits("plan")
		if human := commits[len(commits)-2]; human.Author.Name != "Octo Human" {
			t.Errorf("the commit before Pipewright's is by %q, want the human's", human.Author.Name)
		}
		mustContain(t, "save reply", lastReply(t, th), "Saved:", "/commit/"+commits[len(commits)-1].SHA)
	})
}
