package sandbox_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/pipewright/pipewright/app/store/storetest"
)

// hostileName holds what a fork author may put in a branch or file name:
// a team mention, markdown, HTML and backticks.
const hostileName = "@acme/everyone-**loud**-`tick`-<b>bold</b>"

// inert fails unless reply, as GitHub renders it, mentions nobody and
// carries none of the name's markup.
func inert(t *testing.T, what, reply string) {
	t.Helper()
	var html bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.GFM)).Convert([]byte(reply), &html); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(reply, "@acme/everyone") {
		t.Errorf("%s mentions @acme/everyone:\n%s", what, reply)
	}
	if h := html.String(); strings.Contains(h, "<b>") || strings.Contains(h, "<strong>loud") {
		t.Errorf("%s renders the name's markup:\n%s", what, h)
	}
}

// A fork author's branch and document path reach the save reply (and a
// failed save's) as inert code.
func TestSaveReplyNamesAreInert(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, dsn string) {
		e := start(t, dsn, nil)
		repo := e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
		fork := e.GitHub.AddFork(repo, "carol")
		spec := forkSpec(0, true)
		spec.HeadBranch = "plan/" + hostileName
		docPath := "docs/" + hostileName + ".md"
		th := e.PullRequest("acme", "shop", spec)
		fork.PutFile(spec.HeadBranch, ".github/pipewright.yml", []byte("path: '"+docPath+"'\n"))
		fork.PutFile(spec.HeadBranch, docPath, sandboxExample())
		e.ready(t, th, "dana")

		fork.ProtectBranch(spec.HeadBranch, 409)
		e.say(t, th, "dana", "/menu C")
		failed := lastReply(t, th)
		mustContain(t, "failed save", failed, "The section was not saved", "GitHub refused")
		inert(t, "failed save", failed)

		fork.ProtectBranch(spec.HeadBranch, 0)
		e.say(t, th, "dana", "/menu C")
		saved := lastReply(t, th)
		mustContain(t, "save", saved, "Saved:", "/carol/shop/commit/")
		inert(t, "save", saved)
		doc, _ := fork.File(spec.HeadBranch, docPath)
		mustContain(t, "document", string(doc), "\n## Deployment Strategy\n")
	})
}
