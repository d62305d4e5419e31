package comments

import (
	"fmt"
	"strings"

	"github.com/pipewright/pipewright/app/strategy"
)

// sectionWriter puts one blank line between blocks, as markdown wants.
type sectionWriter struct {
	c      catalog // the section's language, for its labels
	blocks []string
}

func (w *sectionWriter) line(s string)    { w.blocks = append(w.blocks, s) }
func (w *sectionWriter) heading(s string) { w.line("### " + s) }

// raw continues the previous block (list items of one list).
func (w *sectionWriter) raw(s string) {
	if len(w.blocks) == 0 {
		w.line(s)
		return
	}
	w.blocks[len(w.blocks)-1] += "\n" + s
}

func (w *sectionWriter) field(label, value string) { w.line(field(w.c, label, value)) }

func (w *sectionWriter) bullets(items []string) {
	var b strings.Builder
	for i, it := range items {
		if i > 0 {
			b.WriteString("\n")
		}
		b.WriteString("- " + strings.ReplaceAll(it, "\n", "<br>"))
	}
	if b.Len() > 0 {
		w.line(b.String())
	}
}

func (w *sectionWriter) String() string { return strings.Join(w.blocks, "\n\n") + "\n" }

// review presents the section to be saved, the seed's assessment of
// deployment frequency and MTTR, and the A/P/C menu.
func (r Render) review(s *strategy.Session) string {
	t := r.Lang.T
	intro := t("review.intro", "frequency", r.assess(s, strategy.MetricFrequency), "mttr", r.assess(s, strategy.MetricMTTR))
	section := r.Section(s)
	body := fmt.Sprintf("%s\n\n%s\n\n<details open><summary>pipeline.md</summary>\n\n%s\n</details>\n\n%s", intro, t("review.show"), NoPing(section), r.analysisWithBaseline(s))
	if v := r.versionsNote(s, ToolsShown(s, []strategy.Message{{Kind: strategy.MsgReview}}, true)); v != "" {
		body += "\n\n" + v
	}
	if open := r.openSubs(s); open != "" {
		body += "\n\n" + NoPing(open)
	}
	return body + "\n\n" + r.menu()
}

// assess derives a metric's assessment from the team's own decisions and
// target: which choices help it and which hold it back.
func (r Render) assess(s *strategy.Session, metric strategy.MetricID) string {
	var helps, hurts []string
	for _, c := range strategy.Categories {
		d := s.Decisions[c.ID]
		if d == nil {
			continue
		}
		ot := r.Lang.Option(string(c.ID), d.Option)
		for _, im := range ot.DORA {
			if im.Metric != string(metric) {
				continue
			}
			switch im.Effect {
			case "improves":
				helps = append(helps, ot.Name)
			case "worsens":
				hurts = append(hurts, ot.Name)
			}
		}
	}
	var parts []string
	if tg := s.Targets[metric]; tg != nil {
		parts = append(parts, r.Lang.T("review.assess-target", "target", NoPing(Inline(r.targetText(r.Lang, metric, tg)))))
	}
	if len(helps) > 0 {
		parts = append(parts, r.Lang.T("review.assess-helps", "options", strings.Join(helps, ", ")))
	}
	if len(hurts) > 0 {
		parts = append(parts, r.Lang.T("review.assess-hurts", "options", strings.Join(hurts, ", ")))
	}
	if len(helps)+len(hurts) == 0 {
		parts = append(parts, r.Lang.T("review.assess-none"))
	}
	return strings.Join(parts, "; ")
}
