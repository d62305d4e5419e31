package strategy

import (
	"strings"
	"testing"
)

// suggested returns what a session suggests for each open sub-decision of
// cat, as sources: "" where nothing fits.
func suggested(s *Session, cat CategoryID) map[string]string {
	out := map[string]string{}
	for _, st := range s.SubStates(cat) {
		if st.Open() && st.Suggested {
			out[st.Sub] = st.Source.Source()
		} else if st.Open() {
			out[st.Sub] = ""
		}
	}
	return out
}

func TestSuggestionsFitTheDecisionsMade(t *testing.T) {
	push := Env{Doc: parseDoc(t, pushDoc)}
	tests := []struct {
		name  string
		env   Env
		lines []string
		cat   CategoryID
		want  map[string]string
	}{
		{"recreate gets no draining or load-balancer hand-over", push,
			[]string{"/start", "/decide recreate", "/decide none", "/decide in-deploy", "/decide manual", "/decide required"}, CatDowntime,
			map[string]string{"shutdown": "downtime/required", "probes": "downtime/required", "draining": "", "load-balancer": ""}},
		{"rolling keeps every zero-downtime suggestion", push,
			[]string{"/start", "/decide rolling", "/decide none", "/decide in-deploy", "/decide manual", "/decide required"}, CatDowntime,
			map[string]string{"shutdown": "downtime/required", "probes": "downtime/required", "draining": "downtime/required", "load-balancer": "downtime/required"}},
		{"a GitOps method reverts Git; step 3's triggers are offered", okEnv(t),
			[]string{"/start", "/decide canary", "/decide none", "/decide expand-contract", "/decide hybrid"}, CatRollback,
			map[string]string{"triggers": "step3", "mechanism": "pattern/canary@gitops", "data": "migrations/expand-contract", "testing": "rollback/hybrid"}},
		{"a push method keeps the pattern's own mechanism", push,
			[]string{"/start", "/decide blue-green", "/decide none", "/decide pre-deploy", "/decide automated"}, CatRollback,
			map[string]string{"triggers": "rollback/automated", "mechanism": "pattern/blue-green", "data": "migrations/pre-deploy", "testing": "rollback/automated"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := run(t, Session{}, tt.env, tt.lines...)
			mustDeepEqual(t, "suggestions", suggested(&s, tt.cat), tt.want)
		})
	}
}

func TestTakeRecordsOnlyWhatFitsAndKeepsTheTeamsWords(t *testing.T) {
	s := run(t, started(t), okEnv(t), "/decide canary", "/decide none", "/decide expand-contract")
	s = run(t, s, okEnv(t), "/decide automated")
	s, _ = ApplyAll(s, []Command{c("/decide automated", "Testing: monthly game day")}, okEnv(t))
	rev := s.Revision
	got, effects := ApplyAll(s, []Command{c("/take rollback")}, okEnv(t))
	d := got.Decisions[CatRollback]
	mustDeepEqual(t, "taken", d.Taken, map[string]string{"triggers": "step3", "mechanism": "pattern/canary@gitops", "data": "migrations/expand-contract"})
	if d.Subs["testing"] != "monthly game day" || d.Subs["triggers"] != "error rate above 2%" {
		t.Errorf("subs = %v: the team's answer must stay and step 3's words be copied", d.Subs)
	}
	if got.Revision != rev+1 {
		t.Errorf("revision %d, want %d: taking suggestions is a change like any decision", got.Revision, rev+1)
	}
	if h := got.History[len(got.History)-1]; h.Action != "take rollback triggers,mechanism,data" || h.By != "dana" {
		t.Errorf("history ends with %+v", h)
	}
	if msgs := replyOf(effects); len(msgs) == 0 || msgs[0].Kind != MsgDecision || msgs[0].Key != "taken" {
		t.Errorf("reply %v does not show what was taken", shape(msgs))
	}
	if s.Decisions[CatRollback].Taken != nil {
		t.Error("Apply changed its input session")
	}

	// The team's own words later replace a taken suggestion.
	again, _ := ApplyAll(got, []Command{c("/decide rollback automated", "Mechanism: argo rollouts abort")}, okEnv(t))
	if _, ok := again.Decisions[CatRollback].Taken["mechanism"]; ok || again.Decisions[CatRollback].Subs["mechanism"] != "argo rollouts abort" {
		t.Errorf("the team's answer did not replace the taken suggestion: %+v", again.Decisions[CatRollback])
	}

	// A changed pattern reopens the mechanism taken from the old one.
	changed := run(t, got, okEnv(t), "/decide pattern rolling")
	if _, ok := changed.Decisions[CatRollback].Taken["mechanism"]; ok {
		t.Error("a mechanism taken for canary survived the change to rolling")
	}
	if changed.Decisions[CatRollback].Taken["data"] == "" {
		t.Error("the data suggestion, still fitting, was dropped")
	}
}

func TestTakeChangesNothingWhenNothingFits(t *testing.T) {
	tests := []struct {
		name, line, key string
		setup           []string
	}{
		{"no session", "/take", "take.no-session", nil},
		{"undecided category", "/take regions", "take.undecided", []string{"/start", "/decide canary"}},
		{"unknown sub-decision", "/take rollback colour", "take.unknown-sub", []string{"/start", "/decide canary", "/decide none", "/decide pre-deploy", "/decide manual"}},
		{"answered already", "/take rollback testing", "take.answered", []string{"/start", "/decide canary", "/decide none", "/decide pre-deploy", "/decide manual\nTesting: drills"}},
		{"nothing fits", "/take downtime draining", "take.no-suggestion", []string{"/start", "/decide recreate", "/decide none", "/decide pre-deploy", "/decide manual", "/decide required"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s Session
			for _, l := range tt.setup {
				cmd := c(strings.SplitN(l, "\n", 2)[0])
				if _, field, ok := strings.Cut(l, "\n"); ok {
					k, v, _ := strings.Cut(field, ": ")
					cmd.Fields = []Field{{k, v}}
				}
				s, _ = ApplyAll(s, []Command{cmd}, okEnv(t))
			}
			got, effects := ApplyAll(s, []Command{c(tt.line)}, okEnv(t))
			if got.Revision != s.Revision || len(got.History) != len(s.History) {
				t.Errorf("%s changed the session", tt.line)
			}
			if msgs := replyOf(effects); len(msgs) == 0 || msgs[0].Key != tt.key {
				t.Errorf("reply %v, want the notice %s first", shape(msgs), tt.key)
			}
		})
	}
}
