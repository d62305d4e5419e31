package strategy

import (
	"encoding/json"
	"reflect"
	"slices"
	"testing"
)

// TestAcceptAndReject: /accept adds the proposal and bumps the revision;
// /reject drops it and leaves the session as it was before /elicit except
// for the list shown and the history; options never change.
func TestAcceptAndReject(t *testing.T) {
	env := okEnv(t)
	s := completeWith(t, setA)
	proposed, _ := ApplyAll(s, []Command{c("/elicit pre-mortem")}, env)
	want := proposed.Pending.Changes

	acc, effects := ApplyAll(proposed, []Command{c("/accept")}, env)
	if got := shape(replyOf(effects)); !slices.Equal(got, []string{"notice:proposal.accepted", "menu"}) {
		t.Errorf("accept reply %v", got)
	}
	if acc.Pending != nil || !reflect.DeepEqual(acc.Enhancements, want) || acc.Revision != s.Revision+1 {
		t.Errorf("accepted: pending %v, enhancements %+v, revision %d", acc.Pending, acc.Enhancements, acc.Revision)
	}
	if !reflect.DeepEqual(decisions(acc), decisions(s)) {
		t.Errorf("accept changed an option")
	}

	rej, effects := ApplyAll(proposed, []Command{c("/reject")}, env)
	if got := shape(replyOf(effects)); !slices.Equal(got, []string{"notice:proposal.rejected", "menu"}) {
		t.Errorf("reject reply %v", got)
	}
	if rej.Pending != nil || rej.Enhancements != nil || rej.Revision != s.Revision || !reflect.DeepEqual(rej.Decisions, s.Decisions) {
		t.Errorf("rejected: %+v", rej)
	}
	if last := rej.History[len(rej.History)-1]; last.Action != "reject A pre-mortem" {
		t.Errorf("history %q", last.Action)
	}
}

// TestLatestAcceptedVersion: a method runs on the section with what was
// accepted; running it again proposes nothing it proposed before.
func TestLatestAcceptedVersion(t *testing.T) {
	env := okEnv(t)
	s := run(t, completeWith(t, setA), env, "/elicit pre-mortem", "/accept")
	out, effects := ApplyAll(s, []Command{c("/elicit chaos")}, env)
	msg := replyOf(effects)[0]
	if !reflect.DeepEqual(msg.Accepted, s.Enhancements) || len(msg.Accepted) == 0 {
		t.Errorf("chaos was shown against %+v, want the accepted %+v", msg.Accepted, s.Enhancements)
	}
	again, effects := ApplyAll(s, []Command{c("/elicit pre-mortem")}, env)
	if again.Pending != nil || replyOf(effects)[0].Proposal == nil || len(replyOf(effects)[0].Proposal.Changes) != 0 {
		t.Errorf("pre-mortem again proposes %+v", again.Pending)
	}
	both := run(t, out, env, "/accept")
	if len(both.Enhancements) <= len(s.Enhancements) || both.Revision != s.Revision+1 {
		t.Errorf("second accept: %d enhancements at revision %d", len(both.Enhancements), both.Revision)
	}
}

func TestProposalEdges(t *testing.T) {
	env := okEnv(t)
	s := run(t, completeWith(t, setA), env, "/elicit reversibility")
	cases := []struct {
		name string
		cmds []Command
		want []string
		save bool
		pend bool
	}{
		{"a decision since makes the proposal stale", []Command{c("/decide pattern rolling"), c("/accept")}, []string{"decision:pattern", "notice:proposal.stale", "menu", "review"}, false, false},
		{"C waits for accept or reject", []Command{c("/menu C")}, []string{"notice:proposal.pending"}, false, true},
		{"accept then C saves", []Command{c("/accept"), c("/menu C")}, []string{"notice:proposal.accepted", "menu", "save-outcome"}, true, false},
		{"the review reminds", []Command{c("/menu")}, []string{"review", "notice:proposal.waiting"}, false, true},
		{"P replaces A", []Command{c("/menu P")}, []string{"notice:proposal.replaced", "party"}, false, true},
		{"cancel drops everything", []Command{c("/cancel")}, []string{"notice:cancel.done"}, false, false},
		{"accept twice", []Command{c("/accept"), c("/accept")}, []string{"notice:proposal.accepted", "menu", "notice:error.nothing-pending", "menu"}, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, effects := ApplyAll(s, tc.cmds, env)
			if got := shape(replyOf(effects)); !slices.Equal(got, tc.want) {
				t.Errorf("reply %v, want %v", got, tc.want)
			}
			if _, saved := saveOf(effects); saved != tc.save {
				t.Errorf("saved %v", saved)
			}
			if (out.Pending != nil) != tc.pend {
				t.Errorf("pending %+v", out.Pending)
			}
		})
	}
}

