package strategy

import (
	"slices"
	"testing"
)

// step applies one line and returns the session and the reply's shape.
func step(t *testing.T, s Session, line string) (Session, []Message) {
	t.Helper()
	next, effects := Apply(s, c(line), okEnv(t))
	if _, saved := saveOf(effects); saved {
		t.Fatalf("%q saved", line)
	}
	return next, replyOf(effects)
}

func TestEachDecisionEndsWithItsMenu(t *testing.T) {
	s, msgs := step(t, started(t), "/decide canary -- we watch error rates per version")
	mustDeepEqual(t, "reply to the decision", shape(msgs), []string{"decision:pattern", "menu:pattern"})
	if !s.AwaitsMenu() || s.AwaitsAnswer() {
		t.Fatalf("after a decision the menu should be the open question: menu %v answer %v", s.AwaitsMenu(), s.AwaitsAnswer())
	}
	s, msgs = step(t, s, "/menu C")
	mustDeepEqual(t, "reply to C", shape(msgs), []string{"ask:flags"})
	if s.AwaitsMenu() || s.Menu != "" {
		t.Fatalf("C left the menu open (%q)", s.Menu)
	}
	// A /decide for what is next goes on without C.
	s, msgs = step(t, s, "/decide unleash")
	mustDeepEqual(t, "next decision", shape(msgs), []string{"decision:flags", "menu:flags"})
	if decisions(s)[CatFlags] != "unleash" {
		t.Fatalf("decisions %v", decisions(s))
	}
}

func TestCategoryAExploresThatDecision(t *testing.T) {
	s := run(t, started(t), okEnv(t), allSix[:3]...) // migrations decided last
	before := s.Clone()
	s, msgs := step(t, s, "/menu A")
	mustDeepEqual(t, "reply", shape(msgs), []string{"methods:migrations"})
	if len(msgs[0].Items) == 0 {
		t.Fatal("no method offered")
	}
	for _, id := range msgs[0].Items {
		m, _ := MethodByID(id)
		fits := m.Primary == CatMigrations || slices.ContainsFunc(m.Changes, func(c Change) bool { return c.Category == CatMigrations }) ||
			slices.ContainsFunc(m.Fits, func(f Fit) bool { return f.Category == CatMigrations && slices.Contains(f.Options, "expand-contract") })
		if !fits {
			t.Errorf("method %s offered for migrations does not concern it", id)
		}
	}
	if s.Revision != before.Revision || s.Pending != nil || !slices.Equal(sortedKeys(s.Decisions), sortedKeys(before.Decisions)) {
		t.Fatal("offering methods changed the session")
	}

	s, msgs = step(t, s, "/elicit reversibility")
	mustDeepEqual(t, "elicit", shape(msgs), []string{"elicit:migrations"})
	p := s.Pending
	if p == nil || p.Scope != CatMigrations {
		t.Fatalf("pending %+v", p)
	}
	for _, e := range p.Changes {
		if e.Category != CatMigrations {
			t.Errorf("a change outside migrations was proposed: %+v", e)
		}
	}
	if !s.AwaitsAnswer() || s.AwaitsMenu() {
		t.Fatal("a proposal should wait for y/n, not the menu")
	}
	if s.Revision != before.Revision || len(s.Enhancements) != 0 {
		t.Fatal("the proposal changed the section before acceptance")
	}

	rejected, msgs := step(t, s, "/reject")
	mustDeepEqual(t, "reject", shape(msgs), []string{"notice:proposal.rejected", "menu:migrations"})
	if len(rejected.Enhancements) != 0 || rejected.Revision != before.Revision {
		t.Fatal("reject changed the section")
	}

	accepted, msgs := step(t, s, "/accept -- the contract release is tagged")
	mustDeepEqual(t, "accept", shape(msgs), []string{"notice:proposal.accepted", "menu:migrations"})
	if len(accepted.Enhancements) == 0 || accepted.Revision == before.Revision {
		t.Fatal("accept added nothing")
	}
	if !slices.ContainsFunc(accepted.Enhancements, func(e Enhancement) bool {
		return e.Category == CatMigrations && e.Answer == "the contract release is tagged"
	}) {
		t.Errorf("the team's answer is not under migrations: %+v", accepted.Enhancements)
	}
	if decisions(accepted)[CatMigrations] != "expand-contract" {
		t.Fatal("accept changed a decision")
	}
}

func TestCategoryPReviewsThatDecision(t *testing.T) {
	s := run(t, started(t), okEnv(t), allSix[:4]...) // rollback automated decided last
	s, msgs := step(t, s, "/menu P")
	mustDeepEqual(t, "reply", shape(msgs), []string{"party:rollback"})
	p := msgs[0].Proposal
	if p == nil || p.Scope != CatRollback {
		t.Fatalf("proposal %+v", p)
	}
	if len(p.Stances) == 0 {
		t.Fatal("no perspective spoke about the rollback decision")
	}
	for _, ref := range p.Stances {
		_, st, ok := StanceByRef(ref)
		if !ok || !slices.Contains(st.On, CatRollback) {
			t.Errorf("stance %s is not about rollback", ref)
		}
	}
	for _, id := range p.Rules {
		r, _ := RuleByID(id)
		if !slices.Contains(r.Concerns, CatRollback) {
			t.Errorf("rule %s does not question rollback", id)
		}
	}
	if len(s.Enhancements) != 0 {
		t.Fatal("P changed the section before acceptance")
	}
}

// Once everything is decided, the whole strategy's menu takes over: A and
// P are the review's, and C saves.
func TestLastDecisionOpensTheWholeMenu(t *testing.T) {
	s := run(t, started(t), okEnv(t), append(slices.Clone(allTargets), allSix[:5]...)...)
	s, msgs := step(t, s, "/decide single-region")
	mustDeepEqual(t, "last decision", shape(msgs), []string{"decision:regions", "review"})
	if !s.AwaitsMenu() {
		t.Fatal("the review's menu should be open")
	}
	_, effects := Apply(s, c("/menu C"), okEnv(t))
	if _, ok := saveOf(effects); !ok {
		t.Fatal("C of the whole menu did not save")
	}
	_, msgs = step(t, s, "/menu A")
	if msgs[0].Kind != MsgMethods || msgs[0].Category != "" {
		t.Fatalf("A of the whole menu: %v", shape(msgs))
	}
}

func sortedKeys(m map[CategoryID]*Decision) []CategoryID {
	out := make([]CategoryID, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
