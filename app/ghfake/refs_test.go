package ghfake_test

import (
	"strings"
	"testing"

	"github.com/google/go-github/v62/github"
)

func TestRefsAndBranches(t *testing.T) {
	e := newEnv(t)
	r := e.s.AddRepo("o", "r", "main")
	r.PutFile("main", "a", []byte("1"))
	main := r.Head("main")

	ref, _, err := e.gh.Git.GetRef(ctx, "o", "r", "refs/heads/main")
	if err != nil || ref.GetObject().GetSHA() != main || ref.GetObject().GetType() != "commit" || ref.GetRef() != "refs/heads/main" {
		t.Fatalf("ref %+v %v", ref, err)
	}
	_, _, err = e.gh.Git.GetRef(ctx, "o", "r", "heads/missing")
	errStatus(t, err, 404)

	created, resp, err := e.gh.Git.CreateRef(ctx, "o", "r", &github.Reference{
		Ref: github.String("refs/heads/pipewright/setup"), Object: &github.GitObject{SHA: github.String(main)}})
	if err != nil || resp.StatusCode != 201 || created.GetObject().GetSHA() != main {
		t.Fatalf("create %+v %v %v", created, resp, err)
	}
	if loc := resp.Header.Get("Location"); !strings.HasSuffix(loc, "/repos/o/r/git/refs/heads/pipewright/setup") {
		t.Fatalf("Location %q", loc)
	}
	for name, sha := range map[string]string{"Reference already exists": main, "Object does not exist": strings.Repeat("f", 40)} {
		_, _, err = e.gh.Git.CreateRef(ctx, "o", "r", &github.Reference{
			Ref: github.String("refs/heads/pipewright/setup"), Object: &github.GitObject{SHA: github.String(sha)}})
		if name == "Object does not exist" {
			_, _, err = e.gh.Git.CreateRef(ctx, "o", "r", &github.Reference{
				Ref: github.String("refs/heads/other"), Object: &github.GitObject{SHA: github.String(sha)}})
		}
		if er := errStatus(t, err, 422); er.Message != name {
			t.Fatalf("message %q, want %q", er.Message, name)
		}
	}

	// A branch name with a slash is one escaped segment for GetBranch.
	br, _, err := e.gh.Repositories.GetBranch(ctx, "o", "r", "pipewright/setup", 0)
	if err != nil || br.GetName() != "pipewright/setup" || br.GetCommit().GetSHA() != main || br.GetProtected() {
		t.Fatalf("branch %+v %v", br, err)
	}
	r.ProtectBranch("main", 422)
	if br, _, _ := e.gh.Repositories.GetBranch(ctx, "o", "r", "main", 0); !br.GetProtected() {
		t.Fatal("main should read as protected")
	}
	// go-github's GetBranch reports non-200 as a plain error; read the body raw.
	if _, resp, err := e.gh.Repositories.GetBranch(ctx, "o", "r", "nope", 0); err == nil || resp.StatusCode != 404 {
		t.Fatalf("missing branch: %v %v", resp, err)
	}
	if _, body := e.raw(t, "GET", "repos/o/r/branches/nope", nil); body.(map[string]any)["message"] != "Branch not found" {
		t.Fatalf("body %v", body)
	}

	// Moving a ref: fast-forward only unless forced.
	r.PutFile("pipewright/setup", "b", []byte("2"))
	ahead := r.Head("pipewright/setup")
	_, _, err = e.gh.Git.UpdateRef(ctx, "o", "r", &github.Reference{Ref: github.String("refs/heads/pipewright/setup"),
		Object: &github.GitObject{SHA: github.String(main)}}, false)
	if er := errStatus(t, err, 422); er.Message != "Update is not a fast forward" {
		t.Fatalf("message %q", er.Message)
	}
	moved, _, err := e.gh.Git.UpdateRef(ctx, "o", "r", &github.Reference{Ref: github.String("refs/heads/pipewright/setup"),
		Object: &github.GitObject{SHA: github.String(main)}}, true)
	if err != nil || moved.GetObject().GetSHA() != main {
		t.Fatalf("forced update %+v %v", moved, err)
	}
	if _, ok := r.File("pipewright/setup", "b"); ok || ahead == main {
		t.Fatal("forced update should drop the branch's own commit")
	}
	if resp, err := e.gh.Git.DeleteRef(ctx, "o", "r", "heads/pipewright/setup"); err != nil || resp.StatusCode != 204 {
		t.Fatalf("delete %v %v", resp, err)
	}
	if r.Head("pipewright/setup") != "" {
		t.Fatal("branch still there")
	}
}

// TestCommitShaChangesOnEveryWrite: same bytes twice still make two commits.
func TestCommitShaChangesOnEveryWrite(t *testing.T) {
	e := newEnv(t)
	r := e.s.AddRepo("o", "r", "main")
	seen := map[string]bool{r.Head("main"): true}
	for i := 0; i < 3; i++ {
		r.PutFile("main", "same", []byte("x"))
		if seen[r.Head("main")] {
			t.Fatalf("write %d reused a commit sha", i)
		}
		seen[r.Head("main")] = true
	}
	cs := r.Commits("main")
	if len(cs) != 4 || cs[3].Parents[0] != cs[2].SHA || cs[3].SHA != r.Head("main") {
		t.Fatalf("history %+v", cs)
	}
}
