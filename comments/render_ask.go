package comments

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

// context is the seed's "Load Context" block, from step 3 of the document.
func (r Render) context(s *strategy.Session) string {
	t := r.Lang.T
	v := func(x string) string {
		if strings.TrimSpace(x) == "" {
			return "_" + t("context.unstated") + "_"
		}
		return NoPing(Inline(x))
	}
	st := s.Stage3
	var b strings.Builder
	p := func(label, value string) string { return pair(r.Lang, t(label), v(value)) }
	fmt.Fprintf(&b, "%s\n\n**%s**\n- %s\n- %s\n- %s\n\n**%s**\n- %s\n- %s",
		t("context.intro"),
		t("context.deploy"), p("context.method", st.DeployMethod), p("context.tool", st.DeployTool), p("context.sequence", st.EnvironmentSequence),
		t("context.promote"), p("context.gates", st.PromotionGates), p("context.mechanism", st.PromotionMechanism))
	e := s.Earlier
	earlier := func(label, value string) string {
		if strings.TrimSpace(value) == "" {
			return pair(r.Lang, t(label), "_"+t("context.unstated-earlier")+"_")
		}
		return pair(r.Lang, t(label), NoPing(Inline(value)))
	}
	step2 := earlier("context.platform", e.Platform) + "\n- " + earlier("context.branch", e.BranchStrategy)
	if e.Platform == "" && e.BranchStrategy == "" && e.Architecture != "" {
		step2 = earlier("context.architecture", e.Architecture)
	}
	fmt.Fprintf(&b, "\n\n**%s**\n- %s\n- %s", t("context.earlier"), earlier("context.infrastructure", e.Infrastructure), step2)
	if strings.TrimSpace(st.RollbackTriggers) != "" {
		b.WriteString("\n\n" + aside(r.Lang, t("context.rollback-hint"), v(st.RollbackTriggers)))
	}
	return b.String()
}

// branchNote is the flag category's word on step 2's branch strategy:
// how flags interact with the branches the team actually chose.
func (r Render) branchNote(s *strategy.Session, id strategy.CategoryID) string {
	if id != strategy.CatFlags {
		return ""
	}
	text, kind := strategy.BranchOf(s)
	return aside(r.Lang, r.Lang.T("context.branch"), r.Lang.T("flags.branch."+kind, "strategy", NoPing(Inline(text))))
}

// ask presents a category: its question, the options as a table with their
// trade-offs, DORA impact and rollback implication, and the exact commands.
func (r Render) ask(s *strategy.Session, id strategy.CategoryID) string {
	cat, ok := strategy.CategoryByID(id)
	if !ok {
		return ""
	}
	note := r.branchNote(s, id)
	if r.expert() {
		if note != "" {
			return r.askCompact(cat) + "\n\n" + note
		}
		return r.askCompact(cat)
	}
	t := r.Lang.T
	ct := r.Lang.Category(string(id))
	var b strings.Builder
	fmt.Fprintf(&b, "### %s\n\n%s\n\n", t("ask.heading", "number", cat.Number, "total", len(strategy.Categories), "name", ct.Name), ct.Question)
	if note != "" {
		b.WriteString(note + "\n\n")
	}
	if r.beginner() {
		b.WriteString(r.plainWords(cat) + "\n\n")
	}
	downtime := r.statesDowntime(id)
	head := []string{t("ask.col-number"), t("ask.col-option"), t("ask.col-pros"), t("ask.col-cons"), t("ask.col-dora"), t("ask.col-rollback")}
	if downtime {
		head = append(head, t("ask.col-downtime"))
	}
	fmt.Fprintf(&b, "| %s |\n|%s\n", strings.Join(head, " | "), strings.Repeat("---|", len(head)))
	for i, o := range cat.Options {
		ot := r.Lang.Option(string(id), o.ID)
		name := "**" + ot.Name + "**"
		if v := r.version(o.Tool, "ask"); o.Tool != "" && v != "" {
			name += " (" + v + ")"
		}
		fmt.Fprintf(&b, "| %d | %s<br>%s | %s | %s | %s | %s |", i+1, name, ot.Summary,
			strings.Join(ot.Pros, "<br>"), strings.Join(ot.Cons, "<br>"), r.impacts(ot.DORA, "<br>"), ot.Rollback)
		if downtime {
			b.WriteString(" " + ot.Downtime + " |")
		}
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "\n%s\n", t("ask.reply-with"))
	for _, o := range cat.Options {
		fmt.Fprintf(&b, "- `/decide %s -- <why>`\n", o.ID)
	}
	if cat.SkipOption != "" {
		fmt.Fprintf(&b, "\n%s\n", t("ask.skip", "option", r.optionName(r.Lang, id, cat.SkipOption)))
	}
	if len(cat.Subs) > 0 {
		b.WriteString("\n" + t("ask.subs-intro"))
		if len(cat.SubsFor) > 0 {
			var names []string
			for _, o := range cat.SubsFor {
				names = append(names, r.optionName(r.Lang, id, o))
			}
			b.WriteString(" " + t("ask.subs-when", "options", strings.Join(names, ", ")))
		}
		b.WriteString("\n")
		for _, sub := range cat.Subs {
			fmt.Fprintf(&b, "- `%s: ...` %s\n", r.subKey(id, sub.ID), ct.Subs[sub.ID].Question)
		}
	}
	if r.beginner() {
		b.WriteString("\n" + r.glossary())
	}
	return strings.TrimRight(b.String(), "\n")
}

