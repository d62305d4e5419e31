package strategy

import (
	"slices"
	"strings"
	"testing"
)

func TestPerspectiveCatalogue(t *testing.T) {
	if n := len(Perspectives); n < 4 || n > 6 {
		t.Fatalf("%d perspectives, want 4 to 6", n)
	}
	for _, p := range Perspectives {
		for _, st := range p.Stances {
			if st.Concern && len(st.On) == 0 {
				t.Errorf("%s.%s: a concern must name the decision it proposes a change to", p.ID, st.ID)
			}
		}
	}
	for _, d := range Disagreements {
		pa, _, okA := StanceByRef(d.A)
		pb, _, okB := StanceByRef(d.B)
		if !okA || !okB || pa.ID == pb.ID {
			t.Errorf("disagreement %s: %s vs %s", d.ID, d.A, d.B)
		}
	}
}

// TestPartyReview: on each set, 4 to 6 voices speak; each disagreement
// shown has both its stances; each concern proposes a change; the
// decisions stay.
func TestPartyReview(t *testing.T) {
	for _, set := range [][]string{setA, setB, setC} {
		s := completeWith(t, set)
		out, effects := ApplyAll(s, []Command{c("/menu P")}, okEnv(t))
		p := out.Pending
		if p == nil || p.Kind != KindParty || len(replyOf(effects)) != 1 {
			t.Fatalf("%v: no party proposal", set[0])
		}
		if n := len(Voices(p)); n < 4 || n > 6 {
			t.Errorf("%v: %d voices", set[0], n)
		}
		if len(p.Disagreements) == 0 {
			t.Errorf("%v: no disagreement", set[0])
		}
		for _, id := range p.Disagreements {
			i := slices.IndexFunc(Disagreements, func(d Disagreement) bool { return d.ID == id })
			if !slices.Contains(p.Stances, Disagreements[i].A) || !slices.Contains(p.Stances, Disagreements[i].B) {
				t.Errorf("%s shown without both stances", id)
			}
		}
		concerns := 0
		for _, ref := range p.Stances {
			if _, st, _ := StanceByRef(ref); st.Concern {
				concerns++
			}
		}
		if concerns != len(p.Changes) || !slices.Equal(p.Rules, Analyze(&s)) {
			t.Errorf("%v: %d concerns, %d changes; rules %v", set[0], concerns, len(p.Changes), p.Rules)
		}
		for _, e := range p.Changes {
			if e.Kind != KindParty || strings.Contains(e.Source, ".") || e.Key == "" {
				t.Errorf("change %+v", e)
			}
		}
		if !sameSession(t, Session{Decisions: out.Decisions}, Session{Decisions: s.Decisions}) {
			t.Errorf("party mode changed the decisions")
		}
	}
}

// TestVoicesAtLeastFour: with few stances, quiet perspectives fill up to
// four in speaking order.
func TestVoicesAtLeastFour(t *testing.T) {
	got := Voices(&Proposal{Stances: []string{"finops.single-region"}})
	if !slices.Equal(got, []string{"sre", "dba", "security", "finops"}) {
		t.Errorf("voices %v", got)
	}
}
