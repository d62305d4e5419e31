package comments

import (
	"fmt"
	"strings"

	"github.com/pipewright/pipewright/app/strategy"
)

// decision is the seed's decision record: category, decision, DORA impact,
// rationale and rollback implication, plus the sub-decisions as they stand.
func (r Render) decision(s *strategy.Session, id strategy.CategoryID, key string) string {
	d := s.Decisions[id]
	cat, ok := strategy.CategoryByID(id)
	if d == nil || !ok {
		return ""
	}
	t := r.Lang.T
	ot := r.Lang.Option(string(id), d.Option)
	rationale := NoPing(Inline(d.Rationale))
	if rationale == "" {
		rationale = "_" + t("decision.no-rationale", "command", fmt.Sprintf("/decide %s %s -- <why>", id, d.Option)) + "_"
	}
	var b strings.Builder
	heading := t("decision.heading")
	if key == "taken" {
		heading = t("subs.taken-heading")
	}
	fmt.Fprintf(&b, "✅ **%s** (%s)\n\n", heading, t("decision.by", "by", Login(d.By)))
	for _, f := range [][2]string{
		{t("decision.category"), r.categoryName(id)},
		{t("decision.decision"), ot.Name},
		{t("decision.dora"), r.impacts(ot.DORA, "; ")},
		{t("decision.rationale"), rationale},
		{t("decision.rollback"), ot.Rollback},
	} {
		b.WriteString("- " + field(r.Lang, f[0], f[1]) + "\n")
	}
	if subs := r.subLines(r.Lang, s, cat, true); len(subs) > 0 {
		b.WriteString("- " + field(r.Lang, t("decision.subs"), "") + "\n")
		for _, l := range subs {
			b.WriteString("  - " + NoPing(l) + "\n")
		}
	}
	if len(d.Notes) > 0 {
		b.WriteString("- " + field(r.Lang, t("decision.notes"), "") + "\n")
		for _, n := range d.Notes {
			b.WriteString("  - " + NoPing(Inline(n)) + "\n")
		}
	}
	for _, note := range []string{r.knowledgeNote(s, id)} {
		if note != "" {
			b.WriteString("\n" + note + "\n")
		}
	}
	if hint := r.takeHint(s, id); hint != "" {
		b.WriteString("\n" + hint + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// status shows where the session stands.
func (r Render) status(s *strategy.Session) string {
	t := r.Lang.T
	switch s.Phase {
	case strategy.PhaseIdle:
		return t("status.not-started")
	case strategy.PhaseCancelled:
		return t("status.cancelled")
	}
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**\n\n", t("status.heading"))
	for _, c := range strategy.Categories {
		d := s.Decisions[c.ID]
		if d == nil {
			b.WriteString("- ⬜ " + pair(r.Lang, r.categoryName(c.ID), "_"+t("progress.open")+"_") + "\n")
			continue
		}
		b.WriteString("- ✅ " + pair(r.Lang, r.categoryName(c.ID), r.optionName(r.Lang, c.ID, d.Option)) + " (" + Login(d.By) + ")\n")
	}
	for _, m := range strategy.Metrics {
		mt := r.Lang.Metric(string(m.ID))
		tg := s.Targets[m.ID]
		if tg == nil {
			b.WriteString("- ⬜ " + pair(r.Lang, mt.Name, "_"+t("progress.open")+"_") + "\n")
			continue
		}
		b.WriteString("- ✅ " + pair(r.Lang, mt.Name, NoPing(Inline(r.targetText(r.Lang, m.ID, tg)))) + " (" + Login(tg.By) + ")\n")
	}
	switch {
	case s.Saved != nil && s.Phase == strategy.PhaseSaved:
		fmt.Fprintf(&b, "\n%s", t("status.saved", "revision", s.Saved.Revision, "by", Login(s.Saved.By)))
	case s.Saved != nil:
		fmt.Fprintf(&b, "\n%s", t("status.saved-revised", "revision", s.Saved.Revision, "by", Login(s.Saved.By)))
	default:
		fmt.Fprintf(&b, "\n%s", t("status.unsaved"))
	}
	if s.Saved != nil && s.Saved.Commit != "" {
		fmt.Fprintf(&b, "\n- %s", t("save.commit", "link", s.Saved.Commit))
	}
	return b.String()
}

// progress is the compact line closing every reply of a live session.
func (r Render) progress(s *strategy.Session) string {
	var parts []string
	for _, c := range strategy.Categories {
		name := r.Lang.Category(string(c.ID)).Name
		if d := s.Decisions[c.ID]; d != nil {
			parts = append(parts, "✅ "+pair(r.Lang, name, r.optionName(r.Lang, c.ID, d.Option))+" ("+Login(d.By)+")")
		} else {
			parts = append(parts, "⬜ "+name)
		}
	}
	done := len(strategy.Metrics) - len(s.MissingTargets())
	parts = append(parts, r.Lang.T("progress.targets", "done", done))
	return "<sub>" + pair(r.Lang, r.Lang.T("progress.label"), strings.Join(parts, " · ")) + "</sub>"
}

// menu is the seed's A/P/C menu.
func (r Render) menu() string {
	t := r.Lang.T
	return fmt.Sprintf("**%s**\n\n- %s\n- %s\n- %s\n\n%s", t("menu.question"), t("menu.a"), t("menu.p"), t("menu.c"), t("menu.commands"))
}

// help is generated from the command registry, never kept by hand.
func (r Render) help() string {
	t := r.Lang.T
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**\n\n%s\n\n| %s | %s | %s |\n|---|---|---|\n", t("help.heading"), t("help.intro"), t("help.col-command"), t("help.col-what"), t("help.col-who"))
	for _, spec := range Registry() {
		who := t("help.who-anyone")
		if spec.NeedsWrite {
			who = t("help.who-write")
		}
		desc := spec.Description
		if _, ok := r.Lang.Messages[spec.DescriptionKey]; ok {
			desc = t(spec.DescriptionKey)
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", strings.ReplaceAll(spec.Usage, "|", `\|`), desc, who)
	}
	return strings.TrimRight(b.String(), "\n")
}

// saveOutcome reports the save the shell carried out.
func (r Render) saveOutcome() string {
	t := r.Lang.T
	o := r.Save
	if o == nil {
		return SaveOutcomePlaceholder
	}
	if o.Err != "" {
		return "⚠️ " + t("save.failed", "reason", NoPing(Inline(r.errorText(o.Problem, o.Err)))) + "\n\n" + t("save.retry")
	}
	var lines []string
	if o.Unchanged {
		lines = append(lines, "✅ "+t("save.unchanged", "path", Name(o.Path)))
	} else {
		lines = append(lines, "✅ "+r.sectionNamed(t("save.done", "path", Name(o.Path))))
	}
	if o.Branch != "" && o.Taken != "" {
		lines = append(lines, "- "+t("save.branch-taken", "taken", Name(o.Taken), "branch", Name(o.Branch)))
	}
	if o.CommitURL != "" {
		lines = append(lines, "- "+t("save.commit", "link", o.CommitURL))
	}
	if o.FilesURL != "" {
		lines = append(lines, "- "+t("save.review", "link", o.FilesURL))
	}
	if o.PRURL != "" {
		lines = append(lines, "- "+t("save.pr", "link", o.PRURL))
	}
	lines = append(lines, "", r.nextStep(o.Path))
	return strings.Join(lines, "\n")
}

// nextStep hands off to step 5 as the seed does after C: what validation
// checks, and that it runs in the team's BMAD tool, not here.
func (r Render) nextStep(path string) string {
	return r.Lang.T("save.next", "path", Name(path)) + "\n\n" + r.Lang.T("save.how")
}

// SaveOutcomePlaceholder stands in a reply rendered before the save ran; the
// shell replaces it with FillSaveOutcome. User text cannot forge it: every
// "<!--" in user text is escaped.
const SaveOutcomePlaceholder = "<!-- pipewright:save-outcome -->"

// FillSaveOutcome puts the save's outcome into a reply rendered earlier.
func (r Render) FillSaveOutcome(body string, o SaveOutcome) string {
	r.Save = &o
	return strings.Replace(body, SaveOutcomePlaceholder, r.saveOutcome(), 1)
}
