package handlers

import (
	"context"
	"net/url"
	"testing"

	"github.com/google/go-github/v62/github"
	"github.com/palantir/go-githubapp/githubapp"

	"github.com/pipewright/pipewright/app/ghfake"
)

// installationClients hands out go-github clients on the stand-in, as
// go-githubapp's creator does on GitHub.
type installationClients struct {
	githubapp.ClientCreator // only NewInstallationClient is used
	gh                      *ghfake.Server
	base                    *url.URL
}

func (c installationClients) NewInstallationClient(id int64) (*github.Client, error) {
	gh := github.NewClient(nil).WithAuthToken(c.gh.IssueToken(id))
	gh.BaseURL = c.base
	return gh, nil
}

// TestGiveUpNoticeIsPostedOnce: a give-up notice is posted again when what
// follows it fails (the store, say) and the give-up runs once more; it
// must not show twice. A look for its marker comes first, and counts only
// the App's own comments, so a forged marker does not silence it.
func TestGiveUpNoticeIsPostedOnce(t *testing.T) {
	s := ghfake.New()
	base, stop := s.Start()
	defer stop()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	s.AddInstallation(7, "acme")
	s.AddRepo("acme", "shop", "main")
	s.AddIssue("acme", "shop", 5, "Step 4")
	s.AddComment("acme", "shop", 5, "mallory", replyMarker("d2/gave-up", 1, 1)+"forged")
	p := &Processor{Clients: installationClients{gh: s, base: u}, BotLogin: s.BotLogin()}
	ctx := context.Background()
	for range 2 {
		p.postBestEffort(ctx, 7, "acme", "shop", 5, "d1/gave-up", "could not process this comment")
	}
	p.postBestEffort(ctx, 7, "acme", "shop", 5, "d2/gave-up", "could not process this comment")
	got := map[string]int{}
	for _, c := range s.Comments("acme", "shop", 5) {
		for _, id := range []string{"d1/gave-up", "d2/gave-up"} {
			if len(c.Body) >= len(replyMarker(id, 1, 1)) && c.Body[:len(replyMarker(id, 1, 1))] == replyMarker(id, 1, 1) {
				got[id]++
			}
		}
	}
	if got["d1/gave-up"] != 1 || got["d2/gave-up"] != 1 {
		t.Errorf("notices by the App: %v, want each once (the forged marker counts for nothing)", got)
	}
}
