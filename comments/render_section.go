package comments

import (
	"fmt"
	"strings"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

type catalog = *i18n.Catalog

// Section renders the "## Deployment Strategy" section in the seed's Content
// Structure, in the document's language. Saved, it holds every decision and
// target; before that it holds the parts decided so far (for A and P on one
// category's decision).
func (r Render) Section(s *strategy.Session) string {
	c := r.Doc
	t := c.T
	w := &sectionWriter{c: c}
	w.line("## " + t("section.title"))
	w.heading(t("section.dora"))
	w.line(field(c, t("section.target-profile"), ""))
	for _, m := range strategy.Metrics {
		mt := c.Metric(string(m.ID))
		w.raw("- " + pair(c, mt.Name, Inline(r.targetText(c, m.ID, s.Targets[m.ID]))))
		if line := r.baselineLine(c, s, m.ID); line != "" {
			w.raw(line)
		}
	}

	for _, cat := range strategy.Categories {
		if s.Decided(cat.ID) {
			r.sectionPart(w, c, s, cat.ID)
		}
	}
	if s.Complete() {
		w.heading(t("section.summary"))
		w.line(r.diagram(c, s))
	}
	// Team words are neutralised where they enter; this catches any path
	// (step 3 values, labels) that a later change forgets.
	return Bidi(w.String())
}

// sectionPart writes one decided category's part of the section. A
// proposal on one category's menu is shown as a diff of the parts decided
// so far (the summary needs them all).
func (r Render) sectionPart(w *sectionWriter, c catalog, s *strategy.Session, id strategy.CategoryID) {
	t := c.T
	switch id {
	case strategy.CatPattern:
		pattern := s.Decisions[strategy.CatPattern]
		w.heading(c.Category("pattern").Heading)
		w.field(t("section.pattern"), r.optionName(c, strategy.CatPattern, pattern.Option))
		w.field(t("section.implementation"), r.detail(c, s, strategy.CatPattern))
		w.field(t("section.rationale"), r.rationale(c, s, strategy.CatPattern))
		w.noteItems(t("section.notes"), r.notes(c, s, strategy.CatPattern))
	case strategy.CatFlags:
		flags := s.Decisions[strategy.CatFlags]
		w.heading(c.Category("flags").Heading)
		w.field(t("section.approach"), r.optionName(c, strategy.CatFlags, flags.Option))
		w.field(t("section.tool"), r.tool(c, flags.Option))
		w.field(t("section.integration"), r.detail(c, s, strategy.CatFlags))
		r.ownWords(w, c, s, strategy.CatFlags)
	case strategy.CatMigrations:
		mig := s.Decisions[strategy.CatMigrations]
		w.heading(c.Category("migrations").Heading)
		w.field(t("section.approach"), r.optionName(c, strategy.CatMigrations, mig.Option))
		w.field(t("section.coordination"), r.detail(c, s, strategy.CatMigrations))
		w.field(t("section.rollback-impact"), c.Option("migrations", mig.Option).Rollback)
		r.ownWords(w, c, s, strategy.CatMigrations)
	case strategy.CatRollback:
		rb := s.Decisions[strategy.CatRollback]
		w.heading(c.Category("rollback").Heading)
		w.field(t("section.type"), r.optionName(c, strategy.CatRollback, rb.Option))
		labels := map[string]string{"triggers": "section.triggers", "mechanism": "section.mechanism", "data": "section.data-handling", "testing": "section.testing"}
		for _, st := range s.SubStates(strategy.CatRollback) {
			w.field(t(labels[st.Sub]), r.refined(c, s, strategy.CatRollback, st.Sub, subValue(c, s, strategy.CatRollback, st)))
		}
		r.ownWords(w, c, s, strategy.CatRollback)
	case strategy.CatDowntime:
		dt := s.Decisions[strategy.CatDowntime]
		w.heading(c.Category("downtime").Heading)
		w.field(t("section.requirement-level"), r.optionName(c, strategy.CatDowntime, dt.Option))
		w.line("**" + t("section.implementation") + ":**")
		w.bullets(r.subsOrDetail(c, s, strategy.CatDowntime))
		r.ownWords(w, c, s, strategy.CatDowntime)
	case strategy.CatRegions:
		mr := s.Decisions[strategy.CatRegions]
		w.heading(c.Category("regions").Heading)
		w.field(t("section.approach"), r.optionName(c, strategy.CatRegions, mr.Option))
		w.bullets(r.subsOrDetail(c, s, strategy.CatRegions))
		r.ownWords(w, c, s, strategy.CatRegions)
	}
}

// subsOrDetail lists the sub-decisions where they apply, else the option's
// own paragraph (e.g. best effort needs no probe details).
func (r Render) subsOrDetail(c catalog, s *strategy.Session, id strategy.CategoryID) []string {
	cat, _ := strategy.CategoryByID(id)
	if lines := r.subLines(c, s, cat, false); len(lines) > 0 {
		for i, sub := range cat.Subs { // subLines lists them in this order
			lines[i] = r.refined(c, s, id, sub.ID, lines[i])
		}
		return lines
	}
	return []string{r.detail(c, s, id)}
}

// detail is the option's paragraph with step 3 and other decisions filled in.
func (r Render) detail(c catalog, s *strategy.Session, id strategy.CategoryID) string {
	d := s.Decisions[id]
	tool := strings.TrimSpace(s.Stage3.DeployTool)
	if tool == "" {
		tool = c.T("section.no-tool")
	} else if id == strategy.CatPattern {
		tool = deployTool(c, s, tool)
	}
	method := strings.TrimSpace(s.Stage3.DeployMethod)
	if method == "" {
		method = c.T("section.no-method")
	}
	envs := strings.Join(s.Stage3.Environments, " → ")
	if envs == "" {
		envs = c.T("section.no-environments")
	}
	pattern := ""
	if p := s.Decisions[strategy.CatPattern]; p != nil {
		pattern = r.optionName(c, strategy.CatPattern, p.Option)
	}
	return i18n.Fill(c.Option(string(id), d.Option).Detail,
		"tool", Inline(tool), "method", Inline(method), "environments", Inline(envs), "pattern", pattern)
}

// rationale is the team's reasoning, or plainly none: a reason the team
// did not give is never made up for it.
func (r Render) rationale(c catalog, s *strategy.Session, id strategy.CategoryID) string {
	if v := strings.TrimSpace(s.Decisions[id].Rationale); v != "" {
		return Text(v)
	}
	return "_" + c.T("section.no-rationale") + "_"
}

// ownWords keeps the team's rationale and notes for categories whose seed
// structure has no Rationale field: their words are never dropped.
func (r Render) ownWords(w *sectionWriter, c catalog, s *strategy.Session, id strategy.CategoryID) {
	d := s.Decisions[id]
	if v := strings.TrimSpace(d.Rationale); v != "" {
		w.field(c.T("section.rationale"), Text(v))
	}
	w.noteItems(c.T("section.notes"), r.notes(c, s, id))
}

// tool names the flag tool with its verified version, or N/A.
func (r Render) tool(c catalog, option string) string {
	cat, _ := strategy.CategoryByID(strategy.CatFlags)
	opt, _ := cat.Option(option)
	if opt == nil || opt.Tool == "" {
		return c.T("section.na")
	}
	return fmt.Sprintf("%s (%s)", c.Option("flags", option).Name, r.version(opt.Tool, "section"))
}
