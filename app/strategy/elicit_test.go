package strategy

import (
	"slices"
	"testing"
)

// Three decision sets that differ in every category.
var (
	setA = []string{"/decide canary", "/decide unleash", "/decide in-deploy", "/decide automated", "/decide required", "/decide single-region"}
	setB = []string{"/decide recreate", "/decide flags none", "/decide expand-contract", "/decide rollback manual", "/decide maintenance-window", "/decide active-active"}
	setC = []string{"/decide ab-testing", "/decide custom", "/decide post-deploy", "/decide hybrid", "/decide best-effort", "/decide active-passive"}
)

func completeWith(t testing.TB, set []string) Session {
	t.Helper()
	s := run(t, started(t), okEnv(t), append(slices.Clone(set), allTargets...)...)
	if !s.Complete() {
		t.Fatalf("%v is not complete", set)
	}
	return s
}

func ids(fs []Fitness) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.ID)
	}
	return out
}

func TestMethodCatalogue(t *testing.T) {
	if len(Methods) < 15 {
		t.Fatalf("%d methods, want at least 15", len(Methods))
	}
	owner := map[string]string{}
	for _, m := range Methods {
		for _, n := range append([]string{m.ID}, m.Aliases...) {
			if o, taken := owner[squash(n)]; taken {
				t.Errorf("%s: name %q is %s's already", m.ID, n, o)
			}
			owner[squash(n)] = m.ID
		}
		if len(m.Questions) == 0 || len(m.Changes) == 0 || m.Primary == "" {
			t.Errorf("%s asks or proposes nothing", m.ID)
		}
		for _, r := range m.Rules {
			if _, ok := RuleByID(r); !ok {
				t.Errorf("%s digs into unknown rule %q", m.ID, r)
			}
		}
	}
}

// TestRanking: the order is deterministic, fits the decisions (the top five
// differ between sets), and paging covers every method once.
func TestRanking(t *testing.T) {
	var tops [][]string
	for _, set := range [][]string{setA, setB, setC} {
		s := completeWith(t, set)
		r1, r2 := ids(RankMethods(&s)), ids(RankMethods(&s))
		if !slices.Equal(r1, r2) {
			t.Fatalf("ranking is not deterministic")
		}
		tops = append(tops, r1[:5])
		var paged []string
		out, _ := ApplyAll(s, []Command{c("/menu A")}, okEnv(t))
		paged = append(paged, out.Offered...)
		for range (len(Methods)+pageSize-1)/pageSize - 1 {
			out, _ = ApplyAll(out, []Command{c("/menu A more")}, okEnv(t))
			paged = append(paged, out.Offered...)
		}
		if !slices.Equal(paged, r1) {
			t.Errorf("pages %v, want the ranking %v", paged, r1)
		}
		out, _ = ApplyAll(out, []Command{c("/elicit reshuffle")}, okEnv(t))
		if !slices.Equal(out.Offered, r1[:5]) {
			t.Errorf("reshuffle after the last page shows %v, want the first five again", out.Offered)
		}
		out, _ = ApplyAll(out, []Command{c("/menu A all")}, okEnv(t))
		if !slices.Equal(out.Offered, r1) {
			t.Errorf("all shows %v", out.Offered)
		}
	}
	if slices.Equal(tops[0], tops[1]) || slices.Equal(tops[1], tops[2]) {
		t.Errorf("the top five do not depend on the decisions: %v", tops)
	}
}

