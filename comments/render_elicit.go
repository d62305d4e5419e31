package comments

import (
	"fmt"
	"strings"

	"github.com/pipewright/pipewright/app/strategy"
)

// elicitation renders one method's run: its questions and findings drawn
// from the team's decisions, the consistency findings it digs into, the
// proposed enhancement as a diff of the section, and the seed's question.
func (r Render) elicitation(s *strategy.Session, p *strategy.Proposal, accepted []strategy.Enhancement) string {
	if p == nil {
		return ""
	}
	t := r.Lang.T
	mt := r.Lang.Method(p.Method)
	var b strings.Builder
	fmt.Fprintf(&b, "### %s\n\n_%s_\n\n", t("elicit.heading", "method", mt.Name), mt.Purpose)
	if len(p.Questions) > 0 {
		fmt.Fprintf(&b, "**%s**\n\n", t("elicit.questions"))
		for i, id := range p.Questions {
			fmt.Fprintf(&b, "%d. %s\n", i+1, r.fill(s, mt.Questions[id]))
		}
		b.WriteString("\n")
	}
	if len(p.Findings) > 0 {
		fmt.Fprintf(&b, "**%s**\n\n", t("elicit.findings"))
		for _, id := range p.Findings {
			fmt.Fprintf(&b, "- %s\n", r.fill(s, mt.Findings[id]))
		}
		b.WriteString("\n")
	}
	if len(p.Rules) > 0 {
		fmt.Fprintf(&b, "**%s**\n\n", t("elicit.rules"))
		for _, id := range p.Rules {
			b.WriteString(r.finding(s, id))
		}
		b.WriteString("\n")
	}
	if m, ok := strategy.MethodByID(p.Method); ok && len(m.Matrix) > 0 {
		fmt.Fprintf(&b, "**%s**\n\n%s\n", t("elicit.matrix"), r.matrix(s, m.Matrix))
	}
	diff := r.proposalDiff(s, accepted, p)
	if diff == "" {
		b.WriteString(t("elicit.nothing", "method-id", p.Method))
		return b.String()
	}
	fmt.Fprintf(&b, "**%s**\n\n%s\n\n%s\n\n%s", t("elicit.proposal"), diff, t("elicit.answers", "method-id", p.Method), r.acceptPrompt("elicit.accept-question"))
	return b.String()
}

// matrix sets each option of the categories beside the others on the four
// DORA metrics, from the impacts recorded with each option.
func (r Render) matrix(s *strategy.Session, cats []strategy.CategoryID) string {
	t := r.Lang.T
	var b strings.Builder
	for _, id := range cats {
		cat, ok := strategy.CategoryByID(id)
		if !ok {
			continue
		}
		fmt.Fprintf(&b, "| %s | %s |", r.categoryName(id), t("elicit.matrix-option"))
		for _, m := range strategy.Metrics {
			b.WriteString(" " + r.Lang.Metric(string(m.ID)).Name + " |")
		}
		b.WriteString("\n|---|---|---|---|---|---|\n")
		for _, o := range cat.Options {
			ot := r.Lang.Option(string(id), o.ID)
			name, mark := ot.Name, ""
			if d := s.Decisions[id]; d != nil && d.Option == o.ID {
				name, mark = "**"+ot.Name+"**", "✅ "+t("elicit.matrix-chosen")
			}
			fmt.Fprintf(&b, "| %s | %s |", mark, name)
			for _, m := range strategy.Metrics {
				cell := ""
				for _, im := range ot.DORA {
					if im.Metric == string(m.ID) {
						cell = r.effect(im.Effect)
					}
				}
				b.WriteString(" " + cell + " |")
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	return b.String()
}
