package ghfake_test

import (
	"io"
	"strings"
	"testing"

	"github.com/google/go-github/v62/github"
)

// TestGetContentMatchesRecording seeds the bytes of the recorded file and
// gets back the recorded sha and wrapped base64, byte for byte.
func TestGetContentMatchesRecording(t *testing.T) {
	e := newEnv(t)
	r := e.s.AddRepo("hub4j-test-org", "GHContentIntegrationTest", "main")
	r.PutFile("main", "ghcontent-ro/a-file-with-content", []byte("thanks for reading me\n"))

	fc, _, resp, err := e.gh.Repositories.GetContents(ctx, "hub4j-test-org", "GHContentIntegrationTest", "ghcontent-ro/a-file-with-content", nil)
	if err != nil {
		t.Fatal(err)
	}
	if fc.GetSHA() != "901fd87750a8e53fe39a219cad50d4f7c80ca272" || *fc.Content != "dGhhbmtzIGZvciByZWFkaW5nIG1lCg==\n" {
		t.Fatalf("sha %s content %q", fc.GetSHA(), *fc.Content)
	}
	if got := resp.Header.Get("ETag"); got != `W/"901fd87750a8e53fe39a219cad50d4f7c80ca272"` {
		t.Fatalf("ETag %s", got)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Fatalf("Content-Type %q", ct)
	}
	text, _ := fc.GetContent()
	if text != "thanks for reading me\n" {
		t.Fatalf("decoded %q", text)
	}
}

func TestContentBase64WrapsAt60(t *testing.T) {
	e := newEnv(t)
	data := []byte(strings.Repeat("pipewright ", 20)) // 220 bytes -> 296 base64 chars
	e.s.AddRepo("o", "r", "main").PutFile("main", "a.txt", data)
	fc, _, _, err := e.gh.Repositories.GetContents(ctx, "o", "r", "a.txt", nil)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(*fc.Content, "\n")
	if len(lines) != 6 || lines[5] != "" || len(lines[0]) != 60 || len(lines[4]) != 296-240 {
		t.Fatalf("lines %q", lines)
	}
}

func TestContentsPut(t *testing.T) {
	e := newEnv(t)
	r := e.s.AddRepo("o", "r", "main")
	r.PutFile("main", "pipeline.md", []byte("v1"))
	r.PutFile("dev", "pipeline.md", []byte("dev"))
	v1 := gitBlob("v1")
	r.ProtectBranch("locked", 422)
	r.PutFile("locked", "x", []byte("x"))
	r.ProtectBranch("rules", 409)
	r.PutFile("rules", "x", []byte("x"))

	tests := []struct {
		name, path, branch, sha string
		status                  int
		message                 string
	}{
		{"create", "new.md", "", "", 201, ""},
		{"sha for a new file is ignored", "other.md", "", "0123456789abcdef0123456789abcdef01234567", 201, ""},
		{"update", "pipeline.md", "", v1, 200, ""},
		{"stale sha", "pipeline.md", "", v1, 409, "pipeline.md does not match " + v1},
		{"missing sha", "pipeline.md", "", "", 422, "Invalid request.\n\n\"sha\" wasn't supplied."},
		{"other branch", "pipeline.md", "dev", gitBlob("dev"), 200, ""},
		{"unknown branch before sha", "pipeline.md", "nope", "bad", 404, "Branch nope not found"},
		{"classic protection", "x", "locked", gitBlob("x"), 422, "Protected branch update failed for refs/heads/locked."},
		{"ruleset", "x", "rules", gitBlob("x"), 409, "Repository rule violations found\n\nChanges must be made through a pull request.\n\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := &github.RepositoryContentFileOptions{Message: github.String(tt.name), Content: []byte("new " + tt.name)}
			if tt.sha != "" {
				opts.SHA = github.String(tt.sha)
			}
			if tt.branch != "" {
				opts.Branch = github.String(tt.branch)
			}
			res, resp, err := e.gh.Repositories.UpdateFile(ctx, "o", "r", tt.path, opts)
			if tt.message != "" {
				er := errStatus(t, err, tt.status)
				if er.Message != tt.message || !strings.HasSuffix(er.DocumentationURL, "#create-or-update-file-contents") {
					t.Fatalf("message %q doc %q", er.Message, er.DocumentationURL)
				}
				return
			}
			if err != nil || resp.StatusCode != tt.status {
				t.Fatalf("status %v err %v", resp, err)
			}
			if res.Content.GetSHA() != gitBlob("new "+tt.name) || res.Commit.GetMessage() != tt.name {
				t.Fatalf("content sha %s commit %q", res.Content.GetSHA(), res.Commit.GetMessage())
			}
			branch := cmp(tt.branch, "main")
			if got, _ := r.File(branch, tt.path); string(got) != "new "+tt.name {
				t.Fatalf("file now %q", got)
			}
			if r.Head(branch) != res.Commit.GetSHA() {
				t.Fatalf("head %s, commit %s", r.Head(branch), res.Commit.GetSHA())
			}
			if res.Commit.Committer.GetName() != "pipewright[bot]" {
				t.Fatalf("committer %+v", res.Commit.Committer)
			}
		})
	}
}

