package comments

import (
	"fmt"
	"strings"

	"github.com/pipewright/pipewright/app/strategy"
)

// analysis renders the consistency findings: each fired rule with its DORA
// impact, its rollback implication and a question for the team. Shown in
// the review before C and inside party mode; a warning, never a block.
func (r Render) analysis(s *strategy.Session, ids []string) string {
	t := r.Lang.T
	total := len(strategy.Rules)
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**\n\n", t("analysis.heading"))
	if len(ids) == 0 {
		b.WriteString(t("analysis.none", "total", total))
		return b.String()
	}
	b.WriteString(t("analysis.intro", "count", len(ids), "total", total) + "\n")
	for _, id := range ids {
		b.WriteString("\n" + r.finding(s, id))
	}
	return strings.TrimRight(b.String(), "\n")
}

// finding is one fired rule as a list item with its three facets.
func (r Render) finding(s *strategy.Session, id string) string {
	t := r.Lang.T
	rule, ok := strategy.RuleByID(id)
	if !ok {
		return ""
	}
	rt := r.Lang.Rule(id)
	var b strings.Builder
	title := "**" + rt.Title + "** (" + pair(r.Lang, t("analysis.concerns"), r.decisionNames(s, rule.Concerns)) + ")"
	b.WriteString("- ⚠️ " + pair(r.Lang, title, r.fill(s, rt.Message)) + "\n")
	b.WriteString("  - " + field(r.Lang, t("analysis.dora"), r.fill(s, rt.DORA)) + "\n")
	b.WriteString("  - " + field(r.Lang, t("analysis.rollback"), r.fill(s, rt.Rollback)) + "\n")
	b.WriteString("  - " + field(r.Lang, t("analysis.question"), r.fill(s, rt.Question)) + "\n")
	return b.String()
}

// acceptPrompt asks the seed's question after A or P, and says how to
// answer it.
func (r Render) acceptPrompt(question string) string {
	return fmt.Sprintf("**%s**\n\n%s", r.Lang.T(question), r.Lang.T("apc.accept-how"))
}
