package localrun

import (
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/strategy"
)

// A line that is only y, n or a menu letter answers the open question; at
// any other time it is what it always was: more words for the decision
// just made.
func TestBareAnswerLines(t *testing.T) {
	e := newEnv(t, fixture(t))
	out := e.run(day1, "/start", "/decide canary -- per-version metrics", "y", "C -- on we go")
	if strings.Contains(out, "There is no proposal waiting") {
		t.Errorf("a y with no proposal was taken as /accept:\n%s", out)
	}
	s := e.session()
	if d := s.Decisions[strategy.CatPattern]; d == nil || d.Rationale != "per-version metrics\ny" {
		t.Errorf("the y line did not stay words of the decision: %+v", d)
	}
	if !strings.Contains(out, "### Category 2 of 6: Feature Flag Strategy") || s.Menu != "" {
		t.Errorf("C did not go on to the next category (menu %q):\n%s", s.Menu, out)
	}
	out = e.run(day1, "I'd say C")
	if s := e.session(); strings.Contains(out, "Category 3 of 6") || s.Decisions[strategy.CatFlags] != nil {
		t.Errorf("a sentence with C in it acted:\n%s", out)
	}
}
