package strategy

import (
	"slices"
	"strings"
)

// decide records "/decide [category] <option>" with its rationale and
// sub-decision answers. A near miss changes nothing and asks.
func decide(s *Session, cmd Command) outcome {
	if len(cmd.Args) == 0 {
		return outcome{msgs: []Message{notice("decide.missing-option")}, showNext: true}
	}
	cat, opt, fail := resolveDecision(s, cmd.Args)
	if fail != nil {
		return *fail
	}
	record(s, cat, opt, cmd)
	s.Menu = cat.ID
	return outcome{msgs: []Message{{Kind: MsgDecision, Category: cat.ID}}, showNext: true}
}

// skip answers a skippable category ("if applicable") with its skip option.
func skip(s *Session, cmd Command) outcome {
	cat, ok := currentCategory(s)
	if len(cmd.Args) > 0 {
		cat, ok = matchCategory(cmd.Rest)
	}
	if !ok {
		return outcome{msgs: []Message{notice("skip.nothing")}, showNext: true}
	}
	if cat.SkipOption == "" {
		return outcome{msgs: []Message{notice("skip.required", "category", string(cat.ID))}, showNext: true}
	}
	opt, _ := cat.Option(cat.SkipOption)
	record(s, cat, opt, cmd)
	s.Menu = cat.ID
	return outcome{msgs: []Message{{Kind: MsgDecision, Category: cat.ID}}, showNext: true}
}

func currentCategory(s *Session) (*Category, bool) {
	if s.Current == "" {
		if missing := s.MissingCategories(); len(missing) > 0 {
			return CategoryByID(missing[0])
		}
		return nil, false
	}
	return CategoryByID(s.Current)
}

// resolveDecision reads "<option>", "<number>" or "<category> <option>".
func resolveDecision(s *Session, args []string) (*Category, *Option, *outcome) {
	whole := strings.Join(args, " ")
	cur, hasCur := currentCategory(s)
	if hasCur {
		if opt, ok := cur.matchOption(whole); ok {
			return cur, opt, nil
		}
	}
	// "<category> <option>": the category may take up to three words; the
	// longest name wins, so "deployment pattern canary" is not read as the
	// category "deployment" with the option "pattern canary".
	var catFail *outcome
	for split := min(3, len(args)-1); split >= 1; split-- {
		cat, ok := matchCategory(strings.Join(args[:split], " "))
		if !ok {
			continue
		}
		rest := strings.Join(args[split:], " ")
		if opt, ok := cat.matchOption(rest); ok {
			return cat, opt, nil
		}
		if catFail == nil {
			catFail = unknownOption(cat, rest)
		}
	}
	// An option of exactly one other category is unambiguous.
	var found []*Category
	var foundOpt *Option
	for i := range Categories {
		if _, isNum := atoi(whole); isNum {
			break
		}
		if opt, ok := Categories[i].matchOption(whole); ok {
			found = append(found, &Categories[i])
			foundOpt = opt
		}
	}
	if len(found) == 1 {
		return found[0], foundOpt, nil
	}
	if len(found) > 1 {
		o := outcome{msgs: []Message{notice("decide.ambiguous", "input", whole)}, showNext: true}
		return nil, nil, &o
	}
	if catFail != nil {
		// "database driven" names the category "database" but is whole an
		// option of another one; only when it is not is the category meant.
		return nil, nil, catFail
	}
	if !hasCur {
		o := outcome{msgs: []Message{notice("decide.which-category", "option", whole)}, showNext: true}
		return nil, nil, &o
	}
	return nil, nil, unknownOption(cur, whole)
}

func unknownOption(cat *Category, text string) *outcome {
	if opt, ok := cat.suggestOption(text); ok {
		return &outcome{msgs: []Message{notice("decide.did-you-mean", "input", text, "option", opt.ID, "category", string(cat.ID))}}
	}
	for i := range Categories {
		if opt, ok := Categories[i].suggestOption(text); ok && &Categories[i] != cat {
			return &outcome{msgs: []Message{notice("decide.did-you-mean-other", "input", text, "option", opt.ID, "category", string(Categories[i].ID))}}
		}
	}
	return &outcome{msgs: []Message{notice("decide.unknown-option", "input", text, "category", string(cat.ID)), {Kind: MsgAsk, Category: cat.ID}}}
}

// record stores a decision, merging with an earlier one for the same option
// so that a follow-up "/decide rollback automated" with only "Triggers: ..."
// keeps the rationale already given.
func record(s *Session, cat *Category, opt *Option, cmd Command) {
	if s.Decisions == nil {
		s.Decisions = map[CategoryID]*Decision{}
	}
	prev := s.Decisions[cat.ID]
	d := &Decision{Option: opt.ID, Rationale: clean(cmd.Rationale), By: cmd.Actor, At: cmd.At}
	if prev != nil && prev.Option != opt.ID {
		s.dropEnhancements(cat.ID)
	}
	if prev != nil && prev.Option == opt.ID {
		if d.Rationale == "" {
			d.Rationale = prev.Rationale
		}
		d.Subs = cloneMap(prev.Subs)
		d.Taken = cloneMap(prev.Taken)
		d.Notes = append(d.Notes, prev.Notes...)
	}
	for _, f := range cmd.Fields {
		sub, ok := cat.matchSub(f.Key)
		if ok && cat.SubsApply(opt.ID) {
			if d.Subs == nil {
				d.Subs = map[string]string{}
			}
			d.Subs[sub.ID] = clean(f.Value)
			delete(d.Taken, sub.ID) // the team's own words replace what it took
			continue
		}
		if note := clean(f.Key + ": " + f.Value); !slices.Contains(d.Notes, note) {
			// Kept once: a follow-up that repeats a line adds nothing.
			d.Notes = append(d.Notes, note)
		}
	}
	s.Decisions[cat.ID] = d
	s.dropStaleTaken(cat.ID, opt.ID)
	s.Revision++
	s.History = append(s.History, HistoryEntry{At: cmd.At, By: cmd.Actor, Action: "decide " + string(cat.ID) + " " + opt.ID})
	if s.Current == cat.ID || s.Current == "" {
		s.Current = ""
		for _, c := range Categories[cat.Number-1:] {
			if !s.Decided(c.ID) {
				s.Current = c.ID
				break
			}
		}
	}
}

// clean is the team's text as a session keeps it: trimmed, and valid UTF-8
// so that it survives the JSON round trip through the store unchanged.
func clean(s string) string { return strings.ToValidUTF8(strings.TrimSpace(s), "\uFFFD") }

func atoi(s string) (int, bool) {
	n := 0
	if s == "" {
		return 0, false
	}
	for _, r := range s {
		if r < '0' || r > '9' || n > 1000 {
			return 0, false
		}
		n = n*10 + int(r-'0')
	}
	return n, true
}
