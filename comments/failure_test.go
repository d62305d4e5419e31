package comments

import (
	"errors"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/i18n"
)

// TestFailureText: every shell failure is worded in every language, with
// GitHub's own message, the status, the branch and the fork filled in, and
// the English wording is the one replies have always used.
func TestFailureText(t *testing.T) {
	failures := []struct {
		f       Failure
		english string
		carries []string
	}{
		{Failure{Kind: FailPermission, Doing: DoingCommit, Ref: "main", Status: 403, Detail: "Resource not accessible by integration"},
			"Pipewright could not commit to main: GitHub answered 403 (Resource not accessible by integration). The App needs the contents and pull requests write permissions on this repository.",
			[]string{"main", "403", "Resource not accessible by integration"}},
		{Failure{Kind: FailRefused, Doing: DoingCreateBranch, Ref: "pipewright/deployment-strategy-7", Detail: "Repository rule violations found"},
			"Pipewright could not create the branch pipewright/deployment-strategy-7: GitHub refused (Repository rule violations found). If the branch is protected, save from an issue instead (Pipewright opens a pull request) or allow the App to push.",
			[]string{"pipewright/deployment-strategy-7", "Repository rule violations found"}},
		{Failure{Kind: FailOther, Doing: DoingReachGitHub, Detail: "dial tcp: i/o timeout"},
			"Pipewright could not reach GitHub: dial tcp: i/o timeout",
			[]string{"dial tcp: i/o timeout"}},
		{Failure{Kind: FailOther, Doing: DoingReadPR, Detail: "EOF"}, "Pipewright could not read the pull request: EOF", []string{"EOF"}},
		{Failure{Kind: FailOther, Doing: DoingOpenPR, Detail: "EOF"}, "Pipewright could not open the pull request: EOF", []string{"EOF"}},
		{Failure{Kind: FailOther, Doing: DoingProcessComment, Detail: "EOF"}, "Pipewright could not process the comment: EOF", []string{"EOF"}},
		{Failure{Kind: FailForkNoEdits, Fork: "ada/pipeline"},
			`this pull request comes from the fork ada/pipeline, which does not allow edits by maintainers. Ask its author to tick "Allow edits by maintainers", or run the step from an issue in this repository: Pipewright then opens its own pull request.`,
			[]string{"ada/pipeline"}},
	}
	for _, tt := range failures {
		if got := tt.f.Error(); got != tt.english {
			t.Errorf("English %s/%s:\n got %s\nwant %s", tt.f.Kind, tt.f.Doing, got, tt.english)
		}
		for _, code := range i18n.Languages() {
			got := FailureText(i18n.MustLoad(code), &tt.f)
			if strings.Contains(got, "{") {
				t.Errorf("%s %s/%s left a placeholder: %s", code, tt.f.Kind, tt.f.Doing, got)
			}
			for _, want := range tt.carries {
				if !strings.Contains(got, want) {
					t.Errorf("%s %s/%s lost %q: %s", code, tt.f.Kind, tt.f.Doing, want, got)
				}
			}
			if code != i18n.DefaultLang && got == tt.english {
				t.Errorf("%s %s/%s is still English: %s", code, tt.f.Kind, tt.f.Doing, got)
			}
		}
	}
}

// TestSaveFailureSpeaksTheReplyLanguage: a failed save in a French session
// says so in French, quoting GitHub.
func TestSaveFailureSpeaksTheReplyLanguage(t *testing.T) {
	fr := i18n.MustLoad("fr")
	r := Render{Lang: fr, Doc: fr}
	f := &Failure{Kind: FailRefused, Doing: DoingCommit, Ref: "main", Detail: "Protected branch update failed", Err: errors.New("422")}
	body := r.FillSaveOutcome(SaveOutcomePlaceholder, SaveOutcome{Path: "pipeline.md", Err: f.Error(), Problem: f})
	if !strings.Contains(body, "Pipewright n'a pas pu committer sur main : GitHub a refusé (Protected branch update failed)") {
		t.Errorf("French save failure:\n%s", body)
	}
	if strings.Contains(body, "could not") {
		t.Errorf("English left in a French reply:\n%s", body)
	}
}
