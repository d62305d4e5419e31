package comments

import (
	"bytes"
	"errors"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

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
			"Pipewright could not commit to `main`: GitHub answered 403 (Resource not accessible by integration). The App needs the contents and pull requests write permissions on this repository.",
			[]string{"`main`", "403", "Resource not accessible by integration"}},
		{Failure{Kind: FailRefused, Doing: DoingCreateBranch, Ref: "pipewright/deployment-strategy-7", Detail: "Repository rule violations found"},
			"Pipewright could not create the branch `pipewright/deployment-strategy-7`: GitHub refused (Repository rule violations found). If the branch is protected, save from an issue instead (Pipewright opens a pull request) or allow the App to push.",
			[]string{"`pipewright/deployment-strategy-7`", "Repository rule violations found"}},
		{Failure{Kind: FailOther, Doing: DoingReachGitHub, Cause: CauseUnreachable, Err: errors.New("Get \"https://api.github.com/repos/o/r\": dial tcp: i/o timeout")},
			"Pipewright could not reach GitHub: GitHub could not be reached. The details are in Pipewright's log.",
			nil},
		{Failure{Kind: FailOther, Doing: DoingReadPR, Cause: CauseStatus, Status: 502, Err: errors.New("GET https://api.github.com/repos/o/r/pulls/1: 502")},
			"Pipewright could not read the pull request: GitHub answered 502. The details are in Pipewright's log.", []string{"502"}},
		{Failure{Kind: FailOther, Doing: DoingOpenPR, Err: errors.New("EOF")},
			"Pipewright could not open the pull request: something unexpected went wrong. The details are in Pipewright's log.", nil},
		{Failure{Kind: FailOther, Doing: DoingProcessComment, Cause: CauseUnexpected},
			"Pipewright could not process the comment: something unexpected went wrong. The details are in Pipewright's log.", nil},
		{Failure{Kind: FailOther, Doing: DoingReadFile, File: ".github/pipewright.yml", Ref: "plan", Cause: CauseStatus, Status: 500},
			"Pipewright could not read `.github/pipewright.yml` on branch `plan`: GitHub answered 500. The details are in Pipewright's log.",
			[]string{"`.github/pipewright.yml`", "`plan`", "500"}},
		{Failure{Kind: FailForkNoEdits, Fork: "ada/pipeline"},
			"this pull request comes from the fork `ada/pipeline`, which does not allow edits by maintainers. Ask its author to tick \"Allow edits by maintainers\", or run the step from an issue in this repository: Pipewright then opens its own pull request.",
			[]string{"`ada/pipeline`"}},
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
	if !strings.Contains(body, "Pipewright n'a pas pu committer sur `main` : GitHub a refusé (Protected branch update failed)") {
		t.Errorf("French save failure:\n%s", body)
	}
	if strings.Contains(body, "could not") {
		t.Errorf("English left in a French reply:\n%s", body)
	}
}

// Names from outside (a fork author's branch, GitHub quoting it) and
// GitHub's message reach a reply inert, and a failure's own error (with
// go-github's API URLs) never does.
func TestFailureTextIsInert(t *testing.T) {
	hostile := "@acme/everyone`<img src=x>**b**"
	for _, f := range []Failure{
		{Kind: FailRefused, Doing: DoingCommit, Ref: hostile, Detail: "Reference " + hostile + " is protected"},
		{Kind: FailPermission, Doing: DoingCreateBranch, Ref: hostile, Status: 403, Detail: hostile},
		{Kind: FailOther, Doing: DoingReadFile, File: hostile, Ref: hostile, Err: errors.New("GET https://api.github.com/repos/acme/shop/contents/x: 500")},
		{Kind: FailForkNoEdits, Fork: hostile},
	} {
		for _, code := range i18n.Languages() {
			got := FailureText(i18n.MustLoad(code), &f)
			var html bytes.Buffer
			if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert([]byte(got), &html); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(got, "@acme") || strings.Contains(html.String(), "<img") || strings.Contains(got, "https://") {
				t.Errorf("%s %s/%s is not inert: %s\n%s", code, f.Kind, f.Doing, got, html.String())
			}
		}
	}
}
