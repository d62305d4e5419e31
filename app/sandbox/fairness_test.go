package sandbox_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/ghclient"
	"github.com/pipewright/pipewright/app/queue"
	"github.com/pipewright/pipewright/app/sandbox"
)

// TestBusyInstallationDoesNotDelayAnother is issue 16's fairness: one
// installation has spent its minute's budget of content-creating requests
// and has replies waiting for the next minute; a comment in another
// installation is answered at once, not behind that backlog. Its reply
// lands while the busy installation's last replies are still deferred (the
// budget is scaled down to 4 a minute so that a handful of comments fill
// it; the windows are GitHub's 60 s), with fewer queue workers than busy
// sessions.
func TestBusyInstallationDoesNotDelayAnother(t *testing.T) {
	const perMinute = 4
	e := start(t, sqliteDSN(t), func(o *sandbox.Options) {
		o.Service.GitHub.Pacer = ghclient.NewPacerWithLimits(ghclient.Limits{PerMinute: perMinute, PerHour: 100})
		// Fewer workers than busy sessions: a deferred job that held its
		// worker while it waited would leave none for the other installation.
		o.Service.QueueOptions = append(o.Service.QueueOptions, queue.WithMaxWorkers(2))
	})
	e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
	var busy []*sandbox.Thread
	for i := range 3 {
		th := e.PullRequest("acme", "shop", prSpec("dana", fmt.Sprintf("plan-%d", i)))
		busy = append(busy, th)
		for _, body := range []string{"/start", "/help"} {
			if status, id, err := e.Send(e.ctx, th.Comment("dana", body)); err != nil || status/100 != 2 {
				t.Fatalf("delivery %s: %d %v", id, status, err)
			}
		}
	}
	busyReplies := func() int {
		n := 0
		for _, th := range busy {
			n += len(th.Replies())
		}
		return n
	}
	// The busy installation's first minute is spent: its other replies wait.
	waitUntil(t, e, "the busy installation's budget to be spent", func() bool { return busyReplies() == perMinute })

	const other = 4343
	e.GitHub.AddInstallation(other, "globex")
	e.SeedRepo("globex", "app", nil, map[string]string{"kim": "admin"})
	th := e.PullRequest("globex", "app", prSpec("kim", "plan"))
	c := th.Comment("kim", "/start")
	c.Installation = other
	asked := time.Now()
	if status, id, err := e.Send(e.ctx, c); err != nil || status/100 != 2 {
		t.Fatalf("delivery %s: %d %v", id, status, err)
	}
	waitUntil(t, e, "the other installation's reply", func() bool { return len(th.Replies()) == 1 })
	t.Logf("the other installation was answered %s after its comment", time.Since(asked).Round(time.Millisecond))
	if n := busyReplies(); n != perMinute {
		t.Errorf("the busy installation had %d replies when the other was answered, want still %d: the other waited behind its backlog", n, perMinute)
	}
}

// waitUntil polls cond until it holds or the test's context ends.
func waitUntil(t *testing.T, e *env, what string, cond func() bool) {
	t.Helper()
	for !cond() {
		select {
		case <-e.ctx.Done():
			t.Fatalf("waiting for %s: %v", what, e.ctx.Err())
		case <-time.After(20 * time.Millisecond):
		}
	}
}