// TestHumanPushBetweenGetAndPut plays the race the 409 exists for.
func TestHumanPushBetweenGetAndPut(t *testing.T) {
	e := newEnv(t)
	r := e.s.AddRepo("o", "r", "main")
	r.PutFile("main", "pipeline.md", []byte("v1"))
	fc, _, _, err := e.gh.Repositories.GetContents(ctx, "o", "r", "pipeline.md", nil)
	if err != nil {
		t.Fatal(err)
	}
	e.s.BeforeWrite(func(method, path string) {
		if method == "PUT" && path == "/repos/o/r/contents/pipeline.md" {
			r.PutFile("main", "pipeline.md", []byte("human edit"))
		}
	})
	_, _, err = e.gh.Repositories.UpdateFile(ctx, "o", "r", "pipeline.md", &github.RepositoryContentFileOptions{
		Message: github.String("bot edit"), Content: []byte("bot"), SHA: fc.SHA})
	errStatus(t, err, 409)
	if got, _ := r.File("main", "pipeline.md"); string(got) != "human edit" {
		t.Fatalf("file %q", got)
	}
	var msgs []string
	for _, c := range r.Commits("main") {
		msgs = append(msgs, c.Message+" "+strings.Join(c.Changed, ","))
	}
	want := "Initial commit |Create pipeline.md pipeline.md|Update pipeline.md pipeline.md"
	if strings.Join(msgs, "|") != want {
		t.Fatalf("history %q", msgs)
	}
}

func TestContentsReadVariants(t *testing.T) {
	e := newEnv(t)
	r := e.s.AddRepo("o", "r", "trunk")
	path := "test+directory #50/test file-to+create-#1.txt"
	r.PutFile("trunk", path, []byte("hello"))
	r.PutFile("trunk", "docs/a.md", []byte("a"))
	r.PutFile("trunk", "README.md", []byte("# hi"))
	first := r.Commits("trunk")[1].SHA

	fc, _, _, err := e.gh.Repositories.GetContents(ctx, "o", "r", path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(fc.GetURL(), "/contents/test%2Bdirectory%20%2350/test%20file-to%2Bcreate-%231.txt?ref=trunk") {
		t.Fatalf("url %s", fc.GetURL())
	}
	_, dir, _, err := e.gh.Repositories.GetContents(ctx, "o", "r", "", nil)
	if err != nil || len(dir) != 3 || dir[0].GetName() != "README.md" || dir[1].GetType() != "dir" {
		t.Fatalf("root listing %v %v", dir, err)
	}
	// README.md did not exist at the first seeded commit.
	_, _, _, err = e.gh.Repositories.GetContents(ctx, "o", "r", "README.md", &github.RepositoryContentGetOptions{Ref: first})
	errStatus(t, err, 404)
	_, _, _, err = e.gh.Repositories.GetContents(ctx, "o", "r", "README.md", &github.RepositoryContentGetOptions{Ref: "nope"})
	if er := errStatus(t, err, 404); er.Message != "No commit found for the ref nope" {
		t.Fatalf("message %q", er.Message)
	}
	rc, _, err := e.gh.Repositories.DownloadContents(ctx, "o", "r", "docs/a.md", nil)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(rc)
	rc.Close()
	if string(data) != "a" {
		t.Fatalf("download %q", data)
	}
	resp, _ := e.raw(t, "GET", "repos/o/r/contents/README.md", nil, "Accept", "application/vnd.github.v3.raw")
	if resp.Header.Get("Content-Type") != "application/vnd.github.v3.raw; charset=utf-8" {
		t.Fatalf("raw content type %q", resp.Header.Get("Content-Type"))
	}
}

func gitBlob(s string) string {
	return gitHashForTest("blob", s)
}

func cmp(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
