package ghfake_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-github/v62/github"

	"github.com/pipewright/pipewright/app/ghfake"
)

// TestCommentPagination walks pages with go-github's NextPage and checks the
// Link rels against the octokit recording's order.
func TestCommentPagination(t *testing.T) {
	e := newEnv(t)
	e.s.AddRepo("o", "r", "main")
	e.s.AddIssue("o", "r", 5, "help")
	for i := 1; i <= 7; i++ {
		e.s.AddComment("o", "r", 5, "alice", fmt.Sprintf("c%d", i))
	}
	var bodies []string
	opts := &github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: 3}}
	pages := 0
	for {
		cs, resp, err := e.gh.Issues.ListComments(ctx, "o", "r", 5, opts)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		for _, c := range cs {
			bodies = append(bodies, c.GetBody())
		}
		if pages == 2 && (resp.PrevPage != 1 || resp.NextPage != 3 || resp.LastPage != 3 || resp.FirstPage != 1) {
			t.Fatalf("page 2 links: %+v", resp)
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	if pages != 3 || strings.Join(bodies, ",") != "c1,c2,c3,c4,c5,c6,c7" {
		t.Fatalf("%d pages: %v", pages, bodies)
	}
	resp, _ := e.raw(t, "GET", "repos/o/r/issues/5/comments?per_page=3&page=2", nil)
	rels := []string{}
	for _, part := range strings.Split(resp.Header.Get("Link"), ", ") {
		rels = append(rels, part[strings.Index(part, "rel="):])
	}
	if strings.Join(rels, " ") != `rel="prev" rel="next" rel="last" rel="first"` {
		t.Fatalf("Link %q", resp.Header.Get("Link"))
	}
	if resp, _ := e.raw(t, "GET", "repos/o/r/issues/5/comments", nil); resp.Header.Get("Link") != "" {
		t.Fatalf("one page should have no Link, got %q", resp.Header.Get("Link"))
	}
}

func TestCreateComment(t *testing.T) {
	e := newEnv(t)
	e.s.AddRepo("o", "r", "main")
	e.s.AddIssue("o", "r", 1, "bug")
	c, resp, err := e.gh.Issues.CreateComment(ctx, "o", "r", 1, &github.IssueComment{Body: github.String("hello **there**")})
	if err != nil || resp.StatusCode != 201 {
		t.Fatalf("%v %v", resp, err)
	}
	if resp.Header.Get("Location") != c.GetURL() || !strings.HasSuffix(c.GetURL(), fmt.Sprintf("/repos/o/r/issues/comments/%d", c.GetID())) {
		t.Fatalf("Location %q url %q", resp.Header.Get("Location"), c.GetURL())
	}
	if c.GetUser().GetLogin() != "pipewright[bot]" || c.GetUser().GetType() != "Bot" {
		t.Fatalf("author %+v", c.GetUser())
	}
	// go-github v62 has no field for performed_via_github_app: read it raw.
	_, body := e.raw(t, "GET", fmt.Sprintf("repos/o/r/issues/comments/%d", c.GetID()), nil)
	if app, _ := body.(map[string]any)["performed_via_github_app"].(map[string]any); app["slug"] != "pipewright" {
		t.Fatalf("performed_via_github_app %v", app)
	}
	if !strings.HasSuffix(c.GetHTMLURL(), fmt.Sprintf("/o/r/issues/1#issuecomment-%d", c.GetID())) || !strings.HasSuffix(c.GetIssueURL(), "/repos/o/r/issues/1") {
		t.Fatalf("html %q issue %q", c.GetHTMLURL(), c.GetIssueURL())
	}
	edited, _, err := e.gh.Issues.EditComment(ctx, "o", "r", c.GetID(), &github.IssueComment{Body: github.String("edited")})
	if err != nil || edited.GetBody() != "edited" {
		t.Fatalf("edit %v %v", edited, err)
	}
	got, _, err := e.gh.Issues.GetComment(ctx, "o", "r", c.GetID())
	if err != nil || got.GetBody() != "edited" {
		t.Fatalf("get %v %v", got, err)
	}
	_, _, err = e.gh.Issues.CreateComment(ctx, "o", "r", 2, &github.IssueComment{Body: github.String("x")})
	errStatus(t, err, 404)
	posted := e.s.Comments("o", "r", 1)
	if len(posted) != 1 || posted[0].Body != "edited" || posted[0].User != "pipewright[bot]" {
		t.Fatalf("Comments() = %+v", posted)
	}
	if _, err := e.gh.Issues.DeleteComment(ctx, "o", "r", c.GetID()); err != nil || len(e.s.Comments("o", "r", 1)) != 0 {
		t.Fatalf("delete: %v", err)
	}
}

// TestCommentBodyLimit: 65,536 characters pass, one more is GitHub's 422,
// and the limit counts characters, not bytes.
func TestCommentBodyLimit(t *testing.T) {
	e := newEnv(t)
	e.s.AddRepo("o", "r", "main")
	e.s.AddIssue("o", "r", 1, "bug")
	tests := []struct {
		name string
		body string
		ok   bool
	}{
		{"at the limit", strings.Repeat("a", 65536), true},
		{"multibyte at the limit", strings.Repeat("é", 65536), true},
		{"one over", strings.Repeat("a", 65537), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := e.gh.Issues.CreateComment(ctx, "o", "r", 1, &github.IssueComment{Body: github.String(tt.body)})
			if tt.ok {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			er := errStatus(t, err, 422)
			want := github.Error{Resource: "IssueComment", Code: "custom", Field: "body", Message: "body is too long (maximum is 65536 characters)"}
			if er.Message != "Validation Failed" || len(er.Errors) != 1 || er.Errors[0] != want {
				t.Fatalf("%q %+v", er.Message, er.Errors)
			}
		})
	}
	_, _, err := e.gh.Issues.EditComment(ctx, "o", "r", e.s.Comments("o", "r", 1)[0].ID, &github.IssueComment{Body: github.String(strings.Repeat("a", 65537))})
	errStatus(t, err, 422)
}

func TestReactions(t *testing.T) {
	e := newEnv(t)
	e.s.AddRepo("o", "r", "main")
	e.s.AddIssue("o", "r", 1, "bug")
	id := e.s.AddComment("o", "r", 1, "alice", "/pipewright setup")
	for i, want := range []int{201, 200} {
		rx, resp, err := e.gh.Reactions.CreateIssueCommentReaction(ctx, "o", "r", id, "eyes")
		if err != nil || resp.StatusCode != want || rx.GetContent() != "eyes" || rx.GetUser().GetType() != "Bot" {
			t.Fatalf("try %d: %+v %v %v", i, rx, resp, err)
		}
	}
	if _, _, err := e.gh.Reactions.CreateIssueCommentReaction(ctx, "o", "r", id, "rocket"); err != nil {
		t.Fatal(err)
	}
	_, _, err := e.gh.Reactions.CreateIssueCommentReaction(ctx, "o", "r", id, "thumbs")
	if er := errStatus(t, err, 422); len(er.Errors) != 1 || er.Errors[0].Field != "content" {
		t.Fatalf("%+v", er.Errors)
	}
	if got := e.s.Reactions(id); len(got) != 2 || got[0].Content != "eyes" || got[1].Content != "rocket" {
		t.Fatalf("Reactions() = %+v", got)
	}
	c, _, _ := e.gh.Issues.GetComment(ctx, "o", "r", id)
	if c.GetReactions().GetTotalCount() != 2 || c.GetReactions().GetEyes() != 1 {
		t.Fatalf("rollup %+v", c.GetReactions())
	}
	if _, resp, err := e.gh.Reactions.CreateIssueReaction(ctx, "o", "r", 1, "+1"); err != nil || resp.StatusCode != 201 {
		t.Fatalf("issue reaction %v %v", resp, err)
	}
	if got := e.s.IssueReactions("o", "r", 1); len(got) != 1 || got[0].Content != "+1" {
		t.Fatalf("IssueReactions() = %+v", got)
	}
}

// TestListCommentsSince: since keeps only comments updated at or after it,
// as GitHub's issue comments list does, and a malformed time is refused.
func TestListCommentsSince(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	var mu sync.Mutex
	e := newEnv(t, ghfake.WithClock(func() time.Time { mu.Lock(); defer mu.Unlock(); return now }))
	e.s.AddRepo("o", "r", "main")
	e.s.AddIssue("o", "r", 1, "t")
	e.s.AddComment("o", "r", 1, "ann", "old")
	mu.Lock()
	now = now.Add(30 * time.Minute)
	mu.Unlock()
	e.s.AddComment("o", "r", 1, "bob", "new")
	list := func(since time.Time) []*github.IssueComment {
		got, _, err := e.gh.Issues.ListComments(context.Background(), "o", "r", 1, &github.IssueListCommentsOptions{Since: &since})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got := list(time.Date(2026, 1, 2, 3, 20, 0, 0, time.UTC)); len(got) != 1 || got[0].GetBody() != "new" {
		t.Errorf("since between the two: %d comments, want only the new one", len(got))
	}
	if got := list(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)); len(got) != 2 {
		t.Errorf("since the first: %d comments, want both", len(got))
	}
	if resp, _ := e.raw(t, "GET", "/repos/o/r/issues/1/comments?since=yesterday", nil); resp.StatusCode != 422 {
		t.Errorf("malformed since: %d, want 422", resp.StatusCode)
	}
}
