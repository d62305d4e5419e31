package strategy

import "strings"

// The A/P/C menu: /menu shows the review, /menu A the methods, /menu P the
// party, /menu C saves.

func menu(s *Session, cmd Command) outcome {
	if scope := s.menuScope(); scope != "" {
		return categoryMenu(s, cmd, scope)
	}
	if !s.Complete() {
		return outcome{msgs: []Message{{Kind: MsgStatus}, notice("menu.not-ready")}, showNext: true}
	}
	choice, extra := menuChoice(cmd.Rest)
	switch {
	case strings.TrimSpace(cmd.Rest) == "":
		settle(s)
		if s.Pending != nil {
			return say(Message{Kind: MsgReview}, notice("proposal.waiting", "method", s.Pending.Method))
		}
		return say(Message{Kind: MsgReview})
	case choice == "c" && s.Pending != nil:
		// The seed: the team accepts or rejects a protocol's changes
		// before proceeding.
		return say(notice("proposal.pending", "method", s.Pending.Method))
	case choice == "c":
		return outcome{msgs: []Message{{Kind: MsgSaveOutcome}}, save: &Save{Revision: s.Revision}}
	case choice == "a":
		return offerMethods(s, extra)
	case choice == "p":
		return party(s, cmd, "")
	}
	return say(notice("menu.unknown-choice", "choice", cmd.Rest), Message{Kind: MsgMenu})
}

// menuChoice reads the letter of "/menu A", "/menu [P] Party Mode" or
// "/menu continue", and the words after it ("/menu A all").
func menuChoice(rest string) (letter, extra string) {
	words := strings.Fields(strings.ToLower(rest))
	if len(words) == 0 {
		return "", ""
	}
	first, extra := words[0], strings.Join(words[1:], " ")
	for _, c := range []struct{ letter, word string }{{"a", "advanced"}, {"p", "party"}, {"c", "continue"}} {
		if first == c.letter || strings.HasPrefix(first, c.letter+")") || strings.HasPrefix(first, "["+c.letter+"]") || strings.HasPrefix(first, c.word) {
			return c.letter, extra
		}
	}
	return "", ""
}

// menuOf is the menu A or P return to: the category's while its menu is
// open, else the whole strategy's.
func menuOf(s *Session) Message {
	return Message{Kind: MsgMenu, Category: s.menuScope()}
}
