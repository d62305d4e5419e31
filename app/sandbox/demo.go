package sandbox

import (
	"context"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/pmezard/go-difflib/difflib"

	"github.com/pipewright/pipewright/app/delivery"
	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/project"
)

//go:embed example/pipeline.md
var examplePipeline []byte

// Demo names of the scripted team and repository.
const (
	DemoOwner  = "acme"
	DemoRepo   = "checkout-service"
	DemoBranch = "pipeline-architecture"
)

// Step is one comment of the scripted session.
type Step struct {
	User string
	Body string
}

// DemoScript is a whole Step 4 session as a team would play it: start, six
// decisions with a typo and a revision, the A/P/C of one decision answered
// as BMAD users do (C to go on, A, y to accept), the targets, then C.
var DemoScript = []Step{
	{"dana", "/start"},
	{"dana", "/decide canry"},
	{"dana", "/decide canary -- We already export per-version error rates, so a canary can be judged on real traffic."},
	{"lee", "A"},
	{"lee", "/elicit blast-radius"},
	{"dana", "y -- The first canary step takes 5% of traffic."},
	{"lee", "C"},
	{"lee", "/decide unleash -- Self-hosted and open source; our platform team already runs it."},
	{"lee", "/decide expand-contract"},
	{"dana", "/decide automated\nTriggers: error rate above 2% or p99 latency above the SLO during canary analysis\nTesting: a rollback drill in staging before each release"},
	{"dana", "/decide required -- Checkout is revenue-critical."},
	{"lee", "/skip"},
	{"dana", "/decide flags flagsmith -- On reflection we also need remote config, which Flagsmith gives us."},
	{"dana", "/target frequency elite\n/target lead-time elite\n/target failure-rate below 5%\n/target mttr under one hour"},
	{"dana", "/menu C"},
}

// SeedDemo creates the demo repository: pipeline.md with steps 1 to 3 on
// main, a pull request from a planning branch, and the team's permissions.
func (s *Sandbox) SeedDemo() (*ghfake.Repo, int) {
	repo := s.GitHub.AddRepo(DemoOwner, DemoRepo, "main")
	repo.PutFile("main", project.DefaultDocPath, examplePipeline)
	repo.PutFile("main", "README.md", []byte("# checkout-service\n"))
	number := s.GitHub.AddPullRequest(DemoOwner, DemoRepo, ghfake.PullRequestSpec{
		Title: "Pipeline architecture", Author: "dana", HeadBranch: DemoBranch, BaseBranch: "main",
	})
	SeedDeliveryHistory(repo, time.Now()) // after the pull request, so it stays #1
	s.GitHub.SetPermission(DemoOwner, DemoRepo, "dana", "admin")
	s.GitHub.SetPermission(DemoOwner, DemoRepo, "lee", "write")
	return repo, number
}

// PlayDemo plays DemoScript on the pull request, printing each comment and
// each reply as the team would see them, then the diff of pipeline.md.
func (s *Sandbox) PlayDemo(ctx context.Context, out io.Writer) error {
	repo, number := s.SeedDemo()
	seen := 0
	for i, step := range DemoScript {
		fmt.Fprintf(out, "\n━━━ %d. @%s comments on %s/%s#%d ━━━\n%s\n", i+1, step.User, DemoOwner, DemoRepo, number, step.Body)
		status, id, err := s.Send(ctx, delivery.Comment{
			Owner: DemoOwner, Repo: DemoRepo, Branch: "main", Number: number, Title: "Pipeline architecture",
			PullRequest: true, Body: step.Body, Author: step.User,
		})
		if err != nil {
			return err
		}
		if status/100 != 2 {
			return fmt.Errorf("delivery %s answered %d", id, status)
		}
		if err := s.WaitIdle(ctx); err != nil {
			return err
		}
		replies := s.GitHub.Comments(DemoOwner, DemoRepo, number)
		for _, c := range replies[seen:] {
			fmt.Fprintf(out, "\n─── @%s replies ───\n%s\n", c.User, stripMarkers(c.Body))
		}
		seen = len(replies)
	}
	before, _ := repo.File("main", project.DefaultDocPath)
	after, _ := repo.File(DemoBranch, project.DefaultDocPath)
	diff, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
		A: difflib.SplitLines(string(before)), B: difflib.SplitLines(string(after)),
		FromFile: "a/" + project.DefaultDocPath, ToFile: "b/" + project.DefaultDocPath, Context: 3,
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "\n━━━ The pull request's diff of %s ━━━\n%s", project.DefaultDocPath, diff)
	return nil
}

// stripMarkers hides the bot's invisible markers, as GitHub's renderer does.
func stripMarkers(body string) string {
	var lines []string
	for _, l := range strings.Split(body, "\n") {
		if strings.HasPrefix(l, "<!-- pipewright:reply ") {
			continue
		}
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n")
}