// TestAcceptWithLines: lines under /accept join the proposal.
func TestAcceptWithLines(t *testing.T) {
	env := okEnv(t)
	s := run(t, completeWith(t, setA), env, "/elicit on-call")
	out, _ := ApplyAll(s, []Command{c("/accept -- The runbook lives in the service repo.", "Mechanism: git revert of the overlay commit")}, env)
	var got []string
	for _, e := range out.Enhancements {
		if e.Answer != "" {
			got = append(got, string(e.Category)+"/"+e.Sub+": "+e.Answer)
		}
	}
	want := []string{"rollback/: The runbook lives in the service repo.", "rollback/mechanism: git revert of the overlay commit"}
	if !slices.Equal(got, want) {
		t.Errorf("answers %q, want %q", got, want)
	}
}

// TestRevisingDropsThatCategorysEnhancements: a new option for a category
// drops what was added to it, like the old decision's notes; the same
// option again keeps them.
func TestRevisingDropsThatCategorysEnhancements(t *testing.T) {
	env := okEnv(t)
	s := run(t, completeWith(t, setA), env, "/elicit first-principles", "/accept", "/elicit chaos", "/accept")
	cats := func(s Session) map[CategoryID]int {
		out := map[CategoryID]int{}
		for _, e := range s.Enhancements {
			out[e.Category]++
		}
		return out
	}
	before := cats(s)
	if before[CatPattern] == 0 || before[CatRollback] == 0 {
		t.Fatalf("enhancements %v", before)
	}
	same := run(t, s, env, "/decide pattern canary -- still canary")
	if !reflect.DeepEqual(cats(same), before) {
		t.Errorf("the same option dropped enhancements: %v", cats(same))
	}
	other := run(t, s, env, "/decide pattern rolling")
	if got := cats(other); got[CatPattern] != 0 || got[CatRollback] != before[CatRollback] {
		t.Errorf("after revising the pattern: %v", got)
	}
}

// TestProposalsSurviveJSON: a session with a pending proposal and accepted
// enhancements round-trips through the store's JSON unchanged.
func TestProposalsSurviveJSON(t *testing.T) {
	env := okEnv(t)
	s := run(t, completeWith(t, setC), env, "/menu P", "/accept", "/menu A more")
	s, _ = ApplyAll(s, []Command{c("/elicit 1 -- our words", "Triggers: 5xx above stable")}, env)
	if s.Pending == nil || len(s.Enhancements) == 0 || len(s.Offered) == 0 {
		t.Fatalf("nothing to round-trip: %+v", s)
	}
	data, err := json.Marshal(s)
	if err != nil {
		t.Fatal(err)
	}
	var back Session
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Pending, s.Pending) || !reflect.DeepEqual(back.Enhancements, s.Enhancements) || !slices.Equal(back.Offered, s.Offered) || back.OfferPage != s.OfferPage {
		t.Errorf("round trip changed the proposal:\n got %+v\nwant %+v", back.Pending, s.Pending)
	}
	acc1, _ := ApplyAll(s, []Command{c("/accept")}, env)
	acc2, _ := ApplyAll(back, []Command{c("/accept")}, env)
	if !sameSession(t, acc1, acc2) {
		t.Errorf("accepting after the round trip differs")
	}
}

// TestCancelKeepsTheTeamsWords: /cancel sets aside the DORA targets and the
// A/P text (accepted, or still waiting with the team's answers) along with
// the decisions, and a new round starts without them.
func TestCancelKeepsTheTeamsWords(t *testing.T) {
	env := okEnv(t)
	s := run(t, completeWith(t, setA), env, "/target mttr under an hour, we page the owner", "/elicit pre-mortem", "/accept", "/elicit chaos")
	if len(s.Targets) == 0 || len(s.Enhancements) == 0 || s.Pending == nil {
		t.Fatalf("setup: targets %v, enhancements %d, pending %v", s.Targets, len(s.Enhancements), s.Pending)
	}
	out := run(t, s, env, "/cancel", "/start")
	if len(out.Cancelled) != 1 {
		t.Fatalf("cancelled rounds %+v, want one", out.Cancelled)
	}
	got := out.Cancelled[0]
	if !reflect.DeepEqual(got.Targets, s.Targets) || !reflect.DeepEqual(got.Enhancements, s.Enhancements) || !reflect.DeepEqual(got.Pending, s.Pending) {
		t.Errorf("set aside %+v, want the round's targets, enhancements and pending proposal", got)
	}
	if got.By == "" || got.At.IsZero() {
		t.Errorf("set aside by %q at %v", got.By, got.At)
	}
	if len(out.Targets) != 0 || len(out.Enhancements) != 0 || out.Pending != nil || len(out.Archived) != 1 {
		t.Errorf("new round: targets %v, enhancements %v, pending %v, archived %d", out.Targets, out.Enhancements, out.Pending, len(out.Archived))
	}
	// Stored and read back, nothing is lost.
	data, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	var back Session
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Cancelled[0].Targets, s.Targets) || back.Cancelled[0].Targets[MetricMTTR].Text != s.Targets[MetricMTTR].Text {
		t.Errorf("round trip lost the set-aside targets: %+v", back.Cancelled)
	}
}
