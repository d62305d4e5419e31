package strategy

import (
	"strings"
)

// pageSize is how many methods the A menu offers at once, as the seed's
// elicitation numbers them 1-5.
const pageSize = 5

// Words that ask for the whole list or the next five.
var (
	wordsAll  = map[string]bool{"all": true, "showall": true, "list": true}
	wordsMore = map[string]bool{"more": true, "reshuffle": true, "next": true, "shuffle": true, "other": true, "others": true}
)

// offerMethods answers "/menu A [all|more]" and "/elicit [all|more]": it
// remembers the list shown, so "/elicit <n>" means the n-th line the team
// saw, whatever was ranked since.
func offerMethods(s *Session, word string) outcome {
	ranked := RankMethods(s)
	ids := make([]string, len(ranked))
	for i, f := range ranked {
		ids[i] = f.ID
	}
	s.Offered, s.OfferPage = pageOf(ids, word, s.OfferPage)
	return say(Message{Kind: MsgMethods, Items: append([]string(nil), s.Offered...)})
}

// pageOf is the page of ids that word asks for: all of them, the next
// five after page, or the first five.
func pageOf(ids []string, word string, page int) ([]string, int) {
	w := squash(word)
	switch {
	case wordsAll[w]:
		return append([]string(nil), ids...), 0
	case wordsMore[w] && len(ids) > 0:
		pages := (len(ids) + pageSize - 1) / pageSize
		page = (page + 1) % pages
		return append([]string(nil), ids[page*pageSize:min(len(ids), (page+1)*pageSize)]...), page
	}
	return append([]string(nil), ids[:min(len(ids), pageSize)]...), 0
}

// elicit runs "/elicit <n|method|all|more>": one method on the decisions
// as they stand with every accepted enhancement, and the team's answers
// written under the command.
func elicit(s *Session, cmd Command) outcome {
	scope := s.menuScope()
	if !s.Complete() && scope == "" {
		return outcome{msgs: []Message{{Kind: MsgStatus}, notice("menu.not-ready")}, showNext: s.Started()}
	}
	offer := func(word string) outcome {
		if scope != "" {
			return offerScoped(s, scope, word)
		}
		return offerMethods(s, word)
	}
	arg := strings.TrimSpace(cmd.Rest)
	if w := squash(arg); arg == "" || wordsAll[w] || wordsMore[w] {
		return offer(arg)
	}
	m, ok := resolveMethod(s, arg, scope)
	if !ok {
		out := offer("")
		out.msgs = append([]Message{notice("elicit.unknown-method", "input", arg)}, out.msgs...)
		return out
	}
	p := m.propose(s, cmd, scope)
	primary := m.Primary
	if scope != "" {
		primary = scope
	}
	var msgs []Message
	if old := s.Pending; old != nil {
		if old.Kind == KindElicit && old.Method == m.ID && old.Scope == scope && old.Revision == s.Revision {
			// The same method again: more answers for the proposal shown.
			for _, e := range old.Changes {
				if e.Answer != "" {
					p.add(s, e)
				}
			}
		} else {
			msgs = append(msgs, notice("proposal.replaced", "method", old.Method))
		}
	}
	for _, e := range answers(s, cmd, KindElicit, m.ID, primary) {
		p.add(s, e)
	}
	s.Pending = nil
	if len(p.Changes) > 0 {
		s.Pending = p
	}
	msgs = append(msgs, Message{Kind: MsgElicit, Category: scope, Proposal: cloneProposal(p), Accepted: cloneEnhancements(s.Enhancements)})
	return say(msgs...)
}

// resolveMethod reads a number of the list last shown (the first five by
// fit if none was), or a method's id or name.
func resolveMethod(s *Session, arg string, scope CategoryID) (*Method, bool) {
	if n, ok := atoi(arg); ok {
		offered := s.Offered
		if len(offered) == 0 {
			ranked := RankMethods(s)
			if scope != "" {
				ranked = ScopedMethods(s, scope)
			}
			for _, f := range ranked[:min(len(ranked), pageSize)] {
				offered = append(offered, f.ID)
			}
		}
		if n < 1 || n > len(offered) {
			return nil, false
		}
		return MethodByID(offered[n-1])
	}
	return matchMethod(arg)
}
