package sandbox_test

import (
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/project"
	"github.com/pipewright/pipewright/app/store/storetest"
)

// A fork author points `path:` at a workflow file shaped like a pipeline
// document: Pipewright refuses to read it, names the setting and where it
// came from, and writes nothing.
func TestDocumentPathOutsideMarkdownIsRefused(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, path, want string }{
		{"a workflow", ".github/workflows/deploy.yml", "outside `.github/`"},
		{"a script", "deploy/pipeline.sh", "ending in `.md`"},
		{"a way out", "docs/../.github/workflows/pipeline.md", "no `.` or `..` parts"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			storetest.Each(t, func(t *testing.T, dsn string) {
				e := start(t, dsn, nil)
				repo := e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
				fork := e.GitHub.AddFork(repo, "carol")
				th := e.PullRequest("acme", "shop", forkSpec(0, true))
				fork.PutFile("plan", ".github/pipewright.yml", []byte("path: "+tt.path+"\n"))
				fork.PutFile("plan", tt.path, sandboxExample())
				head := fork.Head("plan")

				e.say(t, th, "dana", decideAll+"\n/menu C")
				reply := lastReply(t, th)
				mustContain(t, "refusal", reply, "The pipeline document cannot be used", "`"+tt.path+"`",
					"set by `path` in `.github/pipewright.yml` on branch `plan`", tt.want)
				if strings.Contains(reply, "Decision recorded") || strings.Contains(reply, "Saved:") {
					t.Errorf("worked on %s:\n%s", tt.path, reply)
				}
				if fork.Head("plan") != head || len(requests(e.GitHub.Requests(), "PUT", "")) != 0 {
					t.Error("something was committed")
				}
			})
		})
	}
}

// planning_artifacts in BMAD's config is refused the same way.
func TestPlanningArtifactsInGitHubDirIsRefused(t *testing.T) {
	t.Parallel()
	e := start(t, sqliteDSN(t), nil)
	e.SeedRepo("acme", "shop", map[string][]byte{
		project.ConfigPath:              []byte("planning_artifacts: '{project-root}/.github/workflows'\n"),
		".github/workflows/pipeline.md": sandboxExample(),
		project.DefaultDocPath:          sandboxExample(),
	}, map[string]string{"dana": "admin"})
	th := e.Issue("acme", "shop", 3, "Step 4")
	e.say(t, th, "dana", "/start")
	mustContain(t, "refusal", lastReply(t, th), "`.github/workflows/pipeline.md`", "`planning_artifacts` in `_bmad/bmm/config.yaml` on branch `main`", "outside `.github/`")
}