// TestElicitNumbersFollowTheListShown: "/elicit 2" is the second line the
// team saw, after a reshuffle too; a name works without any list.
func TestElicitNumbersFollowTheListShown(t *testing.T) {
	s := completeWith(t, setA)
	ranked := ids(RankMethods(&s))
	s = run(t, s, okEnv(t), "/menu A", "/menu A more")
	out, effects := ApplyAll(s, []Command{c("/elicit 2")}, okEnv(t))
	if out.Pending == nil || out.Pending.Method != ranked[6] {
		t.Errorf("/elicit 2 after more ran %+v, want %s", out.Pending, ranked[6])
	}
	if got := shape(replyOf(effects)); !slices.Equal(got, []string{"elicit"}) {
		t.Errorf("reply %v", got)
	}
	out, _ = ApplyAll(s, []Command{c("/elicit Occam's razor")}, okEnv(t))
	if out.Pending == nil || out.Pending.Method != "occam" {
		t.Errorf("by name: %+v", out.Pending)
	}
	out, effects = ApplyAll(s, []Command{c("/elicit 9")}, okEnv(t))
	if got := shape(replyOf(effects)); !slices.Equal(got, []string{"notice:elicit.unknown-method", "methods"}) || out.Pending != nil {
		t.Errorf("out of range: %v", got)
	}
}

// TestMethodsPropose: every method, on every set, proposes at least one
// change, never touches a decision, and digs only into rules that fire.
func TestMethodsPropose(t *testing.T) {
	for _, set := range [][]string{setA, setB, setC} {
		s := completeWith(t, set)
		fired := Analyze(&s)
		for _, m := range Methods {
			out, effects := ApplyAll(s, []Command{c("/elicit " + m.ID)}, okEnv(t))
			p := out.Pending
			if p == nil || len(p.Changes) == 0 || len(p.Questions) == 0 {
				t.Errorf("%s on %v proposes nothing: %+v", m.ID, set[0], p)
				continue
			}
			if !sameSession(t, Session{Decisions: out.Decisions}, Session{Decisions: s.Decisions}) || out.Revision != s.Revision {
				t.Errorf("%s changed the decisions", m.ID)
			}
			for _, r := range p.Rules {
				if !slices.Contains(fired, r) {
					t.Errorf("%s shows rule %s that does not fire", m.ID, r)
				}
			}
			if msgs := replyOf(effects); len(msgs) != 1 || msgs[0].Proposal == nil {
				t.Errorf("%s reply %v", m.ID, shape(msgs))
			}
		}
	}
}

// TestAnswersInTheTeamsWords: plain lines become a note under the method's
// category; a sub-decision key sharpens it; a category name notes there;
// anything else is kept as written.
func TestAnswersInTheTeamsWords(t *testing.T) {
	s := completeWith(t, setA)
	cmd := c("/elicit pre-mortem -- Checkout errors would show it first.", "Testing: never rehearsed with a migration", "Flags: kill switch per payment provider", "Owner: platform team")
	out, _ := ApplyAll(s, []Command{cmd}, okEnv(t))
	var answers []Enhancement
	for _, e := range out.Pending.Changes {
		if e.Answer != "" {
			answers = append(answers, e)
		}
	}
	want := []Enhancement{
		{Category: CatRollback, Answer: "Checkout errors would show it first."},
		{Category: CatRollback, Sub: "testing", Answer: "never rehearsed with a migration"},
		{Category: CatFlags, Answer: "kill switch per payment provider"},
		{Category: CatRollback, Answer: "Owner: platform team"},
	}
	if len(answers) != len(want) {
		t.Fatalf("answers %+v", answers)
	}
	for i, w := range want {
		a := answers[i]
		if a.Category != w.Category || a.Sub != w.Sub || a.Answer != w.Answer || a.Source != "pre-mortem" || a.Kind != KindElicit || a.By != "dana" {
			t.Errorf("answer %d = %+v, want %+v", i, a, w)
		}
	}
	// The same method again adds to the answers; another replaces them.
	again, _ := ApplyAll(out, []Command{c("/elicit pre-mortem -- And in the payment provider's dashboard.")}, okEnv(t))
	if n := len(again.Pending.Changes); n != len(out.Pending.Changes)+1 {
		t.Errorf("the same method again has %d changes, want %d", n, len(out.Pending.Changes)+1)
	}
	other, effects := ApplyAll(out, []Command{c("/elicit chaos")}, okEnv(t))
	if got := shape(replyOf(effects)); !slices.Equal(got, []string{"notice:proposal.replaced", "elicit"}) || other.Pending.Method != "chaos" {
		t.Errorf("another method: %v", got)
	}
}
