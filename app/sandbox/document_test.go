package sandbox_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/project"
	"github.com/pipewright/pipewright/app/store/storetest"
)

func TestDocumentProblemsAreExplained(t *testing.T) {
	t.Parallel()
	doc := string(sandboxExample())
	tests := []struct {
		name  string
		files map[string][]byte
		want  []string
	}{
		{"no pipeline.md", map[string][]byte{"README.md": []byte("# shop\n")},
			[]string{project.DefaultDocPath, "not found on branch `main`", ".github/pipewright.yml"}},
		{"no frontmatter", map[string][]byte{project.DefaultDocPath: []byte("# CI/CD Pipeline Architecture\n\nNo frontmatter here.\n")},
			[]string{project.DefaultDocPath, "frontmatter"}},
		{"broken YAML", map[string][]byte{project.DefaultDocPath: []byte(strings.Replace(doc, "user_name: 'Dana'", "user_name: 'Dana", 1))},
			[]string{project.DefaultDocPath + ":4: frontmatter is not valid YAML"}},
		{"step 3 not completed", map[string][]byte{project.DefaultDocPath: []byte(strings.Replace(doc, "[1, 2, 3]", "[1, 2]", 1))},
			[]string{project.DefaultDocPath + ":6:", "step 3"}},
		{"broken .github/pipewright.yml", map[string][]byte{".github/pipewright.yml": []byte("path: [unclosed\n"), project.DefaultDocPath: []byte(doc)},
			[]string{".github/pipewright.yml", "not valid YAML", "line"}},
		{"broken BMAD config", map[string][]byte{project.ConfigPath: []byte("planning_artifacts: [\n"), project.DefaultDocPath: []byte(doc)},
			[]string{project.ConfigPath, "not valid YAML"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			storetest.Each(t, func(t *testing.T, dsn string) {
				e := start(t, dsn, nil)
				repo := e.SeedRepo("acme", "shop", tt.files, map[string]string{"dana": "admin"})
				th := e.Issue("acme", "shop", 2, "Step 4")
				e.say(t, th, "dana", "/decide canary")
				reply := lastReply(t, th)
				mustContain(t, "reply", reply, append([]string{"The pipeline document cannot be used"}, tt.want...)...)
				if strings.Contains(reply, "Decision recorded") {
					t.Errorf("decided on a document that cannot be used:\n%s", reply)
				}
				if writes := requests(e.GitHub.Requests(), "PUT", ""); len(writes) != 0 {
					t.Errorf("wrote to the repository:\n%s", describe(writes))
				}
				if n := len(repo.Commits("main")); n != 1+len(tt.files) {
					t.Errorf("main has %d commits, want the %d seeded", n, 1+len(tt.files))
				}
			})
		})
	}
}

func TestDocumentLocation(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, config, configPath, docPath string
	}{
		{"path in .github/pipewright.yml", "path: docs/architecture/pipeline.md\n", ".github/pipewright.yml", "docs/architecture/pipeline.md"},
		{"BMAD planning_artifacts", "output_folder: '{project-root}/out'\nplanning_artifacts: '{output_folder}/planning'\n", project.ConfigPath, "out/planning/pipeline.md"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			storetest.Each(t, func(t *testing.T, dsn string) {
				e := start(t, dsn, nil)
				original := sandboxExample()
				repo := e.SeedRepo("acme", "shop", map[string][]byte{
					tt.configPath: []byte(tt.config), tt.docPath: original,
					// A decoy at the default path must not be touched.
					project.DefaultDocPath: []byte("decoy\n"),
				}, map[string]string{"dana": "admin"})
				th := e.PullRequest("acme", "shop", prSpec("dana", "plan"))
				e.say(t, th, "dana", decideAll+"\n/menu C")
				mustContain(t, "save reply", lastReply(t, th), "Saved:", "`"+tt.docPath+"`")
				saved, _ := repo.File("plan", tt.docPath)
				if !bytes.Contains(saved, []byte("\n## Deployment Strategy\n")) {
					t.Errorf("%s has no section:\n%s", tt.docPath, saved)
				}
				if decoy, _ := repo.File("plan", project.DefaultDocPath); string(decoy) != "decoy\n" {
					t.Errorf("the default path was written: %q", decoy)
				}
			})
		})
	}
}
