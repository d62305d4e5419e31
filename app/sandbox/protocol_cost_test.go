package sandbox_test

import (
	"testing"
)

// The seed's protocol (a menu after each category, C to go on) must not
// cost the team's installation more than the replies it asked for: a pull
// request session of the demo's shape makes one content-creating request
// per human comment, plus the commit.
func TestSessionCostsOneCreatingRequestPerComment(t *testing.T) {
	t.Parallel()
	eachStore(t, func(t *testing.T, e *env) {
		e.SeedRepo("acme", "shop", nil, map[string]string{"dana": "admin", "lee": "write"})
		th := e.PullRequest("acme", "shop", prSpec("dana", "plan"))
		e.GitHub.ResetRequests()
		play(t, e, th)
		e.say(t, th, "dana", "/menu C")
		creating := 0
		for _, r := range e.GitHub.Requests() {
			if r.ContentCreating {
				creating++
			}
		}
		comments := len(session) + 1
		if want := comments + 1; creating != want {
			t.Errorf("%d content-creating requests for %d human comments and a commit, want %d", creating, comments, want)
		}
	})
}
