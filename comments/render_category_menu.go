package comments

import (
	"fmt"

	"github.com/pipewright/pipewright/app/strategy"
)

// categoryMenu is the seed's A/P/C "after each major decision category":
// A and P on the decision just made, C on to what is still open. It
// stands where the next category's options used to, so a decision's reply
// does not grow; C shows them.
func (r Render) categoryMenu(s *strategy.Session, id strategy.CategoryID) string {
	t := r.Lang.T
	name := r.categoryName(id)
	return fmt.Sprintf("**%s**\n\n- %s\n- %s\n- %s\n\n%s",
		t("menu.category-question", "category-name", name),
		t("menu.category-a", "category-name", name),
		t("menu.category-p", "category-name", name),
		t("menu.category-c", "next", r.continueTo(s)),
		t("menu.category-commands"))
}

// continueTo names what C goes on to: the category still open (the current
// one first), else the DORA targets.
func (r Render) continueTo(s *strategy.Session) string {
	missing := s.MissingCategories()
	if len(missing) == 0 {
		return r.Lang.T("menu.category-targets")
	}
	next := missing[0]
	if s.Current != "" && !s.Decided(s.Current) {
		next = s.Current
	}
	cat, _ := strategy.CategoryByID(next)
	return r.Lang.T("ask.heading", "number", cat.Number, "total", len(strategy.Categories), "name", r.categoryName(next))
}
