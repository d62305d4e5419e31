package comments

import (
	"fmt"
	"strings"

	"github.com/pipewright/pipewright/app/strategy"
)

// methods renders the A menu: the methods offered, numbered as /elicit
// takes them, each with why it fits the team's decisions.
// With a scope, they are the methods that fit that one decision.
func (r Render) methods(s *strategy.Session, scope strategy.CategoryID, ids []string) string {
	t := r.Lang.T
	ranked := strategy.RankMethods(s)
	if scope != "" {
		ranked = strategy.ScopedMethods(s, scope)
	}
	fitness := map[string]strategy.Fitness{}
	pos := 0
	for i, f := range ranked {
		fitness[f.ID] = f
		if len(ids) > 0 && f.ID == ids[0] {
			pos = i
		}
	}
	total := len(ranked)
	heading := t("methods.heading")
	switch {
	case scope != "":
		heading = t("methods.heading-scoped", "category-name", r.categoryName(scope))
	case len(ids) == total:
		heading = t("methods.heading-all", "total", total)
	case pos > 0:
		heading = t("methods.heading-more", "from", pos+1, "to", pos+len(ids), "total", total)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "### %s\n\n%s\n\n", heading, t("methods.intro"))
	for i, id := range ids {
		mt := r.Lang.Method(id)
		fmt.Fprintf(&b, "%d. **%s** (`%s`): %s _%s_\n", i+1, mt.Name, id, mt.Purpose, r.why(s, fitness[id]))
	}
	example := "pre-mortem"
	if len(ids) > 0 {
		example = ids[0]
	}
	fmt.Fprintf(&b, "\n%s\n\n- %s\n- %s\n- %s", t("methods.run", "example", example), t("methods.more"), t("methods.all", "total", total), t("methods.back"))
	return b.String()
}

// why explains a method's rank from the decisions it fits and the
// consistency findings it digs into.
func (r Render) why(s *strategy.Session, f strategy.Fitness) string {
	var parts []string
	if names := r.decisionNames(s, f.Matches); names != "" {
		parts = append(parts, r.Lang.T("methods.fits", "decisions", names))
	}
	if len(f.Rules) > 0 {
		var titles []string
		for _, id := range f.Rules {
			titles = append(titles, r.Lang.Rule(id).Title)
		}
		parts = append(parts, r.Lang.T("methods.digs", "rules", strings.Join(titles, "; ")))
	}
	if len(parts) == 0 {
		return "(" + r.Lang.T("methods.general") + ")"
	}
	return "(" + strings.Join(parts, "; ") + ")"
}
