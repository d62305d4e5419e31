package sandbox

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/delivery"
	"github.com/pipewright/pipewright/app/ghclient"
	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/service"
)

// A command whose processing keeps failing (GitHub answers 502 to the
// permission look-up) is given up after the bound: the team is told, the
// session is unchanged, and the next command goes through.
func TestGiveUpOnFailingCommandLetsTheSessionMoveOn(t *testing.T) {
	ctx, sb, number := startImpatient(t)
	sb.GitHub.InjectFault(ghfake.Fault{Method: "GET", PathPattern: "/collaborators/", Status: 502})
	send := func(body string) {
		t.Helper()
		status, _, err := sb.Send(ctx, delivery.Comment{Owner: DemoOwner, Repo: DemoRepo, Branch: "main", Number: number, PullRequest: true, Body: body, Author: "dana"})
		if err != nil || status/100 != 2 {
			t.Fatalf("send %q: %d %v", body, status, err)
		}
		if err := sb.WaitIdle(ctx); err != nil {
			t.Fatal(err)
		}
	}
	send("/start")
	replies := sb.GitHub.Comments(DemoOwner, DemoRepo, number)
	if len(replies) != 1 || !strings.Contains(replies[0].Body, "could not process this comment") {
		t.Fatalf("want one give-up notice, got %d comments: %v", len(replies), replies)
	}
	sb.GitHub.ClearFaults()
	send("/start")
	replies = sb.GitHub.Comments(DemoOwner, DemoRepo, number)
	if len(replies) != 2 || !strings.Contains(replies[1].Body, "Category 1 of 6") {
		t.Fatalf("the session did not move on after giving up: %d comments, last %q", len(replies), replies[len(replies)-1].Body)
	}
}

// An effect that keeps failing (every comment POST answers 502) is marked
// done with "gave up" instead of blocking the session forever.
func TestGiveUpOnFailingEffect(t *testing.T) {
	ctx, sb, number := startImpatient(t)
	sb.GitHub.InjectFault(ghfake.Fault{Method: "POST", PathPattern: "/comments$", Status: 502})
	status, _, err := sb.Send(ctx, delivery.Comment{Owner: DemoOwner, Repo: DemoRepo, Branch: "main", Number: number, PullRequest: true, Body: "/start", Author: "dana"})
	if err != nil || status/100 != 2 {
		t.Fatalf("send: %d %v", status, err)
	}
	if err := sb.WaitIdle(ctx); err != nil {
		t.Fatal(err)
	}
	effects, err := sb.Service.Store().Effects(ctx, "github:acme/checkout-service#1")
	if err != nil {
		t.Fatal(err)
	}
	if len(effects) != 1 || !effects[0].Done || !strings.HasPrefix(effects[0].Result, "gave up") {
		t.Fatalf("effects = %+v, want one done with a gave-up result", effects)
	}
}

// startImpatient runs a sandbox that gives up at the first failure and does
// not retry GitHub calls, so a fault decides the outcome at once.
func startImpatient(t *testing.T) (context.Context, *Sandbox, int) {
	return startDemo(t, service.Options{GiveUpAfter: time.Nanosecond, GitHub: ghclient.Options{MaxAttempts: 1}})
}

// startDemo runs a sandbox with o on a seeded demo pull request, for a
// minute at most, and returns the pull request's number.
func startDemo(t *testing.T, o service.Options) (context.Context, *Sandbox, int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	t.Cleanup(cancel)
	sb, err := Start(ctx, Options{Dir: t.TempDir(), Service: o})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	_, number := sb.SeedDemo()
	return ctx, sb, number
}
