package strategy

// answers turns the team's lines under /elicit, /menu P or /accept into
// enhancements in their own words: plain lines are a note under primary;
// "Key: value" sharpens the sub-decision the key names where the section
// shows it, adds a note under the category it names, or else is kept
// verbatim as a note under primary.
func answers(s *Session, cmd Command, kind ProposalKind, source string, primary CategoryID) []Enhancement {
	var out []Enhancement
	mk := func(cat CategoryID, sub, text string) Enhancement {
		return Enhancement{Category: cat, Sub: sub, Kind: kind, Source: source, Answer: text, Basis: s.basis(), By: cmd.Actor}
	}
	if r := clean(cmd.Rationale); r != "" {
		out = append(out, mk(primary, "", r))
	}
	for _, f := range cmd.Fields {
		value := clean(f.Value)
		if value == "" {
			continue
		}
		if cat, sub, ok := s.subShown(f.Key, primary); ok {
			out = append(out, mk(cat, sub, value))
		} else if cat, ok := matchCategory(f.Key); ok {
			out = append(out, mk(cat.ID, "", value))
		} else {
			out = append(out, mk(primary, "", clean(f.Key+": "+value)))
		}
	}
	return out
}

// subShown finds the sub-decision a key names among those the section
// shows for the decisions made, looking in primary first ("Data" is the
// rollback's data handling wherever the answer came from).
func (s *Session) subShown(key string, primary CategoryID) (CategoryID, string, bool) {
	order := []CategoryID{primary}
	for _, c := range Categories {
		if c.ID != primary {
			order = append(order, c.ID)
		}
	}
	for _, id := range order {
		cat, ok := CategoryByID(id)
		if !ok || !cat.SubsApply(s.option(id)) {
			continue
		}
		if sub, ok := cat.matchSub(key); ok {
			return id, sub.ID, true
		}
	}
	return "", "", false
}

// accept answers "/accept": the pending proposal, with any lines written
// under /accept, joins the section. The decisions' options stay as the
// team chose them.
func accept(s *Session, cmd Command) outcome {
	p := s.Pending
	if p == nil {
		return say(withMenu(s, notice("error.nothing-pending", "command", "/accept"))...)
	}
	s.Pending = nil
	if p.Revision != s.Revision {
		// Decided again since: the findings were about decisions now gone.
		return say(notice("proposal.stale", "method", p.Method), menuOf(s))
	}
	changes := cloneEnhancements(p.Changes)
	changes = append(changes, answers(s, cmd, p.Kind, p.Method, primaryOf(p))...)
	added := 0
	for _, e := range changes {
		if !s.accepted(e) {
			s.Enhancements = append(s.Enhancements, e)
			added++
		}
	}
	if added > 0 {
		s.Revision++
	}
	s.History = append(s.History, HistoryEntry{At: cmd.At, By: cmd.Actor, Action: "accept " + string(p.Kind) + " " + p.Method})
	return say(notice("proposal.accepted", "method", p.Method, "count", added), menuOf(s))
}

// reject answers "/reject": the proposal is dropped, the section stays
// exactly as it was.
func reject(s *Session, cmd Command) outcome {
	p := s.Pending
	if p == nil {
		return say(withMenu(s, notice("error.nothing-pending", "command", "/reject"))...)
	}
	s.Pending = nil
	s.History = append(s.History, HistoryEntry{At: cmd.At, By: cmd.Actor, Action: "reject " + string(p.Kind) + " " + p.Method})
	return say(notice("proposal.rejected", "method", p.Method), menuOf(s))
}

// primaryOf is where plain answer lines go for a proposal's source.
func primaryOf(p *Proposal) CategoryID {
	if p.Scope != "" {
		return p.Scope
	}
	if m, ok := MethodByID(p.Method); ok {
		return m.Primary
	}
	for _, c := range p.Changes {
		return c.Category
	}
	return CatPattern
}
