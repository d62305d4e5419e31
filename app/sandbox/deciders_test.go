package sandbox

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/delivery"
)

// .github/pipewright.yml's deciders narrow who may change the session, on
// top of write access; everyone may still ask for /status.
func TestDecidersFromRepoConfig(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	sb, err := Start(ctx, Options{Dir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	repo, number := sb.SeedDemo()
	repo.PutFile("main", ".github/pipewright.yml", []byte("# who decides\ndeciders: [\"@Dana\"]\n"))
	say := func(user, body string) string {
		t.Helper()
		before := len(sb.GitHub.Comments(DemoOwner, DemoRepo, number))
		status, _, err := sb.Send(ctx, delivery.Comment{Owner: DemoOwner, Repo: DemoRepo, Branch: "main", Number: number, PullRequest: true, Body: body, Author: user})
		if err != nil || status/100 != 2 {
			t.Fatalf("send %q: %d %v", body, status, err)
		}
		if err := sb.WaitIdle(ctx); err != nil {
			t.Fatal(err)
		}
		all := sb.GitHub.Comments(DemoOwner, DemoRepo, number)
		if len(all) != before+1 {
			t.Fatalf("%q got %d replies, want 1", body, len(all)-before)
		}
		return all[len(all)-1].Body
	}
	if r := say("dana", "/start"); !strings.Contains(r, "Category 1 of 6") {
		t.Fatalf("dana's /start: %s", r)
	}
	r := say("lee", "/decide canary")
	if !strings.Contains(r, "pipewright.yml") || !strings.Contains(r, "Dana") || strings.Contains(r, "Decision recorded") {
		t.Fatalf("lee (write, not a decider) was not refused: %s", r)
	}
	if r := say("lee", "/status"); !strings.Contains(r, "Where we stand") {
		t.Fatalf("lee's /status: %s", r)
	}
	if r := say("dana", "/decide canary"); !strings.Contains(r, "Decision recorded") {
		t.Fatalf("dana's /decide: %s", r)
	}
}
