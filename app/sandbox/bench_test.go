package sandbox_test

import (
	"sync/atomic"
	"testing"
	"time"
)

// The benchmarks count what each command costs on GitHub with every call
// taking GitHubLatency, on SQLite with the queue's production settings:
//
//	go test -run='^$' -bench=. -benchtime=10x ./app/sandbox
//
// requests/op and creating/op are GitHub requests (creating: those GitHub
// counts against its secondary limits), roundtrips/op the requests that ran
// one after another before the reply was posted, reply-ms/op the time from
// the webhook POST to the reply created, github-ms/op the part of it from
// the first GitHub request, paced-ms/op the wait for Pipewright's own pacer.

// BenchmarkDecide is /decide in steady state: the session started, the
// tool versions cached, and the commenter's permission cached
// ("cached") or looked up again because its minute has passed
// ("permission-expired").
func BenchmarkDecide(b *testing.B) {
	for _, expire := range []bool{false, true} {
		name := "cached"
		if expire {
			name = "permission-expired"
		}
		b.Run(name, func(b *testing.B) {
			be := startBench(b)
			var clock atomic.Int64
			be.Service.Processor().Perms.Now = func() time.Time { return time.Unix(clock.Load(), 0) }
			be.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
			th := be.PullRequest("acme", "shop", prSpec("dana", "plan"))
			be.say(b, th, "dana", "/start\n/decide canary")
			be.GitHub.SetLatency(GitHubLatency)
			var cs costs
			options := []string{"blue-green", "canary"}
			for i := range b.N {
				if expire {
					clock.Add(int64(2 * time.Minute / time.Second))
				}
				cs.add(be.measure(b, th, "dana", "/decide pattern "+options[i%2]))
			}
			cs.report(b, 1)
		})
	}
}

// BenchmarkFirstDecide is a session's first command by someone: the
// permission look-up, the document read and the version look-ups come first.
func BenchmarkFirstDecide(b *testing.B) {
	var cs costs
	for range b.N {
		be := startBench(b)
		be.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
		th := be.PullRequest("acme", "shop", prSpec("dana", "plan"))
		be.GitHub.SetLatency(GitHubLatency)
		cs.add(be.measure(b, th, "dana", "/decide canary"))
	}
	cs.report(b, 1)
}

// BenchmarkMenuC is the save: on a pull request a commit to its branch, on
// an issue (first save) a branch, a commit and a pull request.
func BenchmarkMenuC(b *testing.B) {
	for _, on := range []string{"pr", "issue"} {
		b.Run(on, func(b *testing.B) {
			var cs costs
			for range b.N {
				be := startBench(b)
				be.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin"})
				th := be.Issue("acme", "shop", 1, "Step 4")
				if on == "pr" {
					th = be.PullRequest("acme", "shop", prSpec("dana", "plan"))
				}
				be.say(b, th, "dana", decideAll)
				be.GitHub.SetLatency(GitHubLatency)
				cs.add(be.measure(b, th, "dana", "/menu C"))
			}
			cs.report(b, 1)
		})
	}
}

// BenchmarkSession is a whole session, per human comment: the eight
// comments of the session script and /menu C.
func BenchmarkSession(b *testing.B) {
	for _, on := range []string{"pr", "issue"} {
		b.Run(on, func(b *testing.B) {
			var cs costs
			for range b.N {
				be := startBench(b)
				be.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin", "lee": "write"})
				th := be.Issue("acme", "shop", 1, "Step 4")
				if on == "pr" {
					th = be.PullRequest("acme", "shop", prSpec("dana", "plan"))
				}
				be.GitHub.SetLatency(GitHubLatency)
				for _, tn := range session {
					cs.add(be.measure(b, th, tn.user, tn.body))
				}
				cs.add(be.measure(b, th, "dana", "/menu C"))
			}
			cs.report(b, float64(len(session)+1))
		})
	}
}