// statesDowntime: the category's options state their downtime effect
// (the migrations, as the seed asks), so the table shows it beside rollback.
func (r Render) statesDowntime(id strategy.CategoryID) bool {
	cat, _ := strategy.CategoryByID(id)
	for _, o := range cat.Options {
		if r.Lang.Option(string(id), o.ID).Downtime != "" {
			return true
		}
	}
	return false
}

// impacts lists DORA effects: "Change Failure Rate: better — why". The
// direction is a word about the team's outcome, never an arrow: "Change
// Failure Rate ⬆️" was meant as "improves" and read as "more failures".
func (r Render) impacts(list []i18n.ImpactText, sep string) string {
	var parts []string
	for _, im := range list {
		parts = append(parts, pair(r.Lang, r.Lang.Metric(im.Metric).Name, r.effect(im.Effect))+" — "+im.Why)
	}
	return strings.Join(parts, sep)
}

// effect is a DORA effect in words ("better", "worse", "mixed", "no change").
func (r Render) effect(effect string) string {
	switch effect {
	case "improves", "worsens", "mixed":
		return r.Lang.T("effect." + effect)
	}
	return r.Lang.T("effect.neutral")
}

// version says which release of a tool is current, or that it is unknown.
func (r Render) version(tool, where string) string {
	if v := r.Versions[tool]; v != "" {
		if where == "ask" {
			return r.Lang.T("ask.latest", "version", v)
		}
		return v
	}
	if where == "ask" {
		return "" // a failed look-up is said once per reply (unverifiedNote)
	}
	return r.Doc.T("section.version-not-verified")
}

// askTargets offers DORA's tiers for each metric still without a target.
func (r Render) askTargets(s *strategy.Session) string {
	if r.targetSet {
		return r.targetsStillOpen(s)
	}
	if r.expert() {
		return r.targetsCompact(s)
	}
	t := r.Lang.T
	var b strings.Builder
	fmt.Fprintf(&b, "### %s\n\n%s\n\n", t("targets.heading"), t("targets.intro"))
	b.WriteString(r.tierTable(s))
	if line := r.baselineSummary(s); line != "" {
		b.WriteString("\n" + line + "\n")
	}
	fmt.Fprintf(&b, "\n%s\n", t("targets.reply-with"))
	for _, m := range s.MissingTargets() {
		fmt.Fprintf(&b, "- %s\n", t("targets.example", "metric", string(m)))
	}
	if r.beginner() {
		b.WriteString("\n" + r.glossary())
	}
	return strings.TrimRight(b.String(), "\n")
}

// tierTable is DORA's tiers for each metric, marking those with a target.
func (r Render) tierTable(s *strategy.Session) string {
	t := r.Lang.T
	var b strings.Builder
	b.WriteString("| " + t("targets.col-metric") + " |")
	for _, tier := range strategy.Tiers {
		b.WriteString(" " + t("tier."+tier) + " |")
	}
	b.WriteString("\n|---|---|---|---|---|\n")
	for _, m := range strategy.Metrics {
		mt := r.Lang.Metric(string(m.ID))
		mark := "⬜"
		if s.Targets[m.ID] != nil {
			mark = "✅"
		}
		fmt.Fprintf(&b, "| %s %s (`%s`) |", mark, mt.Name, m.ID)
		for _, tier := range strategy.Tiers {
			b.WriteString(" " + mt.Tiers[tier] + " |")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// tiers lists the published tiers of one metric, numbered for /target.
func (r Render) tiers(id strategy.MetricID) string {
	mt := r.Lang.Metric(string(id))
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**\n\n", mt.Name)
	if r.beginner() {
		fmt.Fprintf(&b, "_%s_\n\n", mt.Glossary)
	}
	for i, tier := range strategy.Tiers {
		fmt.Fprintf(&b, "%d. %s (`/target %s %s`)\n", i+1, pair(r.Lang, r.Lang.T("tier."+tier), mt.Tiers[tier]), id, tier)
	}
	return strings.TrimRight(b.String(), "\n")
}

// targetText is a target as the team set it: the tier they chose, or their
// words as written with, when the words read as one value, the DORA band it
// falls in beside them ("3% — within DORA Elite (0–5%)"), never instead.
func (r Render) targetText(c *i18n.Catalog, metric strategy.MetricID, tg *strategy.Target) string {
	if tg == nil {
		return ""
	}
	mt := c.Metric(string(metric))
	if tg.Tier != "" {
		return mt.Tiers[tg.Tier] + " (" + c.T("targets.tier-label", "tier", c.T("tier."+tg.Tier)) + ")"
	}
	tier, ok := strategy.ReadTarget(metric, tg.Text)
	switch {
	case !ok:
		return tg.Text
	case tier == "":
		return tg.Text + " — " + c.T("targets.no-band")
	}
	return tg.Text + " — " + c.T("targets.band", "tier", c.T("tier."+tier), "band", mt.BandText(tier))
}

func (r Render) targetRecorded(s *strategy.Session, id strategy.MetricID) string {
	tg := s.Targets[id]
	mt := r.Lang.Metric(string(id))
	return "✅ " + r.Lang.T("targets.recorded", "metric", mt.Name, "text", NoPing(Inline(r.targetText(r.Lang, id, tg))), "by", Login(tg.By))
}

func itoa(n int) string { return strconv.Itoa(n) }
