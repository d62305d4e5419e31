package sandbox_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/project"
	"github.com/pipewright/pipewright/app/sandbox"
)

// turn is one comment of a session and what its reply must show.
type turn struct {
	user, body string
	want       []string // in the reply, besides the progress line
}

// session is a whole Step 4 conversation by two people, up to the review.
var session = []turn{
	{"dana", "/start", []string{"Category 1 of 6: Deployment Pattern"}},
	{"dana", "/decide canary -- We export per-version error rates.", []string{"Canary Deployment", "[A] Advanced Elicitation", "[C] Continue - On to Category 2 of 6: Feature Flag Strategy"}},
	{"lee", "C", []string{"Category 2 of 6: Feature Flag Strategy", "LaunchDarkly"}},
	{"lee", "/decide unleash -- Our platform team runs it.", []string{"Unleash", "On to Category 3 of 6: Database Migration Coordination"}},
	{"lee", "/decide expand-contract", []string{"Expand-Contract", "On to Category 4 of 6: Rollback Strategy"}},
	{"dana", "/decide automated\nTriggers: error rate above 2%", []string{"Automated rollback", "On to Category 5 of 6: Zero-Downtime Requirements"}},
	{"dana", "/decide required -- Checkout is revenue-critical.", []string{"Required", "On to Category 6 of 6: Multi-Region Deployment"}},
	{"lee", "/skip", []string{"Single region", "On to the DORA targets"}},
	{"lee", "C", []string{"DORA target profile"}},
	{"dana", "/target frequency elite\n/target lead-time elite\n/target failure-rate below 5%\n/target mttr under one hour", []string{"Here's what I'll add to the document", "/menu C"}},
}

var progressLine = regexp.MustCompile(`(?m)^<sub>Progress: .*Targets \d/4</sub>$`)

// play runs the session on th and checks one reply per comment, each with
// what comes next and the progress line.
func play(t *testing.T, e *env, th *sandbox.Thread) {
	t.Helper()
	for i, tn := range session {
		e.say(t, th, tn.user, tn.body)
		replies := th.Replies()
		if len(replies) != i+1 {
			t.Fatalf("after comment %d (%q): %d replies, want %d", i+1, tn.body, len(replies), i+1)
		}
		body := replies[i].Body
		mustContain(t, "reply to "+tn.body, body, tn.want...)
		if !progressLine.MatchString(body) {
			t.Errorf("reply to %q has no progress line:\n%s", tn.body, body)
		}
	}
}

// checkSaved compares the saved document with the original: outside the
// section only stepsCompleted changed, from [1, 2, 3] to [1, 2, 3, 4].
func checkSaved(t *testing.T, original, saved []byte) string {
	t.Helper()
	begin := bytes.Index(saved, []byte("<!-- pipewright:deployment-strategy:begin"))
	endMarker := []byte("<!-- pipewright:deployment-strategy:end -->\n")
	end := bytes.Index(saved, endMarker)
	if begin < 0 || end < begin {
		t.Fatalf("saved document has no section between markers:\n%s", saved)
	}
	section := string(saved[begin : end+len(endMarker)])
	outside := append(append([]byte{}, saved[:begin]...), saved[end+len(endMarker):]...)
	want := bytes.Replace(original, []byte("stepsCompleted: [1, 2, 3]\n"), []byte("stepsCompleted: [1, 2, 3, 4]\n"), 1)
	// The section is appended after the original's last byte, with one blank line.
	if got := strings.TrimRight(string(outside), "\n"); got != strings.TrimRight(string(want), "\n") {
		t.Errorf("bytes outside the section changed:\n--- got\n%s\n--- want\n%s", outside, want)
	}
	if !bytes.HasPrefix(saved, want[:bytes.Index(want, []byte("\n---\n"))]) {
		t.Errorf("frontmatter is not the original with step 4 added:\n%s", saved)
	}
	mustContain(t, "section", section, "## Deployment Strategy", "**Pattern:** Canary Deployment",
		"We export per-version error rates.", "Change Failure Rate: below 5%")
	return section
}

func TestSessionOnPullRequest(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, e *env) {
		repo := e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin", "lee": "write"})
		th := e.PullRequest("acme", "shop", ghfake.PullRequestSpec{Title: "Pipeline", Author: "dana", HeadBranch: "plan"})
		original, _ := repo.File("plan", project.DefaultDocPath)
		play(t, e, th)
		mainBefore := repo.Head("main")

		e.GitHub.ResetRequests()
		e.say(t, th, "dana", "/menu C")
		if gets := requests(e.GitHub.Requests(), "GET", "/pulls/"); len(gets) != 0 {
			t.Errorf("the save asked for the pull request again; its branch is known since /start:\n%s", describe(gets))
		}
		saved, _ := repo.File("plan", project.DefaultDocPath)
		checkSaved(t, original, saved)
		commits := repo.Commits("plan")
		last := commits[len(commits)-1]
		if repo.Head("main") != mainBefore {
			t.Error("the default branch moved; the save belongs on the PR's head branch")
		}
		if last.Author.Name != e.GitHub.BotLogin() || !strings.Contains(last.Message, "@dana") {
			t.Errorf("commit by %q, message %q: want the App, naming who saved", last.Author.Name, last.Message)
		}
		reply := lastReply(t, th)
		mustContain(t, "save reply", reply, "Saved:", "/commit/"+last.SHA, "/acme/shop/pull/1/files")
		if len(th.Replies()) != len(session)+1 {
			t.Errorf("%d replies for %d comments", len(th.Replies()), len(session)+1)
		}
		if n := len(requests(e.GitHub.Requests(), "POST", "/pulls")); n != 0 {
			t.Errorf("%d pull requests opened from a pull request", n)
		}
	})
}

func TestSessionOnIssue(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, e *env) {
		repo := e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin", "lee": "write"})
		th := e.Issue("acme", "shop", 7, "Step 4")
		original, _ := repo.File("main", project.DefaultDocPath)
		play(t, e, th)

		e.say(t, th, "dana", "/menu C")
		branch := "pipewright/deployment-strategy-7"
		saved, ok := repo.File(branch, project.DefaultDocPath)
		if !ok {
			t.Fatalf("no branch %s with the document", branch)
		}
		checkSaved(t, original, saved)
		if main, _ := repo.File("main", project.DefaultDocPath); !bytes.Equal(main, original) {
			t.Error("the default branch's document changed")
		}
		prs := openPulls(t, e, "acme", "shop")
		if len(prs) != 1 || prs[0].GetHead().GetRef() != branch || prs[0].GetBase().GetRef() != "main" {
			t.Fatalf("pull requests: %+v, want one from %s into main", prs, branch)
		}
		mustContain(t, "PR body", prs[0].GetBody(), "#7")
		mustContain(t, "save reply", lastReply(t, th), "Saved:", "/commit/", prs[0].GetHTMLURL())

		// Saving again changes nothing and opens nothing.
		commits := len(repo.Commits(branch))
		e.say(t, th, "dana", "/menu C")
		again, _ := repo.File(branch, project.DefaultDocPath)
		if !bytes.Equal(again, saved) || len(repo.Commits(branch)) != commits {
			t.Errorf("second save changed the branch:\n%s", again)
		}
		if n := strings.Count(string(again), "\n## Deployment Strategy\n"); n != 1 {
			t.Errorf("%d sections after saving twice", n)
		}
		if prs := openPulls(t, e, "acme", "shop"); len(prs) != 1 {
			t.Errorf("%d pull requests after saving twice", len(prs))
		}
		mustContain(t, "second save reply", lastReply(t, th), "already holds exactly this section", prs[0].GetHTMLURL())
	})
}
