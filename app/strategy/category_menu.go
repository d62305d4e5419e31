package strategy

import (
	"slices"
	"sort"
)

// The seed presents the A/P/C menu "after each major decision category":
// after a decision, A explores that decision, P reviews it from the
// perspectives it concerns, and C continues to the next category. Once
// everything is decided the whole-strategy menu of the review takes over.

// menuScope is the category whose A/P/C menu is open, or "" when the menu
// is the whole strategy's (or none is open).
func (s *Session) menuScope() CategoryID {
	if s.Complete() || !s.Decided(s.Menu) {
		return ""
	}
	return s.Menu
}

// AwaitsMenu reports whether the A/P/C menu is the open question, so that a
// bare "A", "P" or "C" chooses from it: after a decision, or in the review,
// and never while a proposal waits for its y/n.
func (s *Session) AwaitsMenu() bool {
	if !s.Started() || s.Pending != nil {
		return false
	}
	return s.menuScope() != "" || s.Phase == PhaseReview
}

// AwaitsAnswer reports whether a proposal waits for the team's y/n.
func (s *Session) AwaitsAnswer() bool { return s.Started() && s.Pending != nil }

// categoryMenu answers "/menu [A|P|C]" while a category's menu is open.
func categoryMenu(s *Session, cmd Command, scope CategoryID) outcome {
	choice, extra := menuChoice(cmd.Rest)
	switch {
	case choice == "c" && s.Pending != nil:
		return say(notice("proposal.pending", "method", s.Pending.Method))
	case choice == "c":
		// Continue: the next open question, asked by next().
		s.Menu = ""
		return outcome{showNext: true}
	case choice == "a":
		return offerScoped(s, scope, extra)
	case choice == "p":
		return party(s, cmd, scope)
	case choice == "" && cmd.Rest == "":
		return say(Message{Kind: MsgMenu, Category: scope})
	}
	return say(notice("menu.unknown-choice", "choice", cmd.Rest), Message{Kind: MsgMenu, Category: scope})
}

// ScopedMethods ranks the methods that fit one decided category: those
// closest to it first (a change they can propose to it, its own option's
// fit, it being their primary category), then by their fit with everything
// decided.
func ScopedMethods(s *Session, cat CategoryID) []Fitness {
	opt := s.option(cat)
	own := map[string]int{}
	var out []Fitness
	for i := range Methods {
		m := &Methods[i]
		fits := false
		if slices.ContainsFunc(m.Changes, func(c Change) bool { return c.Category == cat && c.When(s) }) {
			own[m.ID] += ruleWeight
			fits = true
		}
		if m.Primary == cat {
			own[m.ID]++
			fits = true
		}
		for _, f := range m.Fits {
			if f.Category == cat && slices.Contains(f.Options, opt) {
				own[m.ID] += f.Weight
				fits = true
			}
		}
		if fits {
			out = append(out, FitnessOf(s, m))
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if own[out[i].ID] != own[out[j].ID] {
			return own[out[i].ID] > own[out[j].ID]
		}
		return out[i].Score > out[j].Score
	})
	return out
}

// offerScoped is the A of a category's menu: the methods that fit its
// decision, numbered as /elicit takes them.
func offerScoped(s *Session, cat CategoryID, word string) outcome {
	ranked := ScopedMethods(s, cat)
	ids := make([]string, len(ranked))
	for i, f := range ranked {
		ids[i] = f.ID
	}
	s.Offered, s.OfferPage = pageOf(ids, word, s.OfferPage)
	return say(Message{Kind: MsgMethods, Category: cat, Items: slices.Clone(s.Offered)})
}

// inScope keeps what a proposal on one category's menu may change: that
// decision's part of the section only.
func (s *Session) inScope(scope CategoryID, e Enhancement) bool {
	return scope == "" || e.Category == scope
}
