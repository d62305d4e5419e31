package comments

import (
	"fmt"
	"strings"

	"github.com/pipewright/pipewright/app/strategy"
)

// Sub-decisions as they stand: the team's words, a suggestion the team took
// with /take, or open. Only the first two are ever saved as an answer; an
// open one is saved as plainly undecided, and replies show its suggestion
// beside it for the team to take or overrule.

// suggestionText is a suggestion's words in c's language: step 3's own
// rollback triggers, or the suggesting option's catalogue text.
func suggestionText(c catalog, s *strategy.Session, cat strategy.CategoryID, sub string, g strategy.Suggestion) string {
	if g.From == "" {
		return Inline(s.Stage3.RollbackTriggers)
	}
	return c.Option(string(g.From), g.Option).Suggestions[strategy.SuggestionKey(cat, sub, g.Variant)]
}

// subValue is a sub-decision in the saved section: only what the team
// wrote or took, or "not decided yet".
func subValue(c catalog, s *strategy.Session, cat strategy.CategoryID, st strategy.SubState) string {
	d := s.Decisions[cat]
	switch {
	case st.Answered || st.Taken && strings.TrimSpace(d.Subs[st.Sub]) != "":
		return Inline(d.Subs[st.Sub])
	case st.Taken:
		if v := suggestionText(c, s, cat, st.Sub, st.Source); v != "" {
			return v
		}
	}
	return "_" + c.T("section.undecided") + "_"
}

// subLines lists a category's sub-decisions for the saved section
// (reply false) or a reply, where an open one shows its suggestion.
func (r Render) subLines(c catalog, s *strategy.Session, cat *strategy.Category, reply bool) []string {
	var out []string
	for _, st := range s.SubStates(cat.ID) {
		label := c.Category(string(cat.ID)).Subs[st.Sub].Label
		v := subValue(c, s, cat.ID, st)
		switch {
		case !reply:
		case st.Taken:
			v += " _(" + c.T("subs.taken") + ")_"
		case st.Open():
			v = openValue(c, s, cat.ID, st)
		}
		out = append(out, pair(c, label, v))
	}
	return out
}

// openValue is an open sub-decision as a reply shows it: open, with the
// suggestion the team may take when there is one.
func openValue(c catalog, s *strategy.Session, cat strategy.CategoryID, st strategy.SubState) string {
	v := "_" + c.T("subs.open") + "_"
	if st.Suggested {
		v += " — " + c.T("subs.suggested", "text", suggestionText(c, s, cat, st.Sub, st.Source))
	}
	return v
}

// takeHint offers /take for a category's open suggestions, or says that
// nothing open has one; "" when nothing is open.
func (r Render) takeHint(s *strategy.Session, id strategy.CategoryID) string {
	suggested, open := 0, 0
	for _, st := range s.SubStates(id) {
		if st.Open() {
			open++
			if st.Suggested {
				suggested++
			}
		}
	}
	if open == 0 {
		return ""
	}
	decide := fmt.Sprintf("/decide %s %s", id, s.Decisions[id].Option)
	if suggested == 0 {
		return r.Lang.T("subs.answer-hint", "decide", decide)
	}
	return r.Lang.T("subs.take-hint", "take", "/take "+string(id), "decide", decide)
}

// openSubs is the review's list of what is still open before C: each open
// sub-decision with its suggestion, and how to take them.
func (r Render) openSubs(s *strategy.Session) string {
	open := s.OpenSubs()
	if len(open) == 0 {
		return ""
	}
	c := r.Lang
	var b strings.Builder
	b.WriteString("**" + c.T("subs.review-heading") + "**\n")
	for _, cat := range strategy.Categories {
		for _, st := range open[cat.ID] {
			label := c.Category(string(cat.ID)).Subs[st.Sub].Label
			b.WriteString("- " + pair(c, c.Category(string(cat.ID)).Name+" · "+label, openValue(c, s, cat.ID, st)) + "\n")
		}
	}
	b.WriteString("\n" + c.T("subs.review-hint", "take", "/take"))
	return b.String()
}
