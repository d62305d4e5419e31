package sandbox_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/project"
	"github.com/pipewright/pipewright/app/store/storetest"
)

func TestProtectedBranch(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		want   []string
	}{
		{"ruleset", http.StatusConflict, []string{"GitHub refused (Repository rule violations found Changes must be made through a pull request.)", "save from an issue"}},
		{"classic protection", http.StatusUnprocessableEntity, []string{"Protected branch update failed", "save from an issue"}},
		{"no permission", http.StatusForbidden, []string{"Resource not accessible by integration", "contents and pull requests write permissions"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			storetest.Each(t, func(t *testing.T, dsn string) {
				e := start(t, dsn, nil)
				repo := e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
				th := e.PullRequest("acme", "shop", prSpec("dana", "plan"))
				e.ready(t, th, "dana")
				repo.ProtectBranch("plan", tt.status)
				head := repo.Head("plan")
				e.GitHub.ResetRequests()
				e.say(t, th, "dana", "/menu C")

				reply := lastReply(t, th)
				mustContain(t, "reply", reply, append([]string{"The section was not saved", "reply `/menu C` again"}, tt.want...)...)
				if strings.Contains(reply, "Saved:") {
					t.Errorf("reply claims a save:\n%s", reply)
				}
				if repo.Head("plan") != head {
					t.Error("the protected branch moved")
				}
				if puts := requests(e.GitHub.Requests(), "PUT", ""); len(puts) != 1 {
					t.Errorf("a refused write was retried:\n%s", describe(puts))
				}

				repo.ProtectBranch("plan", 0)
				e.say(t, th, "dana", "/menu C")
				mustContain(t, "reply after lifting the protection", lastReply(t, th), "Saved:", "/commit/")
				doc, _ := repo.File("plan", project.DefaultDocPath)
				mustContain(t, "document", string(doc), "\n## Deployment Strategy\n")
			})
		})
	}
}
