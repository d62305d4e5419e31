package strategy

import "slices"

// partyMethod is the Method of a party-mode proposal.
const partyMethod = "party"

// minVoices is the fewest perspectives party mode shows: the seed's
// multi-perspective review needs more than a pair.
const minVoices = 4

// party answers "/menu P": every perspective reviews the whole strategy,
// the disagreements where both sides' stances apply, the consistency
// findings, and the concerns' proposed changes for /accept or /reject.
//
// From a category's menu (scope), only the stances on that decision speak,
// and only the consistency findings that question it.
func party(s *Session, cmd Command, scope CategoryID) outcome {
	p := &Proposal{Kind: KindParty, Method: partyMethod, Scope: scope, Revision: s.Revision, By: cmd.Actor, At: cmd.At}
	for _, per := range Perspectives {
		for _, st := range per.Stances {
			if !st.When(s) || scope != "" && !slices.Contains(st.On, scope) {
				continue
			}
			p.Stances = append(p.Stances, per.ID+"."+st.ID)
			if st.Concern {
				c := Change{ID: st.ID, Category: st.On[0], Sub: st.Sub}
				if e := s.change(KindParty, per.ID, c, cmd.Actor); s.inScope(scope, e) {
					p.add(s, e)
				}
			}
		}
	}
	for _, d := range Disagreements {
		if slices.Contains(p.Stances, d.A) && slices.Contains(p.Stances, d.B) {
			p.Disagreements = append(p.Disagreements, d.ID)
		}
	}
	for _, id := range Analyze(s) {
		if r, ok := RuleByID(id); scope == "" || ok && slices.Contains(r.Concerns, scope) {
			p.Rules = append(p.Rules, id)
		}
	}
	var msgs []Message
	if old := s.Pending; old != nil {
		if old.Kind == KindParty && old.Scope == scope && old.Revision == s.Revision {
			for _, e := range old.Changes {
				if e.Answer != "" {
					p.add(s, e)
				}
			}
		} else {
			msgs = append(msgs, notice("proposal.replaced", "method", old.Method))
		}
	}
	for _, e := range answers(s, cmd, KindParty, partyMethod, primaryOf(p)) {
		p.add(s, e)
	}
	s.Pending = nil
	if len(p.Changes) > 0 {
		s.Pending = p
	}
	msgs = append(msgs, Message{Kind: MsgParty, Category: scope, Proposal: cloneProposal(p), Accepted: cloneEnhancements(s.Enhancements)})
	return say(msgs...)
}

// Voices lists the perspectives a review shows: each that has something to
// say about these decisions, and at least minVoices in speaking order.
func Voices(p *Proposal) []string {
	speaks := map[string]bool{}
	for _, ref := range p.Stances {
		if per, _, ok := StanceByRef(ref); ok {
			speaks[per.ID] = true
		}
	}
	quiet := minVoices - len(speaks)
	var out []string
	for _, per := range Perspectives {
		switch {
		case speaks[per.ID]:
			out = append(out, per.ID)
		case quiet > 0:
			out = append(out, per.ID)
			quiet--
		}
	}
	return out
}
