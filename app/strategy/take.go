package strategy

import "strings"

// take records "/take [category] [sub, ...]": the team takes the
// suggestions shown for open sub-decisions as its answers. Nothing is ever
// taken implicitly, and the team's own answers are never replaced.
//
//	/take                      every open sub-decision with a suggestion
//	/take rollback             those of one category
//	/take rollback mechanism   named ones (comma-separated)
func take(s *Session, cmd Command) outcome {
	if !s.Started() {
		return say(notice("take.no-session"))
	}
	cats, subs, fail := resolveTake(s, cmd.Args)
	if fail != nil {
		return *fail
	}
	var msgs []Message
	var taken []CategoryID
	for _, id := range cats {
		var names []string
		for _, st := range s.SubStates(id) {
			if len(subs) > 0 && !subs[st.Sub] {
				continue
			}
			switch {
			case st.Answered || st.Taken:
				if len(subs) > 0 {
					msgs = append(msgs, notice("take.answered", "category", string(id), "sub", st.Sub))
				}
			case !st.Suggested:
				if len(subs) > 0 {
					msgs = append(msgs, notice("take.no-suggestion", "category", string(id), "sub", st.Sub))
				}
			default:
				s.takeOne(id, st.Sub, st.Source)
				names = append(names, st.Sub)
			}
		}
		if len(names) > 0 {
			taken = append(taken, id)
			s.History = append(s.History, HistoryEntry{At: cmd.At, By: cmd.Actor, Action: "take " + string(id) + " " + strings.Join(names, ",")})
		}
	}
	if len(taken) == 0 {
		if len(msgs) == 0 {
			msgs = append(msgs, notice("take.nothing"))
		}
		return outcome{msgs: msgs, showNext: true}
	}
	s.Revision++
	for _, id := range taken {
		msgs = append(msgs, Message{Kind: MsgDecision, Category: id, Key: "taken"})
	}
	return outcome{msgs: msgs, showNext: true}
}

// takeOne makes a suggestion the team's answer. Step 3's triggers are the
// team's words already, so they are copied; the catalogue's are referenced
// and read in whichever language the reader has.
func (s *Session) takeOne(cat CategoryID, sub string, g Suggestion) {
	d := s.Decisions[cat]
	if d.Taken == nil {
		d.Taken = map[string]string{}
	}
	d.Taken[sub] = g.Source()
	if g.Source() == FromStep3 {
		if d.Subs == nil {
			d.Subs = map[string]string{}
		}
		d.Subs[sub] = clean(s.Stage3.RollbackTriggers)
	}
}

// resolveTake reads the categories and sub-decisions /take names. With no
// arguments it means every decided category.
func resolveTake(s *Session, args []string) ([]CategoryID, map[string]bool, *outcome) {
	if len(args) == 0 {
		var all []CategoryID
		for _, c := range Categories {
			if s.Decided(c.ID) {
				all = append(all, c.ID)
			}
		}
		return all, nil, nil
	}
	for split := min(3, len(args)); split >= 1; split-- {
		cat, ok := matchCategory(strings.Join(args[:split], " "))
		if !ok {
			continue
		}
		if !s.Decided(cat.ID) {
			o := outcome{msgs: []Message{notice("take.undecided", "category", string(cat.ID))}, showNext: true}
			return nil, nil, &o
		}
		if split == len(args) {
			return []CategoryID{cat.ID}, nil, nil
		}
		subs, bad := matchSubs(cat, strings.Join(args[split:], " "))
		if bad != "" {
			o := outcome{msgs: []Message{notice("take.unknown-sub", "input", bad, "category", string(cat.ID))}, showNext: true}
			return nil, nil, &o
		}
		return []CategoryID{cat.ID}, subs, nil
	}
	// A sub-decision named alone: the decided category that has it.
	whole := strings.Join(args, " ")
	for _, c := range Categories {
		if !s.Decided(c.ID) || !c.SubsApply(s.option(c.ID)) {
			continue
		}
		if subs, bad := matchSubs(&c, whole); bad == "" {
			return []CategoryID{c.ID}, subs, nil
		}
	}
	o := outcome{msgs: []Message{notice("take.unknown", "input", whole)}, showNext: true}
	return nil, nil, &o
}

// matchSubs reads "mechanism, testing"; bad is the first part that names
// no sub-decision of cat.
func matchSubs(cat *Category, text string) (map[string]bool, string) {
	out := map[string]bool{}
	for _, part := range strings.Split(text, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		sub, ok := cat.matchSub(part)
		if !ok {
			return nil, part
		}
		out[sub.ID] = true
	}
	if len(out) == 0 {
		return nil, text
	}
	return out, ""
}
